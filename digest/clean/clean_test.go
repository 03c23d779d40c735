package clean

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/text"
)

// checkWordsKept asserts the rule cleaning lives by: every word of the
// cleaned body is a word of the document, in the same order.
func checkWordsKept(t *testing.T, source string, a *digest.Article) {
	t.Helper()
	src := text.Words(source)
	i := 0
	for _, w := range text.Words(a.Body()) {
		for i < len(src) && src[i] != w {
			i++
		}
		if i == len(src) {
			t.Errorf("%s: cleaned word %q is not in the source in order", a.Source, w)
			return
		}
		i++
	}
}

func TestNoInventedFields(t *testing.T) {
	a, err := Article(readFixture(t, "missing_title.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Publication != "" || !a.Published.IsZero() || a.Authors != nil || a.URL != "" || a.Removed != nil {
		t.Errorf("invented metadata: publication %q, published %v, authors %q, url %q, removed %q",
			a.Publication, a.Published, a.Authors, a.URL, a.Removed)
	}
	if a.Origin != digest.OriginFile || a.Source != filepath.Join("testdata", "missing_title.txt") {
		t.Errorf("origin, source = %q, %q", a.Origin, a.Source)
	}
}

func TestDocumentURLKept(t *testing.T) {
	doc := digest.Document{Name: "feed item", URL: "https://example.com/a", Text: "Title Here\n\nSome body text that is long enough."}
	a, err := Article(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != doc.URL || a.Source != "feed item" {
		t.Errorf("url, source = %q, %q", a.URL, a.Source)
	}
}

func TestNothingUsableLeft(t *testing.T) {
	tests := []struct{ name, text string }{
		{"only boilerplate", readFixture(t, "only_boilerplate.txt").Text},
		{"only a title", "A Title Alone\n"},
		{"only separators", "***\n\n---\n\n,,,\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Article(digest.Document{Name: "drop/x.txt", Text: tt.text}, Options{})
			if !errors.Is(err, ErrNoText) || !strings.Contains(err.Error(), "drop/x.txt") {
				t.Errorf("error = %v, want ErrNoText naming drop/x.txt", err)
			}
		})
	}
}

func TestContentHash(t *testing.T) {
	a := ContentHash([]string{"The Bus  runs.", "Every hour."})
	b := ContentHash([]string{"the bus runs.\n", " every   hour."})
	if a != b {
		t.Errorf("hashes differ for the same text spaced and cased differently: %s, %s", a, b)
	}
	if c := ContentHash([]string{"The tram runs.", "Every hour."}); c == a {
		t.Error("different text, same hash")
	}
	if len(a) != 64 || strings.ToLower(a) != a {
		t.Errorf("hash %q is not lowercase hex sha256", a)
	}
	art, err := Article(readFixture(t, "wrapped.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if art.ContentHash != ContentHash(art.Paragraphs) || art.ID != art.ContentHash[:16] {
		t.Errorf("id %q, hash %q", art.ID, art.ContentHash)
	}
}

func readFixture(t *testing.T, name string) digest.Document {
	t.Helper()
	p := filepath.Join("testdata", name)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return digest.Document{Name: p, Origin: digest.OriginFile, Text: string(b)}
}

// TestMetadataLines covers metadata conventions the fixtures do not.
func TestMetadataLines(t *testing.T) {
	const body = "The trams returned on Monday after a long strike."
	tests := []struct {
		name string
		text string
		want want
	}{
		{"markdown title and byline", "# Trams Return\n\nBy Jane Doe\n\n" + body,
			want{title: "Trams Return", authors: []string{"Jane Doe"}}},
		{"date after the title", "Trams Return\nMay 5, 2023\n\n" + body,
			want{title: "Trams Return", published: "2023-05-05"}},
		{"publication after the title, before the date", "Trams Return to the City\nThe Diplomat\nMay 1, 2023\n\n" + body,
			want{title: "Trams Return to the City", publication: "The Diplomat", published: "2023-05-01"}},
		{"updated is not published", "Trams Return\n\nUpdated: May 6, 2023\nPublished: May 5, 2023\n\n" + body,
			want{title: "Trams Return", published: "2023-05-05"}},
		{"unreadable date label", "Trams Return\n\nPublished: 3 hours ago\n\n" + body,
			want{title: "Trams Return"}},
		{"wire credits at the end", "Trams Return\n\n" + body + "\n\nReporting by Jane Doe; Editing by John Roe",
			want{title: "Trams Return", authors: []string{"Jane Doe"}}},
		{"source label at the end", "Trams Return\n\n" + body + "\n\nSource: Metro Weekly",
			want{title: "Trams Return", publication: "Metro Weekly"}},
		{"byline with a date", "Trams Return\n\nBy Jane Doe | May 1, 2023\n\n" + body,
			want{title: "Trams Return", authors: []string{"Jane Doe"}, published: "2023-05-01"}},
		{"a short title next to a date is still the title", "Trams Return\nMay 5, 2023\n\n" + body,
			want{title: "Trams Return", published: "2023-05-05"}},
		{"headline that is a question", "Will the Trams Return?\n\n" + body,
			want{title: "Will the Trams Return?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Article(digest.Document{Name: "x.txt", Text: tt.text}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			tt.want.paragraphs = []string{body}
			checkArticle(t, a, tt.want)
		})
	}
}

func TestRulesAroundANoteAreNotFrontMatter(t *testing.T) {
	text := "---\nUpdate: the ministry later confirmed the figures.\n---\n\nTrams Return\n\nThe trams returned on Monday after a long strike."
	a, err := Article(digest.Document{Name: "x.txt", Text: text}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Update: the ministry later confirmed the figures.", "Trams Return", "The trams returned on Monday after a long strike."}
	if !slices.Equal(a.Paragraphs, want) {
		t.Errorf("paragraphs = %q, want %q", a.Paragraphs, want)
	}
}
