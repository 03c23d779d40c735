package clean

import "strings"

// Finding the article's main text among the runs of prose a page holds.

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
		if isHeadlineShaped(units, i, r.start) && words.shares(u.text) {
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
