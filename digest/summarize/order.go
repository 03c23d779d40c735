package summarize

import (
	"sort"
)

// docOrder gives each document its place in a multi-article summary.
// Sentences are grouped by article so each reads in its own order; the
// articles follow their dates, oldest first, so events read in the order
// they happened (ties and undated articles keep the request's order). A
// lead keeps the request's order instead: most important first.
func docOrder(docs []*document, lead bool) map[*document]int {
	idx := make([]int, len(docs))
	for i := range idx {
		idx[i] = i
	}
	if !lead {
		sort.SliceStable(idx, func(a, b int) bool {
			da, db := docs[idx[a]].article.Published, docs[idx[b]].article.Published
			if da.IsZero() || db.IsZero() {
				return false
			}
			return da.Before(db)
		})
	}
	order := make(map[*document]int, len(docs))
	for place, i := range idx {
		order[docs[i]] = place
	}
	return order
}

// precedes reports whether a comes before b in the summary.
func precedes(a, b *candidate, order map[*document]int) bool {
	if a.doc != b.doc {
		return order[a.doc] < order[b.doc]
	}
	return a.s.index < b.s.index
}

// sortPicks puts picks in reading order.
func sortPicks(picks []*candidate, order map[*document]int) {
	sort.SliceStable(picks, func(i, j int) bool { return precedes(picks[i], picks[j], order) })
}

// readable reports whether c may join picked and still read on its own
// where it will stand: a sentence that leans on the one before it (a
// connective, a bare pronoun, "he said") only right after it; a person
// called by surname alone only after a picked sentence, placed earlier,
// that gives their full name; an opening reference ("The move") only
// after a picked sentence of its article that carries it. Its new place must not strand a member
// either: a picked sentence whose introduction would come after c is
// fine, since c adds and removes nothing before it.
func readable(c *candidate, picked []*candidate, order map[*document]int) bool {
	if (c.s.leans || c.s.unanchored) && (c.prev == nil || !contains(picked, c.prev)) {
		return false
	}
	for _, surname := range c.s.names.needs {
		if !introducedBefore(surname, c, picked, order) {
			return false
		}
	}
	return antecedentChosen(c, picked)
}

func introducedBefore(surname string, c *candidate, picked []*candidate, order map[*document]int) bool {
	for _, p := range picked {
		if !precedes(p, c, order) {
			continue
		}
		for _, s := range p.s.names.introduces {
			if s == surname {
				return true
			}
		}
	}
	return false
}

func contains(cs []*candidate, c *candidate) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}
