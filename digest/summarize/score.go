package summarize

import (
	"math"
	"sort"
	"strings"

	"github.com/digest-newsletter/digest/digest/text"
)

// weights blend the signals a sentence is scored on. They are fields, not
// constants, so evaluation code can compare settings on a corpus.
type weights struct {
	lexRank  float64 // centrality in the article's similarity graph
	centroid float64 // similarity to the article as a whole
	title    float64 // similarity to the headline
	position float64 // news puts what matters first
	query    float64 // similarity to Options.Query
	// redundancy is how much similarity to an already picked sentence
	// costs a candidate (maximal marginal relevance).
	redundancy float64
	// question scales questions down: summaries should state, not ask.
	question float64
}

// defaultWeights were chosen on the BBC News Summary corpus (see
// TestBBCRouge), where centrality matters most and a strong position
// prior or redundancy penalty costs ROUGE; both are kept small for news
// that does put its point first.
func defaultWeights() weights {
	return weights{
		lexRank:    0.8,
		centroid:   1.0,
		title:      0.15,
		position:   0.15,
		query:      0.6,
		redundancy: 0.3,
		question:   0.6,
	}
}

const (
	// maxGraph bounds the sentences LexRank runs on; longer articles are
	// scored on centroid similarity alone, keeping the cost per article
	// bounded.
	maxGraph = 300
	damping  = 0.15
	// idealShort and idealLong bound the sentence lengths, in words, that
	// carry one complete statement; outside them the score is scaled
	// down.
	idealShort = 12
	idealLong  = 60
)

// score sets each sentence's salience within its article and ranks the
// usable ones. Centrality is measured on local vectors, weighted by how
// few of the article's own sentences use a term, so a sentence is central
// for the words the article keeps coming back to; corpus-weighted vectors
// serve the title, the query and comparisons across articles.
func (e *Engine) score(d *document, terms [][]string, title text.Vector) {
	w := e.weights
	d.centroid = text.Vector{}
	for _, s := range d.sentences {
		d.centroid.Add(s.vec, 1)
	}
	d.cenNorm = d.centroid.Norm()
	local, norms := localVectors(terms)
	centroid := text.Vector{}
	for _, v := range local {
		centroid.Add(v, 1)
	}
	centroidNorm := centroid.Norm()
	cen := make([]float64, len(local))
	for i, v := range local {
		cen[i] = cosine(v, norms[i], centroid, centroidNorm)
	}
	cen = normalise(cen)
	lex := normalise(lexRank(local, norms))
	lexWeight, cenWeight := w.lexRank, w.centroid
	if lex == nil {
		lexWeight, cenWeight = 0, w.lexRank+w.centroid
	}
	titleNorm := title.Norm()
	rank := 0
	for i := range d.sentences {
		s := &d.sentences[i]
		if !s.usable {
			continue
		}
		v := cenWeight*cen[i] + w.title*cosine(s.vec, s.norm, title, titleNorm) +
			w.position/math.Sqrt(float64(1+rank)) + w.query*s.query
		if lex != nil {
			v += lexWeight * lex[i]
		}
		v *= lengthFactor(s.words)
		if strings.HasSuffix(strings.TrimRight(s.text, `"'”’)`), "?") {
			v *= w.question
		}
		s.score = v
		d.maxScore = math.Max(d.maxScore, v)
		d.ranked = append(d.ranked, i)
		rank++
	}
	sort.SliceStable(d.ranked, func(a, b int) bool {
		return d.sentences[d.ranked[a]].score > d.sentences[d.ranked[b]].score
	})
}

// localVectors weighs each sentence's terms by inverse frequency among
// the sentences of its own article.
func localVectors(terms [][]string) ([]text.Vector, []float64) {
	idf := text.NewIDF()
	for _, t := range terms {
		idf.AddDoc(t)
	}
	vecs := make([]text.Vector, len(terms))
	norms := make([]float64, len(terms))
	for i, t := range terms {
		vecs[i] = idf.TFIDF(t)
		norms[i] = vecs[i].Norm()
	}
	return vecs, norms
}

// lengthFactor scales down sentences too short to say much and very
// long ones that spend a summary's word budget on one point.
func lengthFactor(words int) float64 {
	switch {
	case words < idealShort:
		return 0.5 + 0.5*float64(words)/idealShort
	case words > idealLong:
		return math.Max(0.4, float64(idealLong)/float64(words))
	}
	return 1
}

// lexRank is continuous LexRank (Erkan and Radev, 2004): the stationary
// distribution of a random walk over the sentence similarity graph, in
// which a sentence is central when sentences like many others resemble
// it. It returns nil for graphs too large to run all pairs on.
func lexRank(vecs []text.Vector, norms []float64) []float64 {
	n := len(vecs)
	if n == 0 || n > maxGraph {
		return nil
	}
	sim := make([][]float64, n)
	rowSum := make([]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			c := cosine(vecs[i], norms[i], vecs[j], norms[j])
			sim[i][j], sim[j][i] = c, c
			rowSum[i] += c
			rowSum[j] += c
		}
	}
	p := make([]float64, n)
	next := make([]float64, n)
	for i := range p {
		p[i] = 1 / float64(n)
	}
	for iter := 0; iter < 100; iter++ {
		var lost float64 // mass of sentences similar to none, spread evenly
		for i := range next {
			next[i] = 0
		}
		for i := 0; i < n; i++ {
			if rowSum[i] == 0 {
				lost += p[i]
				continue
			}
			for j := 0; j < n; j++ {
				next[j] += p[i] * sim[i][j] / rowSum[i]
			}
		}
		var delta float64
		for j := range next {
			next[j] = damping/float64(n) + (1-damping)*(next[j]+lost/float64(n))
			delta += math.Abs(next[j] - p[j])
		}
		p, next = next, p
		if delta < 1e-6 {
			break
		}
	}
	return p
}

// normalise scales xs so its largest value is 1; all-zero input is left
// as is.
func normalise(xs []float64) []float64 {
	var top float64
	for _, x := range xs {
		top = math.Max(top, x)
	}
	if top > 0 {
		for i := range xs {
			xs[i] /= top
		}
	}
	return xs
}
