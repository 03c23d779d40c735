package lazyre

import (
	"regexp/syntax"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A prefilter answers most non-matches without running the expression.
// Go's matcher has no literal search for an expression like
// `(?i)\b(getty images|shutterstock)\b` or `^share (this|on)\b|^share$`
// (an anchor inside an alternation), so it tries every position of the
// input; the cleaner and the summarizer ask dozens of them about every
// line and sentence they read. Every match of such an expression holds
// one of a few literal strings, and strings.Contains finds those far
// faster. The prefilter keeps the expression's answers exactly: it only
// says "no" when no literal the expression needs is in the input.

// minLiteral is the shortest literal worth a search: single letters and
// spaces are in nearly every input and would only cost a pass, while a
// lone bracket, digit or symbol is rare enough to tell.
const minLiteral = 2

// needs returns strings of which every match of re holds at least one,
// lower-cased, or nil when no such set of useful literals is known.
func needs(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		s := strings.ToLower(string(re.Rune))
		if n := utf8.RuneCountInString(s); n < minLiteral && (n == 0 || unicode.IsLetter(re.Rune[0]) || unicode.IsSpace(re.Rune[0])) {
			return nil
		}
		return []string{s}
	case syntax.OpCapture, syntax.OpPlus:
		return needs(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return needs(re.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		// Any one element's literals will do; the set whose shortest
		// literal is longest is the most selective.
		var best []string
		for _, sub := range re.Sub {
			if set := needs(sub); set != nil && (best == nil || shortest(set) > shortest(best)) {
				best = set
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			set := needs(sub)
			if set == nil {
				return nil // a branch may match without any literal
			}
			all = append(all, set...)
		}
		return all
	}
	return nil
}

func shortest(set []string) int {
	n := -1
	for _, s := range set {
		if l := len(s); n < 0 || l < n {
			n = l
		}
	}
	return n
}

// folds maps the two non-ASCII letters that case-fold to ASCII ones
// (KELVIN SIGN to k, LATIN SMALL LETTER LONG S to s), so a lower-cased
// input holds a literal wherever the expression, matching without
// regard to case, would find it.
var folds = strings.NewReplacer("\u212a", "k", "\u017f", "s")

// Lower is s as the prefilter reads it: lower-cased, with the two
// non-ASCII letters that fold to ASCII ones folded. A caller asking many
// expressions about one string makes it once and passes it to
// MatchLower.
func Lower(s string) string {
	low := strings.ToLower(s)
	if strings.ContainsAny(low, "\u212a\u017f") {
		low = folds.Replace(low)
	}
	return low
}

// mayMatch reports whether low (see Lower) holds one of the literals
// (true when there are none to look for).
func mayMatch(literals []string, low string) bool {
	if literals == nil {
		return true
	}
	for _, l := range literals {
		if strings.Contains(low, l) {
			return true
		}
	}
	return false
}
