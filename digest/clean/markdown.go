package clean

import (
	"strings"

	"github.com/digest-newsletter/digest/digest/lazyre"
)

// Inline Markdown and HTML that wrap words without being words. Each
// pattern keeps the text it wraps; images and bare tags have none.
var (
	mdImage     = lazyre.New(`!\[[^\]]*\]\([^)]*\)`)
	mdLink      = lazyre.New(`\[([^\]]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)`)
	mdRefLink   = lazyre.New(`\[([^\]]+)\]\[[^\]]*\]`)
	autolink    = lazyre.New(`<((?:https?|mailto):[^<>\s]+)>`)
	htmlTag     = lazyre.New(`(?i)</?(?:a|abbr|b|blockquote|br|cite|code|div|em|figcaption|figure|font|h[1-6]|hr|i|img|li|mark|ol|p|picture|q|s|section|small|source|span|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul|video)(?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))*\s*/?>`)
	inlineCode  = lazyre.New("`([^`]+)`")
	strongEm    = lazyre.New(`\*\*\*([^\s*](?:[^*]*[^\s*])?)\*\*\*`)
	strong      = lazyre.New(`\*\*([^\s*](?:[^*]*[^\s*])?)\*\*`)
	em          = lazyre.New(`\*([^\s*](?:[^*]*[^\s*])?)\*`)
	underStrong = lazyre.New(`(^|[^\p{L}\p{N}_])__([^\s_](?:[^_]*[^\s_])?)__($|[^\p{L}\p{N}_])`)
	underEm     = lazyre.New(`(^|[^\p{L}\p{N}_])_([^\s_](?:[^_]*[^\s_])?)_($|[^\p{L}\p{N}_])`)
	strike      = lazyre.New(`~~([^\s~](?:[^~]*[^\s~])?)~~`)
	mdEscape    = lazyre.New(`\\([\\` + "`" + `*_{}\[\]()#+\-.!>])`)
	htmlEntity  = strings.NewReplacer("&nbsp;", " ", "&amp;", "&", "&quot;", "\"", "&#39;", "'", "&rsquo;", "’", "&lsquo;", "‘", "&rdquo;", "”", "&ldquo;", "“", "&mdash;", "—", "&ndash;", "–", "&hellip;", "…", "&lt;", "<", "&gt;", ">")
)

// escapeBase is the start of a private-use range that stands in for
// backslash-escaped ASCII while the patterns run.
const escapeBase = '\uE000'

// stripInline removes inline Markdown and stray HTML from one line: links
// keep their text, images go, emphasis markers go, words stay.
func stripInline(s string) string {
	if !strings.ContainsAny(s, "[]()<>*_`~\\&") {
		return s
	}
	// Escaped characters are hidden from the patterns below, then restored.
	s = mdEscape.ReplaceAllStringFunc(s, func(m string) string { return string(escapeBase + rune(m[1])) })
	s = mdImage.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdRefLink.ReplaceAllString(s, "$1")
	s = autolink.ReplaceAllString(s, "$1")
	s = htmlTag.ReplaceAllString(s, " ")
	s = inlineCode.ReplaceAllString(s, "$1")
	s = strongEm.ReplaceAllString(s, "$1")
	s = strong.ReplaceAllString(s, "$1")
	s = em.ReplaceAllString(s, "$1")
	// Run twice: adjacent matches share the character between them.
	for range 2 {
		s = underStrong.ReplaceAllString(s, "$1$2$3")
		s = underEm.ReplaceAllString(s, "$1$2$3")
	}
	s = strike.ReplaceAllString(s, "$1")
	s = strings.Map(func(r rune) rune {
		if r >= escapeBase && r < escapeBase+128 {
			return r - escapeBase
		}
		return r
	}, s)
	s = htmlEntity.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
