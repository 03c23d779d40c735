// Package text holds the language tools every stage shares: word and term
// tokenising, sentence splitting and term vectors for similarity.
package text

import (
	"strings"
	"unicode"

	"github.com/blevesearch/go-porterstemmer"
)

// Words splits s into lower-cased words: runs of letters, digits and marks,
// with inner apostrophes and hyphens kept ("japan's", "dual-use").
func Words(s string) []string {
	var words []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := strings.Trim(s[start:end], "'’-")
			if w != "" {
				words = append(words, strings.ToLower(w))
			}
			start = -1
		}
	}
	for i, r := range s {
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case (r == '\'' || r == '’' || r == '-') && start >= 0:
			// kept inside a word; trimmed at its ends by flush
		default:
			flush(i)
		}
	}
	flush(len(s))
	return words
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Terms returns the content terms of s: words that are not stop words,
// Porter-stemmed, possessives dropped. Similarity is computed on terms so
// that "defence" and "defences" count as one.
func Terms(s string) []string { return TermsOf(Words(s), nil) }

// TermsOf is Terms of a text already split by Words, stemming through c
// (which may be nil). It leaves words as they are.
func TermsOf(words []string, c StemCache) []string {
	terms := make([]string, 0, len(words))
	for _, w := range words {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if IsStopWord(w) || len(w) < 2 {
			continue
		}
		terms = append(terms, c.Stem(w))
	}
	return terms
}

// StemCache remembers stems for one goroutine's work on one text: an
// article repeats its words, and stemming is most of what its terms cost.
// A nil StemCache stems without remembering.
type StemCache map[string]string

// Stem is Stem(w), remembered.
func (c StemCache) Stem(w string) string {
	if c == nil {
		return Stem(w)
	}
	st, ok := c[w]
	if !ok {
		st = Stem(w)
		c[w] = st
	}
	return st
}

// Stem reduces an English word to its Porter stem. Words with digits are
// returned unchanged so figures stay distinct.
func Stem(w string) string {
	for _, r := range w {
		if unicode.IsDigit(r) {
			return w
		}
	}
	return porterstemmer.StemString(w)
}
