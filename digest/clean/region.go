package clean

import (
	"slices"
	"strings"
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

// findBody classes the units and finds the article's main text. An extractor's text is its main text already (see
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
	return classes, b
}

// extendLead takes into the body the paragraphs of prose above it that
// furniture (an ad slot, a share row) parted from it: a story's lead is
// often one sentence, too short to be good on its own, and its neighbours
// then are furniture. It stops at the headline, which the head's reading
// takes, and after maxGap paragraphs of furniture.
func extendLead(units []unit, classes, raw []class, prose *termSet, b *body) {
	if !b.ok {
		return
	}
	gap := 0
	for i := b.start - 1; i >= 0 && gap <= maxGap; i-- {
		u := &units[i]
		if !u.kept() {
			continue
		}
		if isHeadlineShaped(u) && prose.shares(u.text) {
			return
		}
		if raw[i] < classNearGood {
			gap++
			continue
		}
		b.start, gap = i, 0
		classes[i] = classGood
	}
}

// smoothShort settles short paragraphs. Short lines stay only between
// paragraphs of prose (so never the headline above the article, which
// the head's reading takes), and only as a subheading (one line shaped
// like a heading) or a list (items marked as a list, perhaps under a
// subheading, none in title case as the links of a menu are). Every
// other run of short lines (menus, rows of links, labels, widgets) is
// furniture: runs of short lines are what pages are framed with.
func smoothShort(units []unit, classes []class, kept []int, prose *termSet) {
	for k := 0; k < len(kept); {
		if classes[kept[k]] != classShort {
			k++
			continue
		}
		end := k
		for end < len(kept) && classes[kept[end]] == classShort {
			end++
		}
		run := kept[k:end]
		framed := k > 0 && classes[kept[k-1]] >= classNearGood && end < len(kept) && classes[kept[end]] >= classNearGood
		keep := framed && (len(run) == 1 && isSubheading(&units[run[0]]) && prose.shares(units[run[0]].text) || isList(units, run))
		for _, i := range run {
			if keep {
				classes[i] = classNearGood
			} else {
				classes[i] = classBad
			}
		}
		k = end
	}
}

// dropRepeatedShort classes bad every short paragraph printed more than
// once in the file: a page repeats its prompts, labels and ad slots, an
// article does not repeat its own lines.
func dropRepeatedShort(units []unit, classes []class, kept []int) {
	seen := make(map[string]int)
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	for _, i := range kept {
		if classes[i] == classShort {
			seen[norm(units[i].text)]++
		}
	}
	for _, i := range kept {
		if classes[i] == classShort && seen[norm(units[i].text)] > 1 {
			classes[i] = classBad
		}
	}
}

// isList reports a run of list items, perhaps under a subheading, none
// of them in title case or a row of separated items.
func isList(units []unit, run []int) bool {
	items := 0
	for n, i := range run {
		u := &units[i]
		if n == 0 && !u.bullet && !u.numbered && isSubheading(u) {
			continue
		}
		if !u.bullet && !u.numbered || isListRow(u.text) || isTitleCase(u.text) {
			return false
		}
		items++
	}
	return items > 0
}

// isSubheading reports a line shaped like a heading inside an article:
// a few words of letters starting with a capital, not a label ("Photo:"),
// not a date, byline or a row of separated items.
func isSubheading(u *unit) bool {
	if u.bullet || isMetaLine(u.text) || isListRow(u.text) {
		return false
	}
	n := wordCount(u.text)
	return (u.heading || isShortLine(u.text)) && n >= 2 && n <= maxHeadlineWords && !hasDigitRun(u.text)
}

// smoothNearGood makes a near-good paragraph good when the nearest
// paragraph on either side that is not near-good is good, else bad.
func smoothNearGood(classes []class, kept []int) {
	side := func(k, step int) class {
		for j := k + step; j >= 0 && j < len(kept); j += step {
			if c := classes[kept[j]]; c != classNearGood {
				return c
			}
		}
		return classBad
	}
	settled := make([]class, len(kept))
	for k, i := range kept {
		settled[k] = classes[i]
		if classes[i] == classNearGood {
			if side(k, -1) == classGood || side(k, 1) == classGood {
				settled[k] = classGood
			} else {
				settled[k] = classBad
			}
		}
	}
	for k, i := range kept {
		classes[i] = settled[k]
	}
}

// headedWeight multiplies the size of a run of prose that a headline
// about it stands above (within headWindow paragraphs): a page's article
// is headed by its headline, while its cookie policy, its legal notes and
// its comments are not headed by anything that shares their words.
const (
	headedWeight = 2
	headWindow   = 6
)

// mainBody finds the largest run of good paragraphs (by characters, a
// paragraph printed twice counting for nothing, as pages repeat their
// notices and articles do not repeat their paragraphs) in which no more
// than maxGap kept paragraphs of furniture lie between two good ones; a
// run with its headline above it counts headedWeight times.
func mainBody(units []unit, classes []class) body {
	var runs []body
	var sizes []int
	var cur body
	gap, size := 0, 0
	repeated := repeatedTexts(units, classes)
	flush := func() {
		if cur.ok {
			runs, sizes = append(runs, cur), append(sizes, size)
		}
	}
	for i := range units {
		if !units[i].kept() {
			continue
		}
		if classes[i] != classGood {
			gap++
			continue
		}
		if !cur.ok || gap > maxGap {
			flush()
			cur, size = body{start: i, end: i, ok: true}, 0
		}
		cur.end = i
		if !repeated[normText(units[i].text)] {
			size += len(units[i].text)
		}
		gap = 0
	}
	flush()
	if len(runs) < 2 {
		if len(runs) == 1 {
			return runs[0]
		}
		return body{}
	}
	best, bestScore := body{}, 0
	for k, r := range runs {
		score := sizes[k]
		if headed(units, r) {
			score *= headedWeight
		}
		if score > bestScore {
			best, bestScore = r, score
		}
	}
	return best
}

// headed reports whether a headline-shaped line within headWindow kept
// paragraphs above run r shares the run's words.
func headed(units []unit, r body) bool {
	words := &termSet{build: func() []string {
		var texts []string
		for i := r.start; i <= r.end; i++ {
			if units[i].kept() {
				texts = append(texts, units[i].text)
			}
		}
		return texts
	}}
	seen := 0
	for i := r.start - 1; i >= 0 && seen < headWindow; i-- {
		u := &units[i]
		if !u.kept() {
			continue
		}
		seen++
		if isHeadlineShaped(u) && words.shares(u.text) {
			return true
		}
	}
	return false
}

// repeatedTexts is the set of the good paragraphs printed more than once.
func repeatedTexts(units []unit, classes []class) map[string]bool {
	count := make(map[string]int)
	for i := range units {
		if units[i].kept() && classes[i] == classGood {
			count[normText(units[i].text)]++
		}
	}
	rep := make(map[string]bool)
	for t, n := range count {
		if n > 1 {
			rep[t] = true
		}
	}
	return rep
}

// normText is s lower-cased with its spacing collapsed, to compare lines.
func normText(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

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
	return n >= 2 || n == 1 && wordCount(s) <= 6
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
