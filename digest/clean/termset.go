package clean

import (
	"strings"

	"github.com/digest-newsletter/digest/digest/text"
)

// maxTermChars bounds how much of a file's prose is read for its words:
// a headline's and a subheading's words are the story's, which its first
// paragraphs name, and stemming every word of a long file costs more
// than the judgement needs.
const maxTermChars = 5000

// termKeys returns the keys of the content words of s: each word
// lower-cased with a plural or verb ending cut ("trains" and "train",
// "approved" and "approves" meet), which is what a headline's words need
// to meet the story's and costs a fraction of stemming.
func termKeys(s string) []string {
	words := text.Words(s)
	keys := words[:0]
	for _, w := range words {
		if len(w) < 2 || text.IsStopWord(w) {
			continue
		}
		keys = append(keys, cutEnding(w))
	}
	return keys
}

// cutEnding cuts one common English inflection off a word of five
// letters or more.
func cutEnding(w string) string {
	if len(w) < 5 {
		return w
	}
	for _, end := range []string{"ing", "ies", "ed", "es", "'s", "’s", "s", "e", "y"} {
		if strings.HasSuffix(w, end) && len(w)-len(end) >= 3 {
			return w[:len(w)-len(end)]
		}
	}
	return w
}

// termSet is the set of keys of some paragraphs, built on first use:
// most files never ask, as only a headline, a subheading or a caption
// candidate is judged by it.
type termSet struct {
	build func() []string // the paragraphs' texts
	set   map[string]struct{}
}

func (t *termSet) has(k string) bool {
	if t.set == nil {
		t.set = make(map[string]struct{})
		read := 0
		for _, s := range t.build() {
			for _, k := range termKeys(s) {
				t.set[k] = struct{}{}
			}
			if read += len(s); read > maxTermChars {
				break
			}
		}
	}
	_, ok := t.set[k]
	return ok
}

// shares reports whether s is about what the paragraphs are about: they
// use at least minTitleOverlap of its content words, and two of them
// when it has three or more. Headlines and subheadings name the story's
// things; banners, prompts and labels name the site's.
func (t *termSet) shares(s string) bool {
	hits, n := t.overlap(s)
	return hits > 0 && (n < 3 || hits >= 2) && float64(hits) >= minTitleOverlap*float64(n)
}

// overlap counts the content words of s found in the set, and all of
// them.
func (t *termSet) overlap(s string) (hits, n int) {
	keys := termKeys(s)
	for _, k := range keys {
		if t.has(k) {
			hits++
		}
	}
	return hits, len(keys)
}

// unitTexts returns a builder of the texts of the kept units that pass
// keep, for a termSet.
func unitTexts(units []unit, keep func(int) bool) func() []string {
	return func() []string {
		var texts []string
		for i := range units {
			if units[i].kept() && keep(i) {
				texts = append(texts, units[i].text)
			}
		}
		return texts
	}
}
