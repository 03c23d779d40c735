package clean

import (
	"strings"
)

// The title is the most headline-like line above the article's main
// text: the shape of a headline, about what the body is about, and near
// the body. A page's menus, labels and banners are headline-shaped too;
// what tells the headline from them is that it shares its content words
// with the story.
const (
	// minHeadlineWords: one- and two-word lines above an article are
	// section names, buttons and site names far more often than headlines.
	minHeadlineWords = 3
	// minTitleOverlap is the share of a candidate's content terms the
	// body must use. Headlines paraphrase, so not all, but a menu item
	// or banner that shares one word by chance falls short.
	minTitleOverlap = 0.5
	// repeatBonus favours a line printed twice above the body (in
	// capitals as a kicker, or again in a share box): a page repeats its
	// headline, not its furniture.
	repeatBonus = 0.3
	// distancePenalty per paragraph between the candidate and the body
	// prefers the headline right above the story to an earlier teaser
	// that happens to share its words.
	distancePenalty = 0.02
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
		if !isHeadlineShaped(u) || u.bullet && prevKeptBullet(units, i) {
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
		score := overlap*(1+0.1*float64(min(hits, 5))) - distancePenalty*float64(dist)
		if repeatedAbove(units, i, b.start) {
			score += repeatBonus
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// isHeadlineShaped reports a line that could be a headline: a few words
// to a couple of dozen, no closing full stop, starting like a title, not
// a date, byline, label, crumb or share row, and not all in capitals
// (the capitals copy only confirms the headline, see repeatedAbove).
func isHeadlineShaped(u *unit) bool {
	s := u.text
	n := wordCount(s)
	if n < minHeadlineWords || !isShortLine(s) || isMetaLine(s) || isListRow(s) || isLabelledName(s) || boilerplateReason(s) != "" {
		return false
	}
	return strings.ToUpper(s) != s
}

// repeatedAbove reports another copy of unit i's text, in any case,
// among the kept units before end.
func repeatedAbove(units []unit, i, end int) bool {
	for j := 0; j < end; j++ {
		if j != i && units[j].kept() && sameText(units[j].text, units[i].text) {
			return true
		}
	}
	return false
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
