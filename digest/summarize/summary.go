package summarize

import (
	"github.com/digest-newsletter/digest/digest"
)

const (
	// perArticle is how many of each article's best sentences not yet
	// said a multi-article summary considers; the best summary sentences
	// of a group are nearly always among each member's own best few.
	perArticle = 5
	// maxCover bounds the candidates a multi-article summary chooses
	// among: every usable sentence of a few articles, each article's
	// best of many, and of very many articles the best sentences of
	// all, so choosing costs the same for a hundred articles or ten
	// thousand.
	maxCover = 600
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
	p := newPool(seen, maxWords, true)
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
// whole sentences, each attributed to its article, chosen together to
// cover the most of what the articles say in common (see cover), none
// repeating another or anything seen covers, and each readable where it
// stands (see readable). Sentences are grouped by article, articles
// ordered by date (then by the order of ids), each article's sentences
// in their own order, and added to seen, which may be nil. Unknown and
// repeated ids are ignored.
func (e *Engine) Multi(ids []string, maxWords int, seen *Seen) []digest.Sentence {
	return e.multi(ids, maxWords, seen, request{})
}

// Lead is Multi for the opening of a digest: the articles keep the
// order of ids, which callers give most important first, so the lead
// opens with the most important news. It names each top story once, in
// one sentence that stands alone, at most maxLeadSentences in all: the
// item below says the rest. Sentences about earlier years than their
// article's (background) are left out.
func (e *Engine) Lead(ids []string, maxWords int, seen *Seen) []digest.Sentence {
	return e.multi(ids, maxWords, seen, request{lead: true, titled: true, maxParts: maxLeadSentences, perArticle: 1})
}

// Section is Multi for a summary across a section's items: what they
// say together, so no one article gives more than half of its
// sentences. When only one article has anything left to say, it returns
// nil: that article's own blurb says it better.
func (e *Engine) Section(ids []string, maxWords int, seen *Seen) []digest.Sentence {
	return e.multi(ids, maxWords, seen, request{shared: true, titled: true})
}

// request is how one multi-article summary differs from Multi's.
type request struct {
	// lead keeps the order of ids and leaves background out.
	lead bool
	// shared holds each article to at most half the sentences.
	shared bool
	// titled says the summary is printed with the articles' titles (an
	// edition's lead and section summaries, above the items).
	titled bool
	// maxParts caps the source sentences, perArticle those of each
	// article; 0 leaves only the words.
	maxParts, perArticle int
}

// maxLeadSentences is the most a lead says: two or three sentences name
// an edition's top stories; more would retell the items below it.
const maxLeadSentences = 3

func (e *Engine) multi(ids []string, maxWords int, seen *Seen, req request) []digest.Sentence {
	if maxWords <= 0 {
		return nil
	}
	docs := e.lookup(ids)
	if len(docs) == 0 {
		return nil
	}
	lead := req.lead
	order := docOrder(docs, lead)
	p := newPool(seen, maxWords, req.titled)
	if len(docs)*perArticle > maxCover {
		p.offerBest(docs, lead)
	} else {
		p.offerEach(docs, lead)
	}
	for _, c := range p.cands {
		// Rewordings of what the digest said already; the pool only
		// checked the cheap verbatim part.
		c.dropped = seen.covers(c.s.print)
	}
	p.link()
	v := e.newCover(p.cands, docs, seen, maxWords)
	v.maxParts, v.perArticle, v.shared = req.maxParts, req.perArticle, req.shared
	if !e.noRules {
		v.allowed = func(c *candidate, picked []*candidate) bool { return readable(c, picked, order) }
	}
	picks := v.solve(e.weights.cover.costPower)
	if req.shared {
		picks = v.fairShare(picks)
	}
	if len(picks) == 0 {
		return nil
	}
	sortPicks(picks, order)
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
