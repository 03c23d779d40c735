package render

import (
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// defaultLanguage is what <html lang> says when an edition names none; an
// empty lang attribute would tell screen readers nothing.
const defaultLanguage = "en"

// funcs are the helpers both the HTML and the text templates may call.
// They return plain strings and leave escaping to html/template.
func funcs() map[string]any {
	return map[string]any{
		"wrap":      Wrap,
		"indent":    indent,
		"underline": underline,
		"sentences": sentences,
		"join":      strings.Join,
		"meta":      meta,
		"date":      date,
		"lang":      lang,
		"inc":       func(n int) int { return n + 1 },
	}
}

// sentences joins summary sentences into one paragraph.
func sentences(ss []digest.Sentence) string {
	texts := make([]string, 0, len(ss))
	for _, s := range ss {
		if t := strings.TrimSpace(s.Text); t != "" {
			texts = append(texts, t)
		}
	}
	return strings.Join(texts, " ")
}

// meta is an item's byline, "Source · 2023-05-01 · By A, B", leaving out
// what is unknown rather than showing empty slots.
func meta(it digest.Item) string {
	var parts []string
	if it.Source != "" {
		parts = append(parts, it.Source)
	}
	if it.Published != "" {
		parts = append(parts, it.Published)
	}
	if len(it.Authors) > 0 {
		parts = append(parts, "By "+strings.Join(it.Authors, ", "))
	}
	return strings.Join(parts, " · ")
}

// date formats a time as YYYY-MM-DD, the form items use, or "" when unset.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func lang(s string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return defaultLanguage
}
