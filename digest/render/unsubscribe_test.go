package render

import (
	"strings"
	"testing"
)

// Mail gets a visible unsubscribe link in both parts; the archive and the
// preview, which set no URL, get none.
func TestUnsubscribeLink(t *testing.T) {
	r := newRenderer(t)
	e := fixtureEdition()
	const link = "https://digest.example.org/unsubscribe?s=7&t=abc"
	for _, withURL := range []bool{false, true} {
		e.UnsubscribeURL = ""
		if withURL {
			e.UnsubscribeURL = link
		}
		html, err := r.HTML(e)
		if err != nil {
			t.Fatal(err)
		}
		text, err := r.Text(e)
		if err != nil {
			t.Fatal(err)
		}
		escaped := strings.ReplaceAll(link, "&", "&amp;")
		if got := strings.Contains(string(html), `href="`+escaped+`"`); got != withURL {
			t.Errorf("with URL %v: HTML link present = %v", withURL, got)
		}
		if got := strings.Contains(string(text), "Unsubscribe: "+link); got != withURL {
			t.Errorf("with URL %v: text link present = %v", withURL, got)
		}
	}
}
