package summarize

// fits reports whether c may join set under the request's caps: the
// most source sentences, of all and of each article, and each
// article's share. While choosing, an
// article may hold one sentence more than all the others together, so
// the first pick is possible and the greedy can still reach a second
// article; fairShare then trims the one article that may end up over
// half.
func (v *cover) fits(c *candidate, set []int) bool {
	parts, own, others := c.s.count(), c.s.count(), 0
	for _, i := range set {
		p := v.cands[i]
		parts += p.s.count()
		if p.doc == c.doc {
			own += p.s.count()
		} else {
			others += p.s.count()
		}
	}
	if v.maxParts > 0 && parts > v.maxParts || v.perArticle > 0 && own > v.perArticle {
		return false
	}
	return !v.shared || own <= others+1
}

// fairShare drops sentences of any article that gives more than half of
// picks, the latest chosen first, keeping every remaining sentence
// readable where it stands (a sentence another leans on stays while that
// one does). A summary one article would own entirely comes back empty:
// across a section it says nothing the item's blurb does not.
func (v *cover) fairShare(picks []*candidate) []*candidate {
	for {
		over := overHalf(picks)
		if over == nil {
			return picks
		}
		dropped := false
		for k := len(picks) - 1; k >= 0 && !dropped; k-- {
			if picks[k].doc != over {
				continue
			}
			rest := append(append([]*candidate(nil), picks[:k]...), picks[k+1:]...)
			if v.readableAll(rest) {
				picks[k].picked = false
				picks, dropped = rest, true
			}
		}
		if !dropped {
			return nil
		}
	}
}

// overHalf is the article giving more than half of picks' source
// sentences, or nil.
func overHalf(picks []*candidate) *document {
	total := 0
	by := map[*document]int{}
	for _, c := range picks {
		total += c.s.count()
		by[c.doc] += c.s.count()
	}
	for d, n := range by {
		if 2*n > total {
			return d
		}
	}
	return nil
}

// readableAll reports whether every member of set is allowed with the
// others.
func (v *cover) readableAll(set []*candidate) bool {
	if v.allowed == nil {
		return true
	}
	for j, c := range set {
		others := append(append([]*candidate(nil), set[:j]...), set[j+1:]...)
		if !v.allowed(c, others) {
			return false
		}
	}
	return true
}
