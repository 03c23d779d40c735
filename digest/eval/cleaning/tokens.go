package cleaning

import (
	"strings"

	"github.com/digest-newsletter/digest/digest/lazyre"
)

// wordRun is a word for comparing texts: letters, marks and digits.
// Punctuation, list markers and Markdown are not words, so they never
// decide whether two texts match.
var wordRun = lazyre.New(`[\p{L}\p{M}\p{N}]+`)

// tokens are the lower-cased words of s.
func tokens(s string) []string {
	words := wordRun.FindAllString(s, -1)
	for i, w := range words {
		words[i] = strings.ToLower(w)
	}
	return words
}

// tokenF1 is the F1 of the two texts' words counted as multisets: 1 for
// the same words in any order, 0 for none shared.
func tokenF1(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	counts := map[string]int{}
	for _, w := range a {
		counts[w]++
	}
	shared := 0
	for _, w := range b {
		if counts[w] > 0 {
			counts[w]--
			shared++
		}
	}
	if shared == 0 {
		return 0
	}
	p, r := float64(shared)/float64(len(b)), float64(shared)/float64(len(a))
	return 2 * p * r / (p + r)
}

// containsRun reports whether run occurs in words as consecutive words.
func containsRun(words, run []string) bool {
	if len(run) == 0 {
		return false
	}
	for i := 0; i+len(run) <= len(words); i++ {
		if equalAt(words, i, run) {
			return true
		}
	}
	return false
}

// equalAt reports whether words holds run starting at i.
func equalAt(words []string, i int, run []string) bool {
	if i < 0 || i+len(run) > len(words) {
		return false
	}
	for j, w := range run {
		if words[i+j] != w {
			return false
		}
	}
	return true
}
