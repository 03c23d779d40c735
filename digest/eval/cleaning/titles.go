package cleaning

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/digest-newsletter/digest/digest/ingest"
)

// titleMatch is the token F1 at which two titles are the same title.
const titleMatch = 0.8

// siteSeparators are what sites put between a headline and their name
// or section: "Storm closes port | The Harbour Courier".
func siteSeparators() []string {
	return []string{" | ", " - ", " — ", " – ", " :: ", " · ", " • ", " » ", " // "}
}

// stripSiteName keeps the longest part of a title split at any site
// separator: the headline is nearly always longer than the site's name
// or section it is joined to, whichever side those are on.
func stripSiteName(title string) string {
	parts := []string{title}
	for _, sep := range siteSeparators() {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	best := ""
	for _, p := range parts {
		if p = strings.TrimSpace(p); len([]rune(p)) > len([]rune(best)) {
			best = p
		}
	}
	return best
}

// sameTitle reports whether two titles are the same once a site name is
// removed from each and case, punctuation and spacing are ignored. Titles
// are compared whole too, so a headline that itself holds a dash is not
// cut in two against a reference that is not.
func sameTitle(a, b string) bool {
	return tokenF1(tokens(stripSiteName(a)), tokens(stripSiteName(b))) >= titleMatch ||
		tokenF1(tokens(a), tokens(b)) >= titleMatch
}

// PageTitles are the titles a page states for itself.
type PageTitles struct {
	OG    string   // og:title
	H1    []string // the text of every <h1>
	Title string   // <title>, used only when there is neither of the others
	// Shown are the <h1>s a reader sees (see ShownOnly).
	Shown []string
}

// ShownOnly keeps as references the <h1>s whose words are in the page's
// visible text: pages carry hidden ones ("Sign In" in a login dialog)
// that would otherwise make furniture a right title. When none shows,
// all are kept.
func (t *PageTitles) ShownOnly(innerText string) {
	visible := tokens(innerText)
	t.Shown = nil
	for _, h := range t.H1 {
		if containsRun(visible, tokens(h)) {
			t.Shown = append(t.Shown, h)
		}
	}
}

// h1s are the <h1>s to judge by: those shown, or all when none is.
func (t PageTitles) h1s() []string {
	if len(t.Shown) > 0 {
		return t.Shown
	}
	return t.H1
}

// References are the titles a cleaned title is judged against: og:title
// and the <h1>s, or the <title> when the page has neither.
func (t PageTitles) References() []string {
	var refs []string
	if t.OG != "" {
		refs = append(refs, t.OG)
	}
	refs = append(refs, t.h1s()...)
	if len(refs) == 0 && t.Title != "" {
		refs = append(refs, t.Title)
	}
	return refs
}

// Disagree reports a page whose og:title and <h1>s name different
// titles, so a title matching one of them may differ from the other.
func (t PageTitles) Disagree() bool {
	if t.OG == "" || len(t.H1) == 0 {
		return false
	}
	for _, h := range t.h1s() {
		if sameTitle(t.OG, h) {
			return false
		}
	}
	return true
}

// TitleRight reports whether title matches any of the page's references.
func (t PageTitles) TitleRight(title string) bool {
	for _, ref := range t.References() {
		if sameTitle(title, ref) {
			return true
		}
	}
	return false
}

// ReadPageTitles finds a page's og:title, <h1>s and <title>.
func ReadPageTitles(page []byte) (PageTitles, error) {
	markup, _, err := ingest.DecodeHTML(page)
	if err != nil {
		return PageTitles{}, err
	}
	root, err := html.Parse(strings.NewReader(markup))
	if err != nil {
		return PageTitles{}, err
	}
	var t PageTitles
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Meta:
			if t.OG == "" && (attr(n, "property") == "og:title" || attr(n, "name") == "og:title") {
				t.OG = collapse(attr(n, "content"))
			}
		case atom.H1:
			if s := collapse(nodeText(n)); s != "" {
				t.H1 = append(t.H1, s)
			}
		case atom.Title:
			if t.Title == "" {
				t.Title = collapse(nodeText(n))
			}
		}
	}
	return t, nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// nodeText is the text under n, scripts and styles left out.
func nodeText(n *html.Node) string {
	var b bytes.Buffer
	for d := range n.Descendants() {
		if d.Type == html.TextNode && d.Parent != nil && d.Parent.DataAtom != atom.Script && d.Parent.DataAtom != atom.Style {
			b.WriteString(d.Data)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
