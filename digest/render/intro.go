package render

import (
	"html"
	"html/template"
	"net/url"
	"regexp"
	"strings"
)

// An editor's intro is a small Markdown subset, rendered here and
// nowhere else: paragraphs separated by blank lines, [text](url) links,
// bare URLs, *emphasis* and **strong**. Everything else is text, escaped;
// a link is kept only for http, https and mailto, so no intro can carry
// script or a javascript: URL into a subscriber's inbox.
var (
	introParagraphs = regexp.MustCompile(`\n[ \t]*\n`)
	introInline     = regexp.MustCompile(`\[([^\[\]\n]+)\]\(([^()\s]+)\)|(https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'"])|\*\*([^*\n]+)\*\*|\*([^*\n]+)\*`)
)

// introPart is one run of an intro paragraph: text, or a link, with its
// emphasis.
type introPart struct {
	text, href string
	em, strong bool
}

// parseIntro splits an intro into paragraphs of parts.
func parseIntro(s string) [][]introPart {
	var out [][]introPart
	for _, para := range introParagraphs.Split(strings.TrimSpace(s), -1) {
		para = strings.Join(strings.Fields(para), " ")
		if para == "" {
			continue
		}
		var parts []introPart
		last := 0
		for _, m := range introInline.FindAllStringSubmatchIndex(para, -1) {
			if m[0] > last {
				parts = append(parts, introPart{text: para[last:m[0]]})
			}
			group := func(i int) string {
				if m[2*i] < 0 {
					return ""
				}
				return para[m[2*i]:m[2*i+1]]
			}
			switch {
			case group(1) != "":
				if href, ok := safeLink(group(2)); ok {
					parts = append(parts, introPart{text: group(1), href: href})
				} else {
					parts = append(parts, introPart{text: para[m[0]:m[1]]})
				}
			case group(3) != "":
				if href, ok := safeLink(group(3)); ok {
					parts = append(parts, introPart{text: group(3), href: href})
				} else {
					parts = append(parts, introPart{text: group(3)})
				}
			case group(4) != "":
				parts = append(parts, introPart{text: group(4), strong: true})
			default:
				parts = append(parts, introPart{text: group(5), em: true})
			}
			last = m[1]
		}
		if last < len(para) {
			parts = append(parts, introPart{text: para[last:]})
		}
		out = append(out, parts)
	}
	return out
}

// safeLink accepts an absolute http, https or mailto URL.
func safeLink(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.String(), u.Host != ""
	case "mailto":
		return u.String(), u.Opaque != ""
	}
	return "", false
}

// introParagraphsHTML renders each paragraph's inner HTML, every piece of
// text escaped, for the templates to wrap in their own styled <p>.
func introParagraphsHTML(s string) []template.HTML {
	var out []template.HTML
	for _, parts := range parseIntro(s) {
		var b strings.Builder
		for _, p := range parts {
			t := html.EscapeString(p.text)
			switch {
			case p.href != "":
				b.WriteString(`<a href="` + html.EscapeString(p.href) + `" style="color:#1d4ed8;">` + t + `</a>`)
			case p.strong:
				b.WriteString("<strong>" + t + "</strong>")
			case p.em:
				b.WriteString("<em>" + t + "</em>")
			default:
				b.WriteString(t)
			}
		}
		out = append(out, template.HTML(b.String())) // #nosec: every part escaped above
	}
	return out
}

// introParagraphsText renders the intro for the plain-text part: links
// as "text (url)", emphasis marks dropped.
func introParagraphsText(s string) []string {
	var out []string
	for _, parts := range parseIntro(s) {
		var b strings.Builder
		for _, p := range parts {
			b.WriteString(p.text)
			if p.href != "" && p.href != p.text {
				b.WriteString(" (" + strings.TrimPrefix(p.href, "mailto:") + ")")
			}
		}
		out = append(out, b.String())
	}
	return out
}
