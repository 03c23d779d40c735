package clean

import (
	"strings"

	"github.com/digest-newsletter/digest/digest/lazyre"
)

var (
	// ellipsisRun is any run of three or more dots, spaced dots, or an
	// ellipsis character with dots stuck to it ("…." and "...." included).
	ellipsisRun = lazyre.New(`[.…]*…[.…]*|\.(?: ?\.){2,}`)
	// ellipsisGlued is an ellipsis with a word stuck to its end.
	ellipsisGlued    = lazyre.New(`…([\p{L}\p{N}"“‘])`)
	spaceBeforeComma = lazyre.New(`(\S) +([,;])(\s|$)`)
)

// tidy normalises the typography of one paragraph without touching its
// words: whitespace collapses to single spaces, every ellipsis run becomes
// one "…" followed by a space when a word is stuck to it, an ellipsis that
// opens a paragraph (a clipping mark) goes, and stray spaces before commas
// close up.
func tidy(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	// The patterns run only on text that can hold what they match: most
	// paragraphs hold no dot run, ellipsis or space before a comma.
	if strings.Contains(s, "…") || strings.Contains(s, "..") || strings.Contains(s, ". .") {
		s = ellipsisRun.ReplaceAllString(s, "…")
		s = ellipsisGlued.ReplaceAllString(s, "… $1")
		s = strings.TrimSpace(strings.TrimLeft(s, "… "))
	}
	if !strings.Contains(s, " ,") && !strings.Contains(s, " ;") {
		return s
	}
	return spaceBeforeComma.ReplaceAllString(s, "$1$2$3")
}
