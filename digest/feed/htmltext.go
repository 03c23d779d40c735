package feed

import (
	"html"
	"strings"

	"github.com/digest-newsletter/digest/digest/lazyre"
	"github.com/microcosm-cc/bluemonday"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockElements end a paragraph where they open and where they close. The
// sanitizer keeps exactly these tags (with no attributes), so the text walk
// below sees structure and nothing else.
var blockElements = []string{
	"address", "article", "aside", "blockquote", "br", "dd", "details", "div",
	"dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
	"h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
	"summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}

// cellElements separate words but not paragraphs: a table row reads as one line.
var cellElements = map[atom.Atom]bool{atom.Td: true, atom.Th: true}

// textPolicy is built once: a bluemonday policy is safe for concurrent use
// and is never changed after construction.
var textPolicy = newTextPolicy()

// newTextPolicy is a sanitizer that keeps only bare block tags. Attributes,
// links, images and every executable construct go; script, style and
// noscript go with their content.
func newTextPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements(blockElements...)
	p.SkipElementsContent("script", "style", "noscript", "template", "svg", "math", "head")
	return p
}

// HTMLToText turns feed HTML into plain paragraphs separated by blank lines.
// It sanitizes first, so whatever the walk below misses cannot be markup
// anyone would run; then block elements become paragraph breaks, inline
// text is joined, entities are decoded and whitespace is collapsed.
func HTMLToText(s string) string {
	clean := textPolicy.Sanitize(s)
	var paragraphs []string
	var current strings.Builder
	flush := func() {
		if p := strings.Join(strings.Fields(current.String()), " "); p != "" {
			paragraphs = append(paragraphs, p)
		}
		current.Reset()
	}
	z := xhtml.NewTokenizer(strings.NewReader(clean))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			flush()
			return strings.Join(paragraphs, "\n\n")
		case xhtml.TextToken:
			current.Write(z.Text())
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			if cellElements[atom.Lookup(name)] {
				current.WriteByte(' ')
				continue
			}
			flush()
		}
	}
}

// tagPattern spots markup in a field that may be HTML or plain text (JSON
// Feed content_text, Atom type="text", bare RSS descriptions).
var tagPattern = lazyre.New(`</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>|<!--`)

// contentText reads a content or summary field. HTML goes through
// HTMLToText; plain text keeps its blank-line paragraphs, which HTML rules
// would fold away.
func contentText(s string) string {
	if tagPattern.MatchString(s) {
		return HTMLToText(s)
	}
	return plainText(html.UnescapeString(s))
}

var blankLine = lazyre.New(`\n[ \t]*\n`)

// plainText collapses whitespace within paragraphs separated by blank lines.
func plainText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var paragraphs []string
	for _, block := range blankLine.Split(s, -1) {
		if p := strings.Join(strings.Fields(block), " "); p != "" {
			paragraphs = append(paragraphs, p)
		}
	}
	return strings.Join(paragraphs, "\n\n")
}

// inlineText reads a one-line field such as a title or an author name,
// which feeds sometimes fill with HTML or entities.
func inlineText(s string) string {
	return strings.Join(strings.Fields(contentText(s)), " ")
}
