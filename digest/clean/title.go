package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxDerivedTitle is the longest title made from an article's first
// sentence, in characters, before the ellipsis.
const maxDerivedTitle = 100

// maxHeadlineWords is the longest line taken as a headline.
const maxHeadlineWords = 16

// deriveTitle makes an honest title for an article that has none. A
// headline the article opens with comes first: a leading bullet point
// (articles pasted from a news app often open with a list of headlines),
// a short first line or a subtitle; from is its unit, which then
// leaves the body, as a title line would. Failing that, its first
// sentence of prose, cut at a word boundary when long (from is -1).
func deriveTitle(paragraphs []unit) (title string, from int) {
	for i, u := range paragraphs {
		if !u.bullet && !u.headingLike() {
			break // prose begins: what comes later is no headline
		}
		rest := restOf(paragraphs, i)
		// The same test as a headline above the body: shaped like one
		// and about what the article is about, so a widget's or a
		// banner's line left at the top is never made the title.
		if !isHeadlineShaped(paragraphs, i, 0) || !rest.shares(u.text) {
			continue
		}
		if h := headline(u.text); h != "" {
			if h == strings.TrimSpace(u.text) {
				return h, i
			}
			return h, -1 // the first of several lines: the rest stays
		}
	}
	return firstProse(paragraphs), -1
}

// firstProse is the first sentence of the first paragraph of prose (or
// of any, when none is), shortened.
func firstProse(paragraphs []unit) string {
	for pass := range 2 {
		for _, u := range paragraphs {
			if pass == 0 && (u.bullet || u.headingLike()) {
				continue
			}
			if s := firstSentence(u.text); s != "" {
				return shorten(strings.TrimSuffix(s, "."), maxDerivedTitle)
			}
		}
	}
	return ""
}

// headline returns the first line of s when it reads as a headline: a
// few words, not a sentence ending in a full stop; else "".
func headline(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	line = strings.TrimSpace(line)
	n := len(strings.Fields(line))
	if n < 3 || n > maxHeadlineWords || strings.HasSuffix(line, ".") || strings.HasSuffix(line, ":") {
		return ""
	}
	return line
}

// firstSentence returns s up to the end of its first sentence: a full
// stop, question or exclamation mark followed by a space and a capital,
// skipping initials and common abbreviations ("U.S.", "Dr.").
func firstSentence(s string) string {
	for i, r := range s {
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		end := i + 1
		for end < len(s) {
			if c := s[end]; c == '"' || c == '\'' || c == ')' {
				end++
			} else if strings.HasPrefix(s[end:], "”") || strings.HasPrefix(s[end:], "’") {
				end += len("”")
			} else {
				break
			}
		}
		if end == len(s) {
			return s
		}
		if s[end] != ' ' || !startsUpper(strings.TrimLeft(s[end:], " ")) {
			continue
		}
		if r == '.' && isAbbreviation(s[:i]) {
			continue
		}
		return s[:end]
	}
	return s
}

// isAbbreviation reports whether the word before a full stop is an
// initial or an abbreviation rather than a sentence's last word.
func isAbbreviation(before string) bool {
	f := strings.Fields(before)
	if len(f) == 0 {
		return false
	}
	w := strings.TrimLeft(f[len(f)-1], "(\"“‘")
	if utf8.RuneCountInString(w) == 1 || strings.Contains(w, ".") {
		return true // "J.", "U.S."
	}
	switch strings.ToLower(w) {
	case "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "adm",
		"gov", "sen", "rep", "inc", "corp", "co", "ltd", "no", "vs", "etc", "approx", "dept", "est",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

// shorten cuts s to at most max characters at a word boundary and marks
// the cut with "…".
func shorten(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut, hard, n := 0, 0, 0
	for i, r := range s {
		if unicode.IsSpace(r) {
			cut = i
		}
		if n == max-1 {
			hard = i
			break
		}
		n++
	}
	if cut == 0 {
		cut = hard // one long word: cut inside it
	}
	return strings.TrimRight(s[:cut], " ,;:–—-") + "…"
}
