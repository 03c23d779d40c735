package extract

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var harbourParagraphs = []string{
	"The long-awaited tidal library opened on the harbour front on Saturday morning, giving the town a reading room that floods twice a day by design.",
	"Architects raised the shelves on slate pillars so that the lowest books sit well above the spring tide line, while the reading tables stand on the wet floor and dry out within the hour.",
	`Librarian Maren Oakes said the building was meant to make people notice the sea again. "Every visitor has to check the tide table before they come in," she said, "and that is the whole point."`,
	"The project cost the town council a little over two million pounds, most of it raised through a harbour levy that fishing crews agreed to pay for ten years.",
	"Opening hours change with the tides and are posted each week on the library door and at the ferry terminal.",
}

// boilerplate is text of the article fixture that is not the article.
var boilerplate = []string{"COMMENT", "RELATED", "FOOTER", "SCRIPT TEXT", "STYLE TEXT", "cookies", "Subscribe today", "Privacy policy"}

func TestPageKeepsOnlyTheArticle(t *testing.T) {
	page := fixture(t, "article.html")
	for name, extract := range map[string]func([]byte, string) (*Result, error){"Page": Page, "Trafilatura": Trafilatura} {
		t.Run(name, func(t *testing.T) {
			res, err := extract(page, "https://www.coastal-ledger.example/news/tidal-library")
			if err != nil {
				t.Fatal(err)
			}
			paras := strings.Split(res.Text, "\n\n")
			for _, p := range harbourParagraphs {
				if !slices.Contains(paras, p) {
					t.Errorf("paragraph missing: %q\ngot %q", p, paras)
				}
			}
			for _, b := range boilerplate {
				if strings.Contains(res.Text, b) {
					t.Errorf("boilerplate %q kept:\n%s", b, res.Text)
				}
			}
			if res.Title != "Harbour Town Opens Its New Tidal Library" {
				t.Errorf("title %q", res.Title)
			}
			// Only the host names the site; that is not a stated name.
			if res.SiteName != "" || res.Authors != nil || !res.Published.IsZero() {
				t.Errorf("metadata the page does not state: %q %q %v", res.SiteName, res.Authors, res.Published)
			}
			if res.Extractor == "" {
				t.Error("no extractor named")
			}
		})
	}
}

func TestPageMetadata(t *testing.T) {
	res, err := Page(fixture(t, "meta.html"), "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != "Night Trains Return to the Northern Line" {
		t.Errorf("title %q", res.Title)
	}
	if res.SiteName != "Rail Weekly" {
		t.Errorf("site name %q", res.SiteName)
	}
	if !reflect.DeepEqual(res.Authors, []string{"Ines Halloran"}) {
		t.Errorf("authors %q", res.Authors)
	}
	if got := res.Published.Format(time.DateOnly); got != "2024-03-05" {
		t.Errorf("published %s", got)
	}
	if !strings.HasPrefix(res.Text, "Sleeper trains will run again") || strings.Contains(res.Text, "all rights reserved") {
		t.Errorf("text:\n%s", res.Text)
	}
}

// The same French page saved as ISO-8859-1 with no charset, with a
// wrong one (UTF-8), with the right one, and saved as UTF-8 while
// declaring ISO-8859-1.
func TestPageCharsets(t *testing.T) {
	want := "La propriétaire, Élodie Marchal, a conservé le comptoir en chêne d'origine et les grandes fenêtres qui donnent sur les bateaux de pêche."
	for _, name := range []string{"latin1-undeclared.html", "latin1-wrong-charset.html", "latin1-declared.html", "utf8-declared-latin1.html"} {
		t.Run(name, func(t *testing.T) {
			res, err := Page(fixture(t, name), "")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(strings.Split(res.Text, "\n\n"), want) {
				t.Errorf("text:\n%s", res.Text)
			}
			if res.Title != "Le café du port rouvre ses portes" {
				t.Errorf("title %q", res.Title)
			}
			if strings.ContainsAny(res.Text, "\uFFFDÃ") {
				t.Errorf("mis-decoded text:\n%s", res.Text)
			}
		})
	}
}

func TestPageWithoutMainText(t *testing.T) {
	tests := map[string][]byte{
		"empty":            nil,
		"whitespace":       []byte(" \n\t "),
		"empty document":   []byte("<html><head></head><body></body></html>"),
		"boilerplate":      fixture(t, "boilerplate.html"),
		"binary":           {0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 0xff, 0x00},
		"plain word":       []byte("hello"),
		"broken markup":    []byte("<<<>>></div></p><p<p<a href='"),
		"only a script":    []byte("<script>" + strings.Repeat("var x = 'a long line of script text';", 20) + "</script>"),
		"unclosed tags":    []byte(strings.Repeat("<div>", 5000)),
		"stray utf-16 bom": {0xFF, 0xFE},
	}
	for name, page := range tests {
		t.Run(name, func(t *testing.T) {
			res, err := Page(page, "::not a url::")
			if !errors.Is(err, ErrNoText) {
				t.Errorf("Page = %+v, %v; want ErrNoText", res, err)
			}
		})
	}
}

func TestTrafilaturaWithoutText(t *testing.T) {
	for _, page := range [][]byte{nil, []byte("<html></html>"), {0, 1, 2, 3}} {
		if res, err := Trafilatura(page, ""); !errors.Is(err, ErrNoText) {
			t.Errorf("Trafilatura(%q) = %+v, %v; want ErrNoText", page, res, err)
		}
	}
}

func TestDocument(t *testing.T) {
	meta := string(fixture(t, "meta.html"))
	stated := time.Date(2024, 3, 6, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		in   digest.Document
		want digest.Document // Text is checked by prefix
	}{
		{"metadata from the page",
			digest.Document{Name: "trains.html", Origin: digest.OriginFile, Format: "html", Text: meta},
			digest.Document{Name: "trains.html", Origin: digest.OriginFile, Text: "Sleeper trains will run again", Extracted: true,
				Title: "Night Trains Return to the Northern Line", Authors: []string{"Ines Halloran"},
				Published: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), Publication: "Rail Weekly"}},
		{"stated metadata wins",
			digest.Document{Name: "https://feed.example/1", Origin: digest.OriginFeed, URL: "https://feed.example/1", Format: "html", Text: meta,
				Title: "Feed title", Authors: []string{"Feed Author"}, Published: stated, Publication: "Feed", GUID: "g1", Warnings: []string{"w"}},
			digest.Document{Name: "https://feed.example/1", Origin: digest.OriginFeed, URL: "https://feed.example/1", Text: "Sleeper trains will run again", Extracted: true,
				Title: "Feed title", Authors: []string{"Feed Author"}, Published: stated, Publication: "Feed", GUID: "g1", Warnings: []string{"w"}}},
		{"not html: unchanged",
			digest.Document{Name: "a.txt", Text: "<p>plain text that only looks like markup</p>"},
			digest.Document{Name: "a.txt", Text: "<p>plain text that only looks like markup</p>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Document(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(got.Text, tt.want.Text) {
				t.Errorf("text %q, want it to start with %q", got.Text, tt.want.Text)
			}
			got.Text = tt.want.Text
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Document =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestDocumentCharsetWarning(t *testing.T) {
	got, err := Document(digest.Document{Name: "cafe.html", Format: "html", Text: string(fixture(t, "latin1-wrong-charset.html"))})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.Text, "Élodie Marchal") || !utf8.ValidString(got.Text) {
		t.Errorf("text:\n%s", got.Text)
	}
	if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], "declares UTF-8 but is not") {
		t.Errorf("warnings %q", got.Warnings)
	}
}

func TestDocumentWithoutMainText(t *testing.T) {
	for _, text := range []string{"", string(fixture(t, "boilerplate.html"))} {
		in := digest.Document{Name: "https://news.example/gone", Format: "html", Text: text}
		got, err := Document(in)
		if !errors.Is(err, ErrNoText) || !strings.Contains(err.Error(), in.Name) {
			t.Errorf("Document(%.30q) error %v; want ErrNoText naming %s", text, err, in.Name)
		}
		if !reflect.DeepEqual(got, in) {
			t.Errorf("Document changed the input on error: %+v", got)
		}
	}
}
