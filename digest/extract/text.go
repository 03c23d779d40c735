package extract

import (
	stdhtml "html"
	"strings"
	"unicode"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipped are elements whose content is never article text: code,
// styling, embedded media and form controls. Extractors usually drop
// them already; the text conversion does not rely on it.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Video: true, atom.Audio: true, atom.Canvas: true,
	atom.Select: true, atom.Textarea: true, atom.Button: true, atom.Input: true,
	atom.Title: true, atom.Img: true, atom.Noembed: true, atom.Noframes: true,
}

// blocks are elements that start a new paragraph. Anything else is
// inline and runs on within the paragraph around it.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Dd: true, atom.Details: true,
	atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Header: true, atom.Hr: true, atom.Li: true, atom.Main: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Summary: true, atom.Table: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Tr: true, atom.Ul: true, atom.Br: true, atom.Html: true,
	atom.Menu: true, atom.Legend: true,
}

// paragraphWriter gathers the text of a tree into paragraphs. Table cells
// are kept apart with a separator so that two cells never merge into one
// word.
type paragraphWriter struct {
	paragraphs []string
	current    strings.Builder
}

// paragraphs turns an extracted tree into plain-text paragraphs: one per
// block element (paragraph, heading, list item, table row), whitespace
// collapsed, empty ones dropped. Markup never survives, so nothing the
// page carried can reach an email as HTML.
func paragraphs(n *html.Node) []string {
	if n == nil {
		return nil
	}
	var w paragraphWriter
	w.walk(n)
	w.flush()
	return w.paragraphs
}

func (w *paragraphWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.current.WriteString(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	}
	// Extractors rename elements without updating DataAtom, so the
	// name is what counts.
	tag := atom.Lookup([]byte(strings.ToLower(n.Data)))
	if n.Type == html.ElementNode && skipped[tag] {
		return
	}
	block := n.Type == html.ElementNode && blocks[tag]
	cell := n.Type == html.ElementNode && (tag == atom.Td || tag == atom.Th)
	if block {
		w.flush()
	}
	if cell && w.current.Len() > 0 {
		w.current.WriteString(" | ")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.flush()
	}
}

func (w *paragraphWriter) flush() {
	p := plain(w.current.String())
	w.current.Reset()
	if p != "" {
		w.paragraphs = append(w.paragraphs, p)
	}
}

// plain makes one line of plain text: invisible soft hyphens and
// zero-width spaces dropped (they split words in two) and whitespace
// collapsed. Text nodes hold text, never markup, so nothing else is
// touched: "<The Palace>" in a review is a title, not a tag.
func plain(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u00AD', '\u200B', '\u2060', '\uFEFF':
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// plainMeta cleans a metadata value. These are copied verbatim from
// attributes and JSON-LD, where sites do leave markup ("<b>Title</b>"),
// so a value with a real HTML tag in it is put through a strict
// sanitizer, which drops every tag and the content of scripts and styles.
func plainMeta(s string) string {
	if hasMarkup(s) {
		s = stdhtml.UnescapeString(bluemonday.StrictPolicy().Sanitize(s))
	}
	return plain(s)
}

// hasMarkup reports whether s holds a tag of a known HTML element, so
// that text which merely uses angle brackets is left alone.
func hasMarkup(s string) bool {
	if !strings.Contains(s, "<") {
		return false
	}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			if name, _ := z.TagName(); atom.Lookup(name) != 0 {
				return true
			}
		}
	}
}
