package summarize

import (
	"math"
	"sort"
)

// candidate is a sentence offered to one selection, with its value for
// that request.
type candidate struct {
	doc   *document
	rank  int // the document's place in the request
	s     *sentence
	value float64
	// prev is the sentence just before this one when it is also a
	// candidate; a sentence that leans on it can only follow it in.
	prev    *candidate
	maxSim  float64
	picked  bool
	dropped bool
	// concepts are the sentence's concepts, numbered for one request.
	concepts []int32
}

// pool gathers candidates for one request, skipping sentences longer
// than the whole budget and those seen holds verbatim or shares a quote
// with. (Near-duplicates by cosine are checked only for the sentences
// about to be picked, see pick.)
type pool struct {
	seen     *Seen
	maxWords int
	// titled says the articles' titles are printed beside the summary,
	// which then leaves out the sentences they were cut from.
	titled bool
	cands  []*candidate
	byDoc  map[*document]map[int]*candidate
}

func newPool(seen *Seen, maxWords int, titled bool) *pool {
	return &pool{seen: seen, maxWords: maxWords, titled: titled, byDoc: map[*document]map[int]*candidate{}}
}

// admits reports whether s may be offered at all.
func (p *pool) admits(s *sentence) bool { return s.usable && !(p.titled && s.titleCut) }

// offer adds sentence i of d, and the sentence before it when i leans on
// it, so that the pair can be chosen together. It reports whether
// sentence i was added.
func (p *pool) offer(d *document, rank, i int) bool {
	s := &d.sentences[i]
	if s.leans && i > 0 && p.admits(&d.sentences[i-1]) {
		p.offer(d, rank, i-1)
	}
	idx := p.byDoc[d]
	if idx == nil {
		idx = map[int]*candidate{}
		p.byDoc[d] = idx
	}
	if _, ok := idx[i]; ok || !p.admits(s) || s.words > p.maxWords || p.seen.coversVerbatim(s.print) {
		return false
	}
	c := &candidate{doc: d, rank: rank, s: s}
	idx[i] = c
	p.cands = append(p.cands, c)
	return true
}

// offerEach offers each article's best sentences, as many of each as
// maxCover has room for and at least perArticle.
func (p *pool) offerEach(docs []*document, lead bool) {
	per := max(perArticle, maxCover/len(docs))
	for rank, d := range docs {
		offered := 0
		for _, i := range d.ranked {
			if offered == per {
				break
			}
			if lead && d.sentences[i].background {
				continue
			}
			if p.offer(d, rank, i) {
				offered++
			}
		}
	}
}

// offerBest fills the pool from more articles than it has room for
// perArticle sentences of each: their best sentences are offered, the
// best-scoring of all first, until it holds maxCover.
func (p *pool) offerBest(docs []*document, lead bool) {
	type offer struct {
		doc     *document
		rank, i int
	}
	var offers []offer
	for rank, d := range docs {
		n := 0
		for _, i := range d.ranked {
			if n == perArticle {
				break
			}
			if s := &d.sentences[i]; p.admits(s) && !(lead && s.background) {
				offers = append(offers, offer{doc: d, rank: rank, i: i})
				n++
			}
		}
	}
	sort.SliceStable(offers, func(a, b int) bool {
		return offers[a].doc.sentences[offers[a].i].score > offers[b].doc.sentences[offers[b].i].score
	})
	for _, o := range offers {
		if len(p.cands) >= maxCover {
			return
		}
		p.offer(o.doc, o.rank, o.i)
	}
}

// link connects each candidate to the one just before it. Call it after
// the pool is final.
func (p *pool) link() {
	for _, c := range p.cands {
		c.prev = nil
		if c.s.index > 0 {
			if prev, ok := p.byDoc[c.doc][c.s.index-1]; ok && !prev.dropped {
				c.prev = prev
			}
		}
	}
}

// pick chooses up to maxPicks candidates within maxWords by maximal
// marginal relevance: each step takes the candidate whose value, less
// its similarity to what is already picked, is highest. Candidates seen
// covers, and near-duplicates of a pick, are dropped outright; a sentence
// that leans on its predecessor is eligible only once that one is picked.
// The picks come back in the order chosen.
func pick(cands []*candidate, seen *Seen, maxPicks, maxWords int, redundancy float64) []*candidate {
	var picked []*candidate
	budget := maxWords
	for parts := 0; parts < maxPicks; {
		var best *candidate
		bestValue := math.Inf(-1)
		for _, c := range cands {
			if c.picked || c.dropped || c.s.words > budget || parts+c.s.count() > maxPicks {
				continue
			}
			if c.s.leans && (c.prev == nil || !c.prev.picked) {
				continue
			}
			if v := c.value - redundancy*c.maxSim; v > bestValue {
				best, bestValue = c, v
			}
		}
		if best == nil {
			break
		}
		if seen.covers(best.s.print) {
			best.dropped = true
			continue
		}
		best.picked = true
		budget -= best.s.words
		parts += best.s.count()
		picked = append(picked, best)
		for _, c := range cands {
			if c.picked || c.dropped {
				continue
			}
			if c.s.print.duplicates(&best.s.print) {
				c.dropped = true
				continue
			}
			c.maxSim = math.Max(c.maxSim, cosine(c.s.vec, c.s.norm, best.s.vec, best.s.norm))
		}
	}
	return picked
}

// inReadingOrder sorts picks by the request's document order, then by
// place in the article.
func inReadingOrder(picks []*candidate) {
	sort.SliceStable(picks, func(i, j int) bool {
		if picks[i].rank != picks[j].rank {
			return picks[i].rank < picks[j].rank
		}
		return picks[i].s.index < picks[j].s.index
	})
}
