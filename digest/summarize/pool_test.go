package summarize

import (
	"testing"
)

// TestPoolBoundedForManyArticles: past maxCover/perArticle articles the
// pool holds the best-scoring sentences of all, never more than
// maxCover (plus one sentence a last pick leans on), so choosing costs
// the same however many articles there are.
func TestPoolBoundedForManyArticles(t *testing.T) {
	arts := synthetic(200)
	e := New(arts, Options{})
	var docs []*document
	for _, a := range arts {
		docs = append(docs, e.docs[a.ID])
	}
	p := newPool(nil, 250, false)
	p.offerBest(docs, false)
	if n := len(p.cands); n < maxCover || n > maxCover+1 {
		t.Fatalf("pool of %d candidates from %d articles, want %d", n, len(docs), maxCover)
	}
	// Every article's best sentence that scores above the weakest
	// candidate taken must be in the pool.
	weakest := p.cands[0].s.score
	for _, c := range p.cands {
		weakest = min(weakest, c.s.score)
	}
	for _, d := range docs {
		if len(d.ranked) == 0 {
			continue
		}
		best := d.ranked[0]
		if d.sentences[best].score > weakest {
			if _, ok := p.byDoc[d][best]; !ok {
				t.Fatalf("article %s: best sentence (score %.3f) left out of a pool whose weakest scores %.3f",
					d.article.ID, d.sentences[best].score, weakest)
			}
		}
	}

	// A few articles still offer each of them many sentences.
	small := newPool(nil, 250, false)
	small.offerEach(docs[:10], false)
	if len(small.cands) <= 10*perArticle {
		t.Fatalf("10 articles offered %d candidates, want more than %d each", len(small.cands), perArticle)
	}
}
