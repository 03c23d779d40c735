package clean

import (
	"strings"
	"testing"
	"unicode"

	"github.com/digest-newsletter/digest/digest"
)

// Terminal control sequences from a feed (clear screen, OSC title and
// link) never reach an article: every C0/C1 control but tab and newline is
// taken out of its text and metadata, and the words around stay.
func TestControlCharactersStripped(t *testing.T) {
	esc := "\x1b[2J\x1b]0;pwned\x07\x1b]8;;https://evil.example\x1b\\"
	doc := digest.Document{Name: "feed entry", Origin: digest.OriginFeed,
		Title:   "Japan and NATO" + esc + " sign a pact\u009b",
		Authors: []string{"Ada\x1b[31m Quill", "\x00"}, Publication: "Polar\u0085 Wire",
		Text: "Japan and NATO signed a defence pact in Tokyo on Monday," + esc + " officials said.\r\n\r\n" +
			"The pact covers joint exercises, cyber defence and research\x08 on new materials for ships.",
	}
	a, err := Article(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fields := append([]string{a.Title, a.Publication}, append(a.Authors, a.Paragraphs...)...)
	for _, f := range fields {
		if i := strings.IndexFunc(f, unicode.IsControl); i >= 0 {
			t.Errorf("control character %q left in %q", f[i], f)
		}
	}
	if !strings.HasPrefix(a.Title, "Japan and NATO") || !strings.HasSuffix(a.Title, "sign a pact") ||
		!strings.Contains(a.Body(), "officials said") || len(a.Authors) != 1 || a.Publication != "Polar Wire" {
		t.Errorf("text lost: title %q, authors %q, publication %q, body %q", a.Title, a.Authors, a.Publication, a.Body())
	}
}
