package summarize

import (
	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/text"
)

// articleYear is the year an article speaks from: its publication date's
// or, without one, the latest year it mentions.
func articleYear(a *digest.Article, units []string) int {
	if !a.Published.IsZero() {
		return a.Published.Year()
	}
	return text.LatestYear(units)
}
