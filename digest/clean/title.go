package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxDerivedTitle is the longest title made from an article's first
// sentence, in characters, before the ellipsis.
const maxDerivedTitle = 100

// deriveTitle makes an honest title for an article that has none: its
// first sentence, cut at a word boundary when long. Headings and list
// items are passed over for the first paragraph of prose.
func deriveTitle(paragraphs []unit) string {
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
