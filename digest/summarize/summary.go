package summarize

import (
	"sort"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/text"
)

const (
	// perArticle is how many of each article's best sentences not yet
	// said a multi-article summary considers; the best summary sentences
	// of a group are nearly always among each member's own best few.
	perArticle = 5
	// maxPool bounds the candidates of a multi-article summary, so
	// choosing among them costs the same for ten articles or ten
	// thousand.
	maxPool = 300
)

// How a multi-article summary values a sentence: its standing within its
// own article, how close it is to what the whole group is about, its
// similarity to the query, and the place of its article in the request
// (callers list the most important first).
const (
	multiOwn     = 0.45
	multiGroup   = 0.35
	multiArticle = 0.1
)

// Article returns the best 1..maxSentences whole sentences of one
// article, at most maxWords words in all, in source order. A sentence
// longer than the whole budget is never cut; a shorter one is taken
// instead, or nothing. Sentences seen already covers are skipped and the
// picks are added to seen, which may be nil. Up to maxJoint sentences
// are chosen as a set (see pickJoint), more one by one.
func (e *Engine) Article(id string, maxSentences, maxWords int, seen *Seen) []string {
	d := e.docs[id]
	if d == nil || maxSentences <= 0 || maxWords <= 0 {
		return nil
	}
	p := newPool(seen, maxWords)
	for _, i := range d.ranked {
		p.offer(d, 0, i)
	}
	p.link()
	for _, c := range p.cands {
		c.value = c.s.score
	}
	var picks []*candidate
	if maxSentences <= maxJoint {
		picks = pickJoint(p.cands, seen, maxSentences, maxWords, d.words)
	} else {
		picks = pick(p.cands, seen, maxSentences, maxWords, e.weights.redundancy)
	}
	if len(picks) == 0 {
		return nil
	}
	inReadingOrder(picks)
	out := make([]string, len(picks))
	for i, c := range picks {
		out[i] = c.s.text
		seen.add(c.s.print)
	}
	return out
}

// Multi returns a summary across the given articles within maxWords:
// whole sentences, each attributed to its article, none repeating another
// or anything seen covers (near-duplicates and shared quotes count once).
// Sentences are ordered by the order of ids, then by their place in the
// article, and added to seen, which may be nil. Unknown and repeated ids
// are ignored.
func (e *Engine) Multi(ids []string, maxWords int, seen *Seen) []digest.Sentence {
	if maxWords <= 0 {
		return nil
	}
	docs := e.lookup(ids)
	group := text.Vector{}
	for _, d := range docs {
		if d.cenNorm > 0 {
			group.Add(d.centroid, 1/d.cenNorm)
		}
	}
	groupNorm := group.Norm()
	p := newPool(seen, maxWords)
	for rank, d := range docs {
		offered := 0
		for _, i := range d.ranked {
			if offered == perArticle {
				break
			}
			if p.offer(d, rank, i) {
				offered++
			}
		}
	}
	for _, c := range p.cands {
		own := 0.0
		if c.doc.maxScore > 0 {
			own = c.s.score / c.doc.maxScore
		}
		c.value = multiOwn*own + multiGroup*cosine(c.s.vec, c.s.norm, group, groupNorm) +
			e.weights.multiQuery*c.s.query + multiArticle/float64(1+c.rank)
	}
	if len(p.cands) > maxPool {
		sort.SliceStable(p.cands, func(i, j int) bool { return p.cands[i].value > p.cands[j].value })
		for _, c := range p.cands[maxPool:] {
			c.dropped = true
		}
		p.cands = p.cands[:maxPool]
	}
	p.link()
	picks := pick(p.cands, seen, len(p.cands), maxWords, e.weights.multiRedundancy)
	if len(picks) == 0 {
		return nil
	}
	inReadingOrder(picks)
	out := make([]digest.Sentence, len(picks))
	for i, c := range picks {
		out[i] = digest.Sentence{Text: c.s.text, ItemID: c.doc.article.ID}
		seen.add(c.s.print)
	}
	return out
}

// lookup resolves ids to documents in order, skipping unknown and
// repeated ones.
func (e *Engine) lookup(ids []string) []*document {
	var docs []*document
	done := map[string]bool{}
	for _, id := range ids {
		if d := e.docs[id]; d != nil && !done[id] {
			done[id] = true
			docs = append(docs, d)
		}
	}
	return docs
}
