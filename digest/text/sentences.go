package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits a paragraph into sentences. Each one is an exact,
// trimmed substring of paragraph, so a summary built from them quotes the
// article and never rewrites it. Bullets, headings and lines that stop
// without punctuation come out as units of their own; IsFragment tells
// them apart from real sentences. A list item stays whole even when it
// holds several sentences, so a summary never quotes half of one.
func Sentences(paragraph string) []string {
	var out []string
	for _, u := range lineUnits(paragraph) {
		unit := paragraph[u[0]:u[1]]
		if IsBullet(unit) {
			out = append(out, strings.TrimSpace(unit))
			continue
		}
		for _, s := range splitUnit(unit) {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// lineUnits groups the lines of a paragraph into spans that read as
// running text. A newline is only a space when the line before it ends
// like a sentence or the next line plainly continues it (starts in lower
// case); bullets and unpunctuated lines such as headings stand alone.
func lineUnits(p string) [][2]int {
	var units [][2]int
	start, prev := -1, ""
	for off := 0; off <= len(p); {
		end := strings.IndexByte(p[off:], '\n')
		if end < 0 {
			end = len(p)
		} else {
			end += off
		}
		line := strings.TrimSpace(p[off:end])
		switch {
		case line == "":
			if start >= 0 {
				units = append(units, [2]int{start, off})
				start = -1
			}
		case start < 0:
			start = off
		case breaksBefore(prev, line):
			units = append(units, [2]int{start, off})
			start = off
		}
		if line != "" {
			prev = line
		}
		off = end + 1
	}
	if start >= 0 {
		units = append(units, [2]int{start, len(p)})
	}
	return units
}

// breaksBefore reports whether a newline between two non-blank lines ends
// a unit.
func breaksBefore(prev, next string) bool {
	if IsBullet(next) {
		return true
	}
	if continuesLine(next) {
		return false
	}
	return IsBullet(prev) || !endsTerminal(prev)
}

// continuesLine reports whether a line starts in lower case, as the rest
// of a hard-wrapped sentence does.
func continuesLine(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsLower(r)
}

// splitUnit splits running text at sentence ends. A run of terminal
// punctuation (with any closing quotes or brackets after it) ends a
// sentence when what follows starts one; abbreviations, initials, list
// numbers and decimals do not end sentences.
func splitUnit(u string) []string {
	var out []string
	start := 0
	for i := 0; i < len(u); {
		r, size := utf8.DecodeRuneInString(u[i:])
		if !isTerminal(r) {
			i += size
			continue
		}
		runEnd := skipWhile(u, i, isTerminal)
		end := skipWhile(u, runEnd, isCloser)
		if endsSentence(u, start, i, runEnd, end) {
			out = append(out, u[start:end])
			start = end
		}
		i = end
	}
	if start < len(u) {
		out = append(out, u[start:])
	}
	return out
}

// endsSentence decides whether the terminal run u[i:runEnd], followed by
// closers up to end, ends the sentence that began at start.
func endsSentence(u string, start, i, runEnd, end int) bool {
	if !hasWordRune(u[start:i]) {
		return false // a leading "…" belongs to the sentence it opens
	}
	rest := u[end:]
	if rest == "" {
		return true
	}
	run := u[i:runEnd]
	next, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsSpace(next) {
		return gluedStart(u[start:i], run, rest)
	}
	rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
	if rest == "" || !startsSentence(rest) {
		return false
	}
	if run != "." || end != runEnd {
		return true
	}
	word := lastWord(u[start:i])
	switch {
	case word == "":
		return true
	case isListMarker(word) && strings.TrimSpace(u[start:i]) == word:
		return false
	case neverEnds(word):
		return false
	case mayEnd(word):
		return startsWithStarter(rest)
	}
	return true
}

// gluedStart handles terminal punctuation with no space after it, which
// is usually a decimal or an inner dot (7.2, U.S.-led, example.com) but in
// scraped text is often a lost space before a new sentence: "….The".
func gluedStart(before, run, rest string) bool {
	if !startsWord(rest) {
		return false
	}
	if run != "." {
		return true
	}
	w := lastWord(before)
	last, _ := utf8.DecodeLastRuneInString(w)
	return utf8.RuneCountInString(w) >= 2 && unicode.IsLower(last) && !strings.Contains(w, ".")
}

// startsWord reports whether s opens with a capitalised word such as
// "The" or "Japan": an upper-case letter followed by a lower-case one.
func startsWord(s string) bool {
	s = strings.TrimLeftFunc(s, isOpener)
	r, n := utf8.DecodeRuneInString(s)
	r2, _ := utf8.DecodeRuneInString(s[n:])
	return unicode.IsUpper(r) && unicode.IsLower(r2)
}

// startsSentence reports whether s can open a sentence: a capital, a
// figure or a currency amount, possibly after opening quotes, or a word
// like "iPhone" that is lower case only in its first letter.
func startsSentence(s string) bool {
	s = strings.TrimLeftFunc(s, isOpener)
	r, n := utf8.DecodeRuneInString(s)
	switch {
	case unicode.IsUpper(r) || unicode.IsDigit(r) || unicode.Is(unicode.Sc, r):
		return true
	case unicode.IsLower(r):
		r2, _ := utf8.DecodeRuneInString(s[n:])
		return unicode.IsUpper(r2)
	}
	return false
}

// startsWithStarter reports whether s opens with a capitalised function
// word ("The", "It", "But"), which after an ambiguous abbreviation such as
// "U.S." means a new sentence rather than a name ("U.S. President").
func startsWithStarter(s string) bool {
	s = strings.TrimLeftFunc(s, isOpener)
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	return IsStopWord(strings.ToLower(s[:end]))
}

// lastWord is the last whitespace-separated word of s without its opening
// quotes or brackets: the word a full stop is attached to.
func lastWord(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if i := strings.LastIndexFunc(s, unicode.IsSpace); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimLeftFunc(s, isOpener)
}

func skipWhile(s string, i int, f func(rune) bool) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !f(r) {
			break
		}
		i += size
	}
	return i
}

func hasWordRune(s string) bool { return strings.IndexFunc(s, isWordRune) >= 0 }

func isTerminal(r rune) bool { return r == '.' || r == '?' || r == '!' || r == '…' }

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '(', '[', '…':
		return true
	}
	return false
}

// endsTerminal reports whether s ends like a sentence, looking past
// closing quotes and brackets.
func endsTerminal(s string) bool {
	s = strings.TrimRightFunc(strings.TrimSpace(s), isCloser)
	r, _ := utf8.DecodeLastRuneInString(s)
	return isTerminal(r)
}

// neverEnds reports whether a full stop after word is an abbreviation
// that always has more to come: a title before a name ("Dr. Sharma") or
// a Latin aside ("e.g. Japan").
func neverEnds(word string) bool {
	switch strings.ToLower(word) {
	case "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "brig",
		"gov", "sen", "rep", "rev", "hon", "pres", "supt", "messrs", "mt", "ft", "fr",
		"e.g", "i.e", "cf", "vs", "viz", "approx", "incl", "esp", "ca", "fig", "figs", "vol", "pp":
		return true
	}
	return false
}

// mayEnd reports whether a full stop after word may or may not end the
// sentence: acronyms (U.S.), initials (Mark A. Smith), company suffixes,
// "No. 5", month abbreviations and "etc.". The next word decides.
func mayEnd(word string) bool {
	if isAcronym(word) || utf8.RuneCountInString(word) == 1 {
		return true
	}
	switch strings.ToLower(word) {
	case "inc", "ltd", "corp", "co", "bros", "plc", "llc", "st", "ave", "rd", "blvd", "jr", "sr",
		"no", "nos", "etc", "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

// isAcronym reports whether word is dotted letters such as "U.S", "a.m"
// or "S.T.A.L.K.E.R" (the final dot is not part of word).
func isAcronym(word string) bool {
	if !strings.Contains(word, ".") {
		return false
	}
	for _, part := range strings.Split(word, ".") {
		if part == "" || len(part) > 2 || strings.IndexFunc(part, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			return false
		}
	}
	return true
}

// isListMarker reports whether word is the number or letter of a
// numbered list item ("1", "12", "a").
func isListMarker(word string) bool {
	if word == "" || len(word) > 3 {
		return false
	}
	if len(word) == 1 && unicode.IsLetter(rune(word[0])) {
		return true
	}
	for _, r := range word {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
