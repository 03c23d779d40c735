package clean

import (
	"strings"

	"github.com/digest-newsletter/digest/digest/text"
)

// Settling the classes of short and near-good paragraphs by their
// neighbours, and taking back into the body the lead that furniture
// parted from it (jusText's context-sensitive stage).

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
		if isHeadlineShaped(units, i, b.start) && prose.shares(u.text) {
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
	n := text.WordCount(u.text)
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
