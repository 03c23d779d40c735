package clean

import (
	"strings"

	"github.com/digest-newsletter/digest/digest/text"
)

// The title is the most headline-like line above the article's main
// text: the shape of a headline, about what the body is about, and near
// the body. A page's menus, labels and banners are headline-shaped too;
// what tells the headline from them is that it shares its content words
// with the story.
//
// A candidate scores the content words it shares with the story, times
// the share of its words that are shared (squared, so a line half about
// something else counts for a quarter): a headline names several of the
// story's things and little else, while a menu item shares one or two
// words by chance and a caption right above the body shares fewer than
// the headline a few lines higher. That score is doubled when the page
// prints the line again (see repeatedAbove) and again when a byline or a
// date follows it (see introduces): what opens the article's head and
// what a page repeats is its headline.
const (
	// minHeadlineWords: one- and two-word lines above an article are
	// section names, buttons and site names far more often than headlines.
	minHeadlineWords = 3
	// minTitleOverlap is the share of a candidate's content terms the
	// body must use. Headlines paraphrase, so not all, but a menu item
	// or banner that shares one word by chance falls short.
	minTitleOverlap = 0.5
	// distancePenalty per paragraph between the candidate and the body
	// prefers the headline right above the story to an earlier teaser
	// that shares as many of its words. It is a fiftieth of a shared
	// word: it breaks ties between lines near each other, and only a
	// line dozens of paragraphs up loses a whole word by it.
	distancePenalty = 0.02
	// headBlock is how many kept lines after a headline its byline or
	// date may come: a subtitle, a kicker or a publication name may sit
	// between them, a whole menu or a gallery may not.
	headBlock = 3
)

// chooseTitle returns the index of the most headline-like kept unit
// before the body, or -1 when none passes.
func chooseTitle(units []unit, b body) int {
	if !b.ok || b.start == 0 {
		return -1
	}
	// The body's own words, from its start: prose before the body (a
	// teaser, a notice) says nothing of what the headline is about.
	story := &termSet{build: unitTexts(units, func(i int) bool { return i >= b.start && i <= b.end })}
	best, bestScore := -1, 0.0
	dist := 0
	for i := b.start - 1; i >= 0; i-- {
		u := &units[i]
		if !u.kept() {
			continue
		}
		dist++
		if !isHeadlineShaped(units, i, b.start) || u.bullet && prevKeptBullet(units, i) {
			continue // a headline may open a list of key points, not sit in one
		}
		hits, n := story.overlap(u.text)
		if n == 0 || hits == 0 || (n >= 3 && hits < 2) {
			continue
		}
		overlap := float64(hits) / float64(n)
		if overlap < minTitleOverlap {
			continue
		}
		weight := 1.0
		if repeatedAbove(units, i, b.start) {
			weight++
		}
		if introduces(units, i, b.start) {
			weight++
		}
		score := float64(hits)*overlap*overlap*weight - distancePenalty*float64(dist)
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// isHeadlineShaped reports a line that could be a headline: a few words
// to a couple of dozen, no closing full stop, starting like a title, not
// a date, byline, label, crumb or share row, and not cut short with an
// ellipsis (a link's teaser is cut to fit its box; a headline is printed
// whole). A line in capitals is one
// too (a page's style sheet may set its whole head in capitals) unless
// the page also prints it in mixed case above end: then that copy is
// the headline and the capitals only confirm it (see repeatedAbove).
func isHeadlineShaped(units []unit, i, end int) bool {
	s := units[i].text
	n := text.WordCount(s)
	if n < minHeadlineWords || !isShortLine(s) || strings.HasSuffix(s, "…") || strings.HasSuffix(s, "...") || isMetaLine(s) || isListRow(s) || isLabelledName(s) || boilerplateReason(s) != "" {
		return false
	}
	return strings.ToUpper(s) != s || !mixedCaseCopy(units, i, end)
}

// mixedCaseCopy reports a kept unit before end, other than i, with unit
// i's text not all in capitals.
func mixedCaseCopy(units []unit, i, end int) bool {
	for j := 0; j < end; j++ {
		if t := units[j].text; j != i && units[j].kept() && sameText(t, units[i].text) && strings.ToUpper(t) != t {
			return true
		}
	}
	return false
}

// repeatedAbove reports another copy of unit i's text among the kept
// units before end: the same line in any case (a kicker in capitals), or
// the line closing a longer one at a word's start (a share row's "Share
// this story: <headline>"). A copy whose neighbour is also a copy of the
// line's neighbour is not the headline printed twice but a menu printed
// twice (one for the desktop, one for phones), and does not count.
func repeatedAbove(units []unit, i, end int) bool {
	for j := 0; j < end; j++ {
		if j == i || !units[j].kept() {
			continue
		}
		if sameText(units[j].text, units[i].text) {
			if !sameText(keptBeside(units, i, 1), keptBeside(units, j, 1)) && !sameText(keptBeside(units, i, -1), keptBeside(units, j, -1)) {
				return true
			}
		} else if containsLine(units[j].text, units[i].text) {
			return true
		}
	}
	return false
}

// keptBeside returns the text of the nearest kept unit after i (step
// 1) or before it (step -1), or "".
func keptBeside(units []unit, i, step int) string {
	for j := i + step; j >= 0 && j < len(units); j += step {
		if units[j].kept() {
			return units[j].text
		}
	}
	return ""
}

// containsLine reports whether long ends with s, in any case, from the
// start of one of its words (a share row's last words; a line that opens
// with s is a headline glued to what follows it, not a copy of it).
func containsLine(long, s string) bool {
	l, t := normText(long), strings.TrimRight(normText(s), ".:!?")
	k := len(l) - len(t)
	return k > 0 && l[k:] == t && l[k-1] == ' '
}

// prevKeptBullet reports whether the kept unit before i is a list item.
func prevKeptBullet(units []unit, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if units[j].kept() {
			return units[j].bullet
		}
	}
	return false
}

// introduces reports a date or byline line among the headBlock kept
// units after i and before the body: the headline opens the article's
// head, and its byline and date follow it, while a caption or a video's
// title sits below them, and a menu item has none.
func introduces(units []unit, i, end int) bool {
	seen := 0
	for j := i + 1; j < end && seen < headBlock; j++ {
		if !units[j].kept() {
			continue
		}
		seen++
		if isMetaLine(units[j].text) {
			return true
		}
	}
	return false
}
