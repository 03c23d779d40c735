package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest/lazyre"
)

// line is one source line after Markdown and debris are stripped from it.
type line struct {
	text      string
	blank     bool // nothing left: a paragraph break
	separator bool // a rule such as *** or ---, kept only to record it
	heading   bool // a Markdown heading (# or underlined)
	bullet    bool // a list item whose marker was stripped
	numbered  bool // a numbered list item; the number is kept as text
	alone     bool // never joined to its neighbours; see standsAlone
}

var (
	htmlComment = lazyre.New(`(?s)<!--.*?-->`)
	mdHeading   = lazyre.New(`^#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?$`)
	setextRule  = lazyre.New(`^(?:=+|-+)$`)
	refLinkDef  = lazyre.New(`^\[[^\]]+\]:\s*\S+`)
	bulletMark  = lazyre.New(`^[-*+•·▪‣◦●○■□►–]\s+`)
	numberMark  = lazyre.New(`^\d{1,3}[.)]\s+\S`)
	// Separator debris: runs of rule characters, two or more commas, or a
	// spaced row of bullets or stars.
	debris       = `(?:,{2,}|[*~=_+#]{3,}|-{3,}|(?:[•·*~=_-]\s*){2,}[•·*~=_-])`
	leadDebris   = lazyre.New(`^` + debris + `\s*`)
	trailDebris  = lazyre.New(`\s*` + debris + `$`)
	midCommas    = lazyre.New(`\s,{2,}\s`)
	stuckCommas  = lazyre.New(`(\S),{2,}(\s|$)`)
	separatorSet = "*-_=~,.•·#+⁂※◆◇■□●○▪►–—|/\\<>`"
)

// splitLines normalises the whole text and strips each line down to its
// words, marking what the Markdown and plain-text conventions say about it.
func splitLines(text string) []line {
	text = htmlComment.ReplaceAllString(normalizeSpace(text), "")
	raw := strings.Split(text, "\n")
	lines := make([]line, 0, len(raw))
	for _, r := range raw {
		s := strings.TrimSpace(r)
		prev := lastLine(lines)
		switch {
		case s == "":
			lines = append(lines, line{blank: true})
		case setextRule.MatchString(s) && len(s) >= 2 && prev != nil && isUnderlined(*prev, s):
			prev.heading = true
		case isSeparator(s):
			lines = append(lines, line{text: s, separator: true})
		case refLinkDef.MatchString(s):
			// a Markdown link definition is an address, not text
		default:
			l := parseLine(s)
			if l.text == "" {
				l.blank = true
			}
			lines = append(lines, l)
		}
	}
	return lines
}

func lastLine(lines []line) *line {
	if len(lines) == 0 {
		return nil
	}
	return &lines[len(lines)-1]
}

// isUnderlined tells a Markdown underlined heading from a rule that
// happens to follow a line: "===" always underlines; "---" only under a
// short line that does not end a sentence.
func isUnderlined(prev line, rule string) bool {
	if prev.blank || prev.separator || prev.bullet || prev.heading {
		return false
	}
	return rule[0] == '=' || (isShortLine(prev.text) && !endsSentence(prev.text))
}

// parseLine strips Markdown and separator debris from one line.
func parseLine(s string) line {
	var l line
	if m := mdHeading.FindStringSubmatch(s); m != nil {
		l.heading = true
		s = m[1]
	}
	for strings.HasPrefix(s, ">") {
		s = strings.TrimSpace(strings.TrimPrefix(s, ">"))
	}
	s = stripInline(s)
	s = stripDebris(s)
	if m := bulletMark.FindString(s); m != "" && !l.heading {
		l.bullet = true
		s = stripDebris(strings.TrimPrefix(s, m))
	} else if numberMark.MatchString(s) {
		l.numbered = true
	}
	l.text = strings.TrimSpace(s)
	return l
}

// isSeparator reports whether s holds only rule and bullet characters.
func isSeparator(s string) bool {
	for _, r := range s {
		if r != ' ' && !strings.ContainsRune(separatorSet, r) {
			return false
		}
	}
	return true
}

// stripDebris removes separator runs stuck to either end of a line, and
// comma runs inside it, keeping every word.
func stripDebris(s string) string {
	// The patterns run only where debris can be: at an end that is a
	// rule or bullet character, or around a run of commas. Most lines
	// have none, and the patterns are most of what reading a file costs.
	if s == "" {
		return s
	}
	if first, _ := utf8.DecodeRuneInString(s); strings.ContainsRune(debrisRunes, first) {
		s = leadDebris.ReplaceAllString(s, "")
	}
	if last, _ := utf8.DecodeLastRuneInString(s); strings.ContainsRune(debrisRunes, last) {
		s = trailDebris.ReplaceAllString(s, "")
	}
	if !strings.Contains(s, ",,") {
		return s
	}
	s = midCommas.ReplaceAllString(s, " ")
	return stuckCommas.ReplaceAllString(s, "$1,$2")
}

// debrisRunes are the characters separator debris is made of.
const debrisRunes = ",*~=_+#-•·"

// normalizeSpace unifies line endings and spaces and drops invisible
// characters, so no rule has to care how a file was typed.
func normalizeSpace(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n\n").Replace(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\u200B' || r == '\uFEFF' || r == '\u00AD' || r == '\u2060' || r == '\u200E' || r == '\u200F':
			return -1
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// isShortLine says whether s could be a heading or a title: short, not a
// sentence, starting like a title does.
func isShortLine(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 150 || len(strings.Fields(s)) > 24 {
		return false
	}
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";") || strings.HasSuffix(s, ":") {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(first) || unicode.IsDigit(first) || strings.ContainsRune("\"“‘'(", first)
}

// isTitleCase reports whether most longer words of s are capitalised, as
// in "Bridges Over the New Geography of Danger". Inside a block of
// wrapped text it tells a heading from a line that was merely wrapped.
func isTitleCase(s string) bool {
	long, upper := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.TrimLeft(w, "\"“‘'(")
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) || unicode.IsDigit(r) {
			upper++
		}
	}
	return long > 0 && float64(upper) >= 0.6*float64(long)
}

// endsSentence reports whether s ends with sentence punctuation, perhaps
// followed by a closing quote or bracket.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"”’')]")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") ||
		strings.HasSuffix(s, "…") || strings.HasSuffix(s, ":") || strings.HasSuffix(s, ";")
}

// startsLower reports whether s begins with a lower-case letter, the mark
// of a line that continues the one before.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// startsUpper reports whether s begins like a new sentence or heading.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'([", r)
}
