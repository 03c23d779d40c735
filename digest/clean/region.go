package clean

import (
	"slices"
	"strings"

	"github.com/digest-newsletter/digest/digest/text"
)

// Reasons for furniture found by what it is rather than what it says.
const (
	ReasonNotProse = "furniture: not prose (short, few function words or symbol-laden)"
	ReasonOutside  = "furniture: outside the article's main text"
)

// maxGap is the most paragraphs of furniture that may lie between two
// runs of prose that are one article: an inline box of links or a photo
// with its caption and credit sits inside the story, while a page's
// header, footer and comment section are separated from it by longer
// menus and lists.
const maxGap = 8

// maxBoilerplateWords: the classifier asks the boilerplate rules only
// about paragraphs this short, as nearly all of them are for lines of a
// few dozen words; what is longer the rules still judge later.
const maxBoilerplateWords = 45

// body is the main text found by the classifier: the kept units from
// start to end (indexes into units), or ok false when the document has
// no paragraph of prose to anchor one.
type body struct {
	start, end int
	ok         bool
}

// classify classes every kept unit and settles the short and near-good
// ones by their neighbours. The result is indexed like units; units not
// kept are classBad and are skipped by the neighbour rules. raw is the
// classes before settling, and prose the words of the paragraphs that
// are prose on their own.
func classify(units []unit) (classes, raw []class, prose *termSet) {
	classes = make([]class, len(units))
	feats := make([]features, len(units))
	var kept []int
	words, stops := 0, 0
	for i := range units {
		if units[i].kept() {
			feats[i] = measure(units[i].text)
			words += feats[i].words
			stops += feats[i].stops
			kept = append(kept, i)
		}
	}
	foreign := words > 0 && float64(stops) < foreignDensity*float64(words)
	for _, i := range kept {
		classes[i] = classOf(feats[i], foreign)
		if classes[i] < classGood && feats[i].words <= maxBoilerplateWords && boilerplateReason(units[i].text) != "" {
			classes[i] = classBad // its own rule drops it, with its reason
		}
	}
	promoteIfNoneGood(classes, feats, kept)
	story := &termSet{build: unitTexts(units, func(i int) bool { return classes[i] == classGood })}
	for _, i := range kept {
		s := units[i].text
		if classes[i] < classGood && (isLabelled(s) || !foreign && isCaptionSentence(s, feats[i]) && !story.shares(s)) {
			classes[i] = classBad
		}
	}
	dropRepeatedShort(units, classes, kept)
	raw = slices.Clone(classes)
	prose = &termSet{build: unitTexts(units, func(i int) bool { return raw[i] >= classNearGood })}
	smoothShort(units, classes, kept, prose)
	smoothNearGood(classes, kept)
	return classes, raw, prose
}

// promoteIfNoneGood makes good the near-good paragraphs of prose length
// when no paragraph is good on its own: a short article of plain
// sentences sits a little under the density bounds, and its paragraphs
// are still the best prose the file has.
func promoteIfNoneGood(classes []class, feats []features, kept []int) {
	for _, i := range kept {
		if classes[i] == classGood {
			return
		}
	}
	for _, i := range kept {
		if classes[i] == classNearGood && feats[i].chars > goodSentenceChars {
			classes[i] = classGood
		}
	}
}

// findBody classes the units and finds the article's main text. An
// extractor's text is its main text already (see
// digest.Document.Extracted): measured on the extraction benchmark, a
// second search on the text alone only cuts the article's own short
// paragraphs, lists and tables, so none is made.
func findBody(units []unit, extracted bool) ([]class, body) {
	classes, raw, prose := classify(units)
	if extracted {
		return classes, body{}
	}
	b := mainBody(units, classes)
	extendLead(units, classes, raw, prose, &b)
	headOff(units, &b)
	return classes, b
}

// headOff moves the body's start past a headline that opens it: a
// headline-shaped first line the rest of the body is about, read as
// prose because it is worded as a sentence ("Markets are up; is it time
// to sell?"). It is the article's headline, above its text, not the
// text's first paragraph.
func headOff(units []unit, b *body) {
	if !b.ok || !isHeadlineShaped(units, b.start, b.start) {
		return
	}
	next := nextKept(units, b.start+1)
	if next < 0 || next > b.end {
		return
	}
	rest := &termSet{build: unitTexts(units, func(i int) bool { return i >= next && i <= b.end })}
	if rest.shares(units[b.start].text) {
		b.start = next
	}
}

// dropNotProse drops the furniture inside the body, and everything kept
// after it; what lies above it is left to readHead, which takes the
// title and metadata from there first.
func dropNotProse(units []unit, classes []class, b body) {
	if !b.ok {
		return
	}
	for i := b.start; i < len(units); i++ {
		u := &units[i]
		switch {
		case !u.kept():
		case i > b.end:
			u.drop = ReasonOutside
		case classes[i] != classGood:
			u.drop = ReasonNotProse
		}
	}
}

// isListRow reports a line of items run together with separators, as
// share rows, tag lists and crumbs are: "World · Europe · Politics".
func isListRow(s string) bool {
	n := 0
	for _, r := range s {
		switch r {
		case '|', '·', '•', '›', '»', '/', '>', '‣', '∙':
			n++
		}
	}
	return n >= 2 || n == 1 && text.WordCount(s) <= 6 || isNameList(s)
}

// minListItems is the fewest comma-separated items a line of names needs
// to read as a list (tags, topics, a cast) rather than a headline, which
// runs its commas into a clause ("Apple, Google and Amazon face probe").
const minListItems = 4

// isNameList reports a line of capitalised names of a word or two each,
// separated by commas: the shape of a tag list or a list of topics.
func isNameList(s string) bool {
	items := strings.Split(s, ",")
	if len(items) < minListItems {
		return false
	}
	for k, it := range items {
		if k == 0 {
			// a label may lead the list: "Topics: A, B, C, D"
			if _, after, ok := strings.Cut(it, ":"); ok {
				it = after
			} else if _, after, ok := strings.Cut(it, "—"); ok {
				it = after
			}
		}
		f := strings.Fields(it)
		if len(f) == 0 || len(f) > 2 || !startsUpper(f[len(f)-1]) {
			return false
		}
	}
	return true
}

// hasDigitRun reports a number in s, the mark of counts, times and dates
// that headings inside articles seldom carry.
func hasDigitRun(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}
