package render

import (
	"fmt"
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
		"wrap":         Wrap,
		"indent":       indent,
		"underline":    underline,
		"sentences":    sentences,
		"cite":         cite,
		"citations":    citations,
		"masthead":     masthead,
		"links":        hasLinks,
		"at":           atSource,
		"join":         strings.Join,
		"meta":         meta,
		"date":         date,
		"lang":         lang,
		"inc":          func(n int) int { return n + 1 },
		"intro":        introParagraphsHTML,
		"introText":    introParagraphsText,
		"brand":        brandName,
		"accent":       accent,
		"brandLine":    brandLine,
		"archiveURL":   archiveURL,
		"subscribeURL": subscribeURL,
		"itemURL":      itemURL,
		"itemAnchor":   itemAnchor,
		"itemLinks":    hasItemLinks,
		"nobreakTitle": nobreakTitle,
		"wrapTitle":    wrapTitle,
		"preheader":    preheader,
		"teaser":       teaser,
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

// cite joins summary sentences into one paragraph, each followed by the
// number of the item it comes from: "… in Brussels. [2] Tokyo …".
func cite(ss []digest.Sentence) string {
	texts := make([]string, 0, len(ss))
	for _, s := range ss {
		t := strings.TrimSpace(s.Text)
		if t == "" {
			continue
		}
		if s.Ref > 0 {
			t += fmt.Sprintf("\u00a0[%d]", s.Ref)
		}
		texts = append(texts, t)
	}
	return strings.Join(texts, " ")
}

// Citation is a summary sentence with the number of its item and that
// item's URL, which the marker links to when there is one.
type Citation struct {
	Text string
	Ref  int
	URL  string
}

// citations pairs each sentence with its item's URL.
func citations(e *digest.Edition, ss []digest.Sentence) []Citation {
	urls := map[int]string{}
	for _, s := range e.Sections {
		for _, it := range s.Items {
			urls[it.Number] = it.URL
		}
	}
	out := make([]Citation, 0, len(ss))
	for _, s := range ss {
		if t := strings.TrimSpace(s.Text); t != "" {
			out = append(out, Citation{Text: t, Ref: s.Ref, URL: urls[s.Ref]})
		}
	}
	return out
}

// masthead is the line under the title (which carries the issue number
// and the date): how long the edition takes to read.
func masthead(e *digest.Edition) string {
	if e.ReadingMinutes <= 0 {
		return ""
	}
	return fmt.Sprintf("%d-minute read", e.ReadingMinutes)
}

// hasLinks reports whether any item has a URL.
func hasLinks(e *digest.Edition) bool {
	for _, s := range e.Sections {
		for _, it := range s.Items {
			if it.URL != "" {
				return true
			}
		}
	}
	return false
}

// atSource is " at Source", or "" with no source.
func atSource(source string) string {
	if source == "" {
		return ""
	}
	return " at " + source
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
