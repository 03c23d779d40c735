package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// minSentenceWords is the fewest words a unit needs to say something on
// its own; shorter ones are labels, answers or bylines ("Unlikely.").
const minSentenceWords = 5

// IsFragment reports whether a unit from Sentences is not a sentence a
// summary can quote on its own: a bullet, a heading or title, a line that
// stops without punctuation, a very short unit, or one with nothing that
// looks like a verb.
func IsFragment(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || IsBullet(s) || !endsTerminal(s) {
		return true
	}
	if len(strings.Fields(s)) < minSentenceWords {
		return true
	}
	return looksLikeTitle(s) || !hasVerb(Words(s))
}

// IsBullet reports whether a line starts like a list item: a bullet
// glyph, a dash or star followed by a space, or a list number ("1.",
// "2)", "a)", "(3)").
func IsBullet(line string) bool {
	line = strings.TrimSpace(line)
	r, n := utf8.DecodeRuneInString(line)
	switch r {
	case '•', '◦', '▪', '▫', '‣', '⁃', '●', '○', '■', '□', '►', '▸', '·', '➢', '✓', '✔':
		return true
	case '-', '–', '—', '*', '+':
		return strings.HasPrefix(line[n:], " ")
	case '(':
		line = line[n:]
	}
	i := strings.IndexAny(line, ".)")
	if i <= 0 || i > 3 || !strings.HasPrefix(line[i+1:], " ") {
		return false
	}
	marker := line[:i]
	if len(marker) == 1 && unicode.IsLetter(rune(marker[0])) {
		// "a)" or "a." but not an initial such as "J. R. R. Tolkien".
		return line[i] == ')' || unicode.IsLower(rune(marker[0]))
	}
	for _, r := range marker {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// looksLikeTitle reports whether every content word is capitalised, as
// in a headline that happens to end with a full stop. A sentence full of
// names still has a verb in lower case.
func looksLikeTitle(s string) bool {
	content := 0
	for _, w := range strings.Fields(s) {
		w = strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) || titleMinorWords[strings.ToLower(strings.TrimRightFunc(w, unicode.IsPunct))] {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		content++
	}
	return content >= 3
}

// titleMinorWords stay lower case in title case.
var titleMinorWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true, "of": true,
	"in": true, "on": true, "at": true, "to": true, "for": true, "with": true, "by": true, "from": true,
	"as": true, "vs": true, "via": true, "into": true, "over": true,
}

// hasVerb reports whether any word looks like a verb: an auxiliary, a
// common irregular past form, or a word with a verbal ending. It is
// deliberately generous; it only has to catch labels such as
// "Image: U.S. Army." that carry no statement.
func hasVerb(words []string) bool {
	for _, w := range words {
		if commonVerbs[w] {
			return true
		}
		if len(w) > 3 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) {
			return true
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
			!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
			return true
		}
	}
	return false
}

var commonVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`is are was were be been being am has have had do does did
		will would can could shall should may might must
		go went gone come came make made take took taken give gave given get got see saw seen say said tell told
		know knew known think thought find found keep kept hold held lead led leave left meet met pay paid put
		set send sent sell sold spend spent stand stood win won lose lost bring brought buy bought build built
		cut fall fell feel felt grow grew hit let mean meant rise rose run ran show shown speak spoke write wrote
		begin began become became beat fight fought hear heard cost quit read rose seek sought shut sat
		want need plan aim seem remain help call try use work look agree warn fear hope`) {
		m[w] = true
	}
	return m
}()
