package text

import (
	"strings"
	"unicode/utf8"
)

// CutAtWord shortens s to at most max runes, at the last space past half
// of them, and marks the cut with "…": a preview line, a teaser or a
// description that ends on a whole word.
func CutAtWord(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut := string([]rune(s)[:max])
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:·") + "…"
}
