package summarize

import (
	"strconv"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/lazyre"
)

// yearRE finds years a news text mentions: 1900–2099 standing alone.
var yearRE = lazyre.New(`\b(19|20)\d\d\b`)

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

// earliestYear is the earliest year s mentions, 0 for none. It scans
// rather than matching yearRE: it runs on every sentence.
func earliestYear(s string) int {
	earliest := 0
	for i := 0; i+4 <= len(s); i++ {
		if s[i] != '1' && s[i] != '2' || i > 0 && isDigitByte(s[i-1]) {
			continue
		}
		if !isDigitByte(s[i+1]) || !isDigitByte(s[i+2]) || !isDigitByte(s[i+3]) || i+4 < len(s) && isDigitByte(s[i+4]) {
			continue
		}
		y := int(s[i]-'0')*1000 + int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0')
		if y >= 1900 && y < 2100 && (earliest == 0 || y < earliest) {
			earliest = y
		}
	}
	return earliest
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }
