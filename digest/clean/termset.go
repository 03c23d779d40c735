package clean

import "github.com/digest-newsletter/digest/digest/text"

// maxTermChars bounds how much of a file's prose is read for its words:
// a headline's and a subheading's words are the story's, which its first
// paragraphs name, and stemming every word of a long file costs more
// than the judgement needs.
const maxTermChars = 4000

// termKeys returns the stems of the content words of s.
func termKeys(s string, stems text.StemCache) []string {
	return text.TermsOf(text.Words(s), stems)
}

// termSet is the set of keys of some paragraphs, built on first use:
// most files never ask, as only a headline, a subheading or a caption
// candidate is judged by it.
type termSet struct {
	build func() []string // the paragraphs' texts
	set   map[string]struct{}
	stems text.StemCache
}

func (t *termSet) has(k string) bool {
	if t.set == nil {
		t.set = make(map[string]struct{})
		t.stems = text.StemCache{}
		read := 0
		for _, s := range t.build() {
			for _, k := range termKeys(s, t.stems) {
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
	t.has("") // builds the set and its stems
	keys := termKeys(s, t.stems)
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
