package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest/lazyre"
	"github.com/digest-newsletter/digest/digest/text"
)

// minWords is the shortest sentence worth quoting in a summary; shorter
// ones are answers, labels or asides ("Unlikely.").
const minWords = 6

// Words that make a sentence lean on the one before it. A summary that
// quotes "However, it declined." without its predecessor reads as a
// non sequitur, so such sentences go only with the sentence before them.
var (
	// leaningOpeners lean whatever follows them.
	leaningOpeners = wordSet(`however but and also yet moreover furthermore nevertheless nonetheless besides
		thus therefore hence nor or consequently additionally similarly likewise meanwhile then
		he she it they this that these those his her its their them such`)
	// commaOpeners lean only as a sentence adverb with a comma after
	// them: "Still, it grew." but not "Still water runs deep."
	commaOpeners = wordSet(`though still instead indeed otherwise so again second secondly third thirdly fourth fifth finally lastly next`)
	// leaningPhrases lean like leaningOpeners but take several words:
	// grammar only. A definite noun phrase pointing back ("The decision
	// …") is the structural reference rule's (reference.go).
	leaningPhrases = []string{"in response", "as a result", "in addition", "in turn", "by contrast", "in contrast",
		"on the other hand", "at the same time", "for example", "for instance", "after all", "even so", "in fact",
		"all of this", "all this", "the latter", "the former", "the same"}
	// timeNouns after "this" or "that" make a date, not a reference:
	// "This week, Japan said …" stands alone.
	timeNouns = wordSet(`week weekend month year morning afternoon evening night summer winter spring autumn quarter season decade century`)
	// saidByPronoun catches a sentence ending in ", he said." whose
	// speaker is named only in an earlier sentence.
	saidByPronoun = lazyre.New(`(?i)[,"'”’]\s*(he|she|they|it|we)\s+(said|says|added|adds|noted|notes|explained|warned|stated|argued|insisted|continued|wrote|claimed|told\s+[^.,;]{1,40})\s*[.!]?["'”’]?$`)
)

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// leansOnPrevious reports whether a sentence needs the one before it to
// be understood: it opens with a connective or a bare pronoun ("However,",
// "But", "It", "These"), names its speaker only as "he said", has a
// bare "this" as an early subject ("Analysts say this marks"), or is all
// quotation with the speaker named before it.
func leansOnPrevious(sentence string) bool {
	if unattributedQuote(sentence) || saidByPronoun.MatchString(sentence) || pointsBackMidway(sentence) {
		return true
	}
	s := strings.TrimLeftFunc(sentence, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	first := strings.ToLower(s[:end])
	if leaningOpeners[first] {
		next := text.Words(s[end:])
		dated := (first == "this" || first == "that") && len(next) > 0 && timeNouns[next[0]]
		return !dated
	}
	if commaOpeners[first] && strings.HasPrefix(s[end:], ",") {
		return true
	}
	words := text.Words(firstChars(s, 40))
	for i, w := range words {
		words[i] = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	}
	opening := strings.Join(words, " ") + " "
	for _, p := range leaningPhrases {
		if strings.HasPrefix(opening, p+" ") {
			return true
		}
	}
	return false
}

// unattributedQuote reports a sentence that is all quotation, whose
// speaker was named in an earlier sentence.
func unattributedQuote(s string) bool {
	s = strings.TrimSpace(s)
	open, n := utf8.DecodeRuneInString(s)
	last, m := utf8.DecodeLastRuneInString(s)
	if open != '“' && open != '"' || last != '”' && last != '"' || len(s) < n+m {
		return false
	}
	return !strings.ContainsAny(s[n:len(s)-m], "“”\"")
}

// firstChars is the start of s, at most n bytes, cut at a rune boundary.
func firstChars(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// isByline reports a credit line ("By Jane Doe and John Roe") or a short
// line naming one of the article's authors.
func isByline(s string, authors []string) bool {
	fields := strings.Fields(s)
	if len(fields) > 1 && len(fields) <= 12 && strings.EqualFold(fields[0], "by") && namesOnly(fields[1:]) {
		return true
	}
	for _, a := range authors {
		if a = strings.TrimSpace(a); a == "" || !strings.Contains(s, a) {
			continue
		}
		// A short line with the name, or an author's biography
		// ("Jane Doe is a fellow at …").
		if len(fields) <= 8 || strings.HasPrefix(s, a+" is ") {
			return true
		}
	}
	return false
}

// namesOnly reports whether words read as a list of names: capitalised
// words joined by "and", "&" or commas.
func namesOnly(words []string) bool {
	for _, w := range words {
		w = strings.Trim(w, ",.;:|()")
		if w == "" || w == "and" || w == "&" || w == "in" || w == "for" || w == "of" {
			continue
		}
		r := []rune(w)[0]
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isTitleRepeat reports a sentence that restates the article's title, as
// scraped pages often do just under it: the title itself, or about it,
// with little more.
func isTitleRepeat(s string, title *fingerprint, titleWords int) bool {
	if title == nil || title.key == "" || len(strings.Fields(s)) > titleWords+3 {
		return false
	}
	fp := newFingerprint(s)
	return fp.key == title.key || strings.HasPrefix(fp.key, title.key+" ") || fp.similar(title)
}

// isTitleCut reports the sentence the title was cut from: a long title
// that opens a longer sentence ("… have announced…"), as a title derived
// from an article's first sentence does. The sentence says more than the
// title, so it is no repeat; only printed under that title would it be
// read twice (see sentence.titleCut).
func isTitleCut(s string, title *fingerprint, titleWords int) bool {
	if title == nil || title.key == "" || titleWords < 6 || len(strings.Fields(s)) <= titleWords+3 {
		return false
	}
	first, _, _ := strings.Cut(title.key, " ")
	return strings.HasPrefix(strings.ToLower(s), first) && strings.HasPrefix(newFingerprint(s).key, title.key+" ")
}

// listItems marks the units of an article that are items of a list whose
// bullets were lost in copying: whole lines (or paragraphs) that open
// with a short title-case label and a colon ("Quantum Computing:
// Developing …"), two or more in a row or right after a unit ending in a
// colon. A single such line elsewhere is more likely a name with a
// subtitle ("Star Trek: Enterprise began in 2001.") and is left alone.
func listItems(units []string, wholeLine []bool) []bool {
	labelled := make([]bool, len(units))
	for i, u := range units {
		labelled[i] = wholeLine[i] && hasLabel(u)
	}
	items := make([]bool, len(units))
	for i := range units {
		items[i] = labelled[i] && (i > 0 && (labelled[i-1] || strings.HasSuffix(units[i-1], ":")) ||
			i+1 < len(units) && labelled[i+1])
	}
	return items
}

// wholeLines reports for each unit of a paragraph whether it fills a
// line of its own.
func wholeLines(paragraph string, units []string) []bool {
	lines := map[string]bool{}
	for _, l := range strings.Split(paragraph, "\n") {
		lines[strings.TrimSpace(l)] = true
	}
	out := make([]bool, len(units))
	for i, u := range units {
		out[i] = lines[u]
	}
	return out
}

// hasLabel reports whether s opens with up to five title-case words and a
// colon.
func hasLabel(s string) bool {
	colon := strings.IndexByte(s, ':')
	if colon <= 0 {
		return false
	}
	label := strings.Fields(s[:colon])
	if len(label) > 5 {
		return false
	}
	for i, w := range label {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && (i == 0 || !labelMinorWords[w]) {
			return false
		}
	}
	return true
}

var labelMinorWords = wordSet("a an the and or of in on at to for with by from")

// usable reports whether a unit may be quoted in a summary at all.
func usable(s string, words int, authors []string, title *fingerprint, titleWords int) bool {
	return words >= minWords && !text.IsFragment(s) && !isByline(s, authors) && !isTitleRepeat(s, title, titleWords)
}
