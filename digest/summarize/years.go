package summarize

import (
	"regexp"
	"strconv"

	"github.com/digest-newsletter/digest/digest"
)

// yearRE finds years a news text mentions: 1900–2099 standing alone.
var yearRE = regexp.MustCompile(`\b(19|20)\d\d\b`)

// articleYear is the year an article speaks from: its publication date's
// or, without one, the latest year it mentions.
func articleYear(a *digest.Article, units []string) int {
	if !a.Published.IsZero() {
		return a.Published.Year()
	}
	latest := 0
	for _, u := range units {
		for _, m := range yearRE.FindAllString(u, -1) {
			y, _ := strconv.Atoi(m)
			latest = max(latest, y)
		}
	}
	return latest
}

// earliestYear is the earliest year s mentions, 0 for none.
func earliestYear(s string) int {
	earliest := 0
	for _, m := range yearRE.FindAllString(s, -1) {
		y, _ := strconv.Atoi(m)
		if earliest == 0 || y < earliest {
			earliest = y
		}
	}
	return earliest
}
