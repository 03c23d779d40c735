package summarize

import (
	"math"
)

// coverWeights set how a multi-article summary values concepts and
// sentences. Like weights, they are fields so evaluation can compare
// settings.
type coverWeights struct {
	// minShare is the share of a request's articles a concept must
	// appear in to count, at most maxDF articles and at least one:
	// across 25 articles a pair of words that only one uses is noise,
	// across two it is half the news.
	minShare float64
	maxDF    int
	// position adds to a concept's weight, per article, when it comes
	// among the article's first early sentences: news says what matters
	// first.
	position float64
	early    int
	// query multiplies a concept's weight by 1 + query·(the share of
	// it the query names).
	query float64
	// salience and querySentence weigh a sentence's own value (its
	// standing in its article, its similarity to the query) against the
	// concepts it covers, in units of the average concept weight per
	// word.
	salience, querySentence float64
	// costPower is r in the greedy's gain/words^r.
	costPower float64
}

// defaultCoverWeights were chosen on the first 25 DUC 2006 clusters
// (`digest eval multi`); the other 25 are held out. Counting word pairs
// only, without a weight for single words, was chosen on the tuning
// halves of DUC 2006 and the DUC 2007 update set at 100 words.
func defaultCoverWeights() coverWeights {
	return coverWeights{
		minShare:      0.12,
		maxDF:         3,
		position:      2,
		early:         5,
		query:         2,
		salience:      0.5,
		querySentence: 2,
		costPower:     0.7,
	}
}

// newCover numbers the candidates' concepts for this request and weighs
// them by the articles of the request that use them. Concepts seen has
// said count for nothing.
func (e *Engine) newCover(cands []*candidate, docs []*document, seen *Seen, maxWords int) *cover {
	w := e.weights.cover
	minDF := min(w.maxDF, max(1, int(math.Ceil(w.minShare*float64(len(docs))))))
	local := map[int32]int32{}
	for _, c := range cands {
		c.concepts = c.concepts[:0]
		for _, k := range c.s.concepts {
			id, ok := local[k]
			if !ok {
				id = int32(len(local))
				local[k] = id
			}
			c.concepts = append(c.concepts, id)
		}
	}
	weight := make([]float64, len(local))
	df := make([]int, len(local))
	for _, d := range docs {
		first := map[int32]int{}
		for j := range d.sentences {
			for _, k := range d.sentences[j].concepts {
				if id, ok := local[k]; ok {
					if _, seenIt := first[id]; !seenIt {
						first[id] = j
					}
				}
			}
		}
		for id, j := range first {
			df[id]++
			weight[id]++
			if j < w.early {
				weight[id] += w.position
			}
		}
	}
	base := make([]bool, len(local))
	for k, id := range local {
		if df[id] < minDF {
			weight[id] = 0
			continue
		}
		weight[id] *= 1 + w.query*e.queryShare[k]
		base[id] = seen.saidConcept(e.conceptName(k))
	}
	total, words := 0.0, 0
	for _, x := range weight {
		total += x
	}
	for _, c := range cands {
		words += c.s.words
	}
	perWord := 0.0
	if words > 0 {
		perWord = total / float64(words)
	}
	bonus := make([]float64, len(cands))
	for i, c := range cands {
		own := 0.0
		if c.doc.maxScore > 0 {
			own = c.s.score / c.doc.maxScore
		}
		bonus[i] = perWord * float64(c.s.words) * (w.salience*own + w.querySentence*c.s.query)
	}
	return &cover{cands: cands, weight: weight, covered: make([]int32, len(local)), base: base, maxWords: maxWords, bonus: bonus,
		blocked: make([]int32, len(cands)), dups: make([][]int32, len(cands)), known: make([]bool, len(cands))}
}
