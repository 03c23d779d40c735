package summarize

import "sort"

const (
	// maxJoint is the most sentences an article summary chooses as a
	// set; longer summaries are built greedily.
	maxJoint = 4
	// jointPool is how many of an article's best candidates the set is
	// chosen from, besides the sentences leaning ones need. The best
	// short summary almost always lies among them, and the search stays
	// a few thousand sets at most.
	jointPool = 8
	// extractShare is the share of an article's words a full extract of
	// it keeps; see pickJoint. Half is what the BBC tuning topics
	// favoured (0.3 to 0.7 moved ROUGE by 0.1 to 0.2 points).
	extractShare = 0.5
)

// pickJoint chooses up to maxPicks candidates within maxWords as a set,
// the one that maximises the expected F-measure of the summary against
// an extract keeping extractShare of the article's words:
//
//	F(S) = Σ salience·words / (Σ words + extractShare·article words)
//
// Greedy choice takes the best sentence first and is then stuck with
// it; choosing the set lets two long sentences that carry much of the
// article beat a short strong one and two fillers, while a sentence adds
// to the summary only if it is more salient than the summary so far.
// The rules hold as in pick: no candidate seen covers, no two that
// repeat each other, and a sentence that leans on its predecessor only
// together with it. It returns nil when no set fits.
func pickJoint(cands []*candidate, seen *Seen, maxPicks, maxWords int, articleWords int) []*candidate {
	var pool []*candidate
	in := map[*candidate]bool{}
	add := func(c *candidate) {
		if c != nil && !in[c] && c.s.words <= maxWords && !seen.covers(c.s.print) {
			in[c] = true
			pool = append(pool, c)
		}
	}
	best := make([]*candidate, len(cands))
	copy(best, cands)
	sort.SliceStable(best, func(i, j int) bool { return best[i].value > best[j].value })
	for _, c := range best[:min(jointPool, len(best))] {
		add(c)
		if c.s.leans {
			add(c.prev)
		}
	}
	j := joint{pool: pool, maxPicks: maxPicks, maxWords: maxWords, extract: extractShare * float64(articleWords)}
	j.search(0, nil, 0, 0, 0)
	return j.best
}

// joint is one search for the best set.
type joint struct {
	pool      []*candidate
	maxPicks  int
	maxWords  int
	extract   float64
	best      []*candidate
	bestValue float64
}

// search extends set with pool members from start on, depth first,
// keeping the best complete set found.
// parts counts source sentences: a quotation kept whole counts as all
// the sentences it spans.
func (j *joint) search(start int, set []*candidate, words, parts int, content float64) {
	if len(set) > 0 && j.valid(set) {
		if v := content / (float64(words) + j.extract); j.best == nil || v > j.bestValue {
			j.best, j.bestValue = append([]*candidate(nil), set...), v
		}
	}
	if parts >= j.maxPicks {
		return
	}
	for k := start; k < len(j.pool); k++ {
		c := j.pool[k]
		if words+c.s.words > j.maxWords || parts+c.s.count() > j.maxPicks || repeats(c, set) {
			continue
		}
		j.search(k+1, append(set, c), words+c.s.words, parts+c.s.count(), content+c.s.salience*float64(c.s.words))
	}
}

// valid reports whether every leaning member of set has its
// predecessor in set.
func (j *joint) valid(set []*candidate) bool {
	for _, c := range set {
		if !c.s.leans {
			continue
		}
		found := false
		for _, o := range set {
			found = found || o == c.prev
		}
		if !found {
			return false
		}
	}
	return true
}

// repeats reports whether c says what a member of set says.
func repeats(c *candidate, set []*candidate) bool {
	for _, o := range set {
		if c.s.print.duplicates(&o.s.print) {
			return true
		}
	}
	return false
}
