package feed

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, and that its result is
// either an error naming the feed or a feed of well-formed entries.
func FuzzParse(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<rss><channel><item><link>%zz</link><pubDate>Mon, 99 Foo 2024 99:99 GMT+99</pubDate></item></channel></rss>`))
	f.Add([]byte(`{"items":[{"url":"::","content_html":"<p>x"}]}`))
	const feedURL = "https://fuzz.example/feed"
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := Parse(data, feedURL)
		if err != nil {
			if feed != nil {
				t.Errorf("feed returned along with error %v", err)
			}
			if !strings.Contains(err.Error(), feedURL) {
				t.Errorf("error %q does not name the feed", err)
			}
			return
		}
		for _, e := range feed.Entries {
			checkParagraphs(t, e.Text)
			if e.URL != "" && !isWebURL(e.URL) {
				t.Errorf("entry URL %q is not an absolute web URL", e.URL)
			}
			if !e.Published.IsZero() && (e.Published.Year() < 1900 || e.Published.Year() > 2200) {
				t.Errorf("implausible date %v", e.Published)
			}
			e.Document(feed.Title)
		}
	})
}

// FuzzHTMLToText checks the shape of HTMLToText's output on any input.
func FuzzHTMLToText(f *testing.F) {
	f.Add("<p>One</p><p>Two &amp; three</p>")
	f.Add(`<ul><li>a<ul><li>b</ul></li></ul><script>x</script><img onerror=alert(1)>`)
	f.Add("<table><tr><td>a<td>b</table>")
	f.Fuzz(func(t *testing.T, html string) {
		checkParagraphs(t, HTMLToText(html))
	})
}

// checkParagraphs asserts text is paragraphs separated by single blank
// lines, each trimmed, non-empty, with no runs of whitespace.
func checkParagraphs(t *testing.T, text string) {
	t.Helper()
	if text == "" {
		return
	}
	for _, p := range strings.Split(text, "\n\n") {
		if p == "" || p != strings.Join(strings.Fields(p), " ") {
			t.Errorf("paragraph %q is empty or not collapsed in %q", p, text)
		}
	}
}
