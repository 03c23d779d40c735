package clean

import (
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// Why a line that became metadata left the body, as Options.Record
// reports it. Article.Removed holds furniture only; these complete the
// picture for someone asking where a line of their file went.
const (
	ReasonMetaTitle        = "metadata: title"
	ReasonMetaDerivedTitle = "metadata: title (headline-like first line)"
	ReasonMetaDate         = "metadata: date"
	ReasonMetaUpdated      = "metadata: updated date (not a publication date)"
	ReasonMetaByline       = "metadata: byline"
	ReasonMetaPublication  = "metadata: publication"
	ReasonMetaFrontMatter  = "metadata: front matter"
	// reasonMetaLabel prefixes the field a labelled line filled:
	// "metadata: url" for "Link: https://…".
	reasonMetaLabel = "metadata: "
)

// recorder passes each line that leaves the body to Options.Record. A nil
// recorder does nothing, so cleaning without one does no extra work and
// its result is the same either way.
type recorder func(digest.Removal)

func (r recorder) add(text, reason string) {
	if r != nil {
		r(digest.Removal{Text: text, Reason: reason})
	}
}

// frontMatter records the lines of a front matter block: what readFrontMatter
// took off the text before the body.
func (r recorder) frontMatter(text, body string) {
	if r == nil {
		return
	}
	head, ok := strings.CutSuffix(text, body)
	if !ok || strings.TrimSpace(head) == "" {
		return
	}
	for _, l := range strings.Split(head, "\n") {
		if l = strings.TrimSpace(l); l != "" && l != "---" && l != "..." {
			r.add(l, ReasonMetaFrontMatter)
		}
	}
}

// metaReason says what a unit that became metadata was read as, testing
// it in the order meta.take and readHead do.
func metaReason(text, title string) string {
	if field, _, ok := parseLabel(text); ok {
		return reasonMetaLabel + field
	}
	if d, ok := parseDateLine(text); ok {
		if d.published {
			return ReasonMetaDate
		}
		return ReasonMetaUpdated
	}
	if _, ok := parseByline(text); ok {
		return ReasonMetaByline
	}
	if _, ok := parseCredits(text); ok {
		return ReasonMetaByline
	}
	if sameText(text, title) {
		return ReasonMetaTitle
	}
	return ReasonMetaPublication
}
