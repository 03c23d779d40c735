package eval

import (
	"math"
	"sort"

	"github.com/digest-newsletter/digest/digest/text"
)

// LexRank is the baseline of Erkan and Radev (2004), kept apart from the
// engine's own centrality so the engine is compared with the algorithm
// as published rather than with itself: sentences are linked when the
// cosine of their TF-IDF vectors exceeds a threshold, each link weighs
// one over its sentence's degree, and a sentence's score is its share of
// a random walk over the links that now and then jumps anywhere.
type LexRank struct {
	idf *text.IDF
	// Threshold is the cosine above which two sentences are linked.
	Threshold float64
	// Damping is the chance the walk follows a link rather than jumping.
	Damping float64
}

// NewLexRank weighs terms by their inverse frequency over the given
// articles, each given as its sentences, with the settings of the paper:
// threshold 0.1 and damping 0.85.
func NewLexRank(articles [][]string) *LexRank {
	idf := text.NewIDF()
	for _, sentences := range articles {
		var terms []string
		for _, s := range sentences {
			terms = append(terms, text.Terms(s)...)
		}
		idf.AddDoc(terms)
	}
	return &LexRank{idf: idf, Threshold: 0.1, Damping: 0.85}
}

// Rank returns each sentence's LexRank score; the scores sum to 1.
func (l *LexRank) Rank(sentences []string) []float64 {
	n := len(sentences)
	if n == 0 {
		return nil
	}
	vecs := make([]text.Vector, n)
	norms := make([]float64, n)
	for i, s := range sentences {
		vecs[i] = l.idf.TFIDF(text.Terms(s))
		norms[i] = vecs[i].Norm()
	}
	links := make([][]int, n)
	for i := range n {
		for j := range n {
			if norms[i] > 0 && norms[j] > 0 && text.Dot(vecs[i], vecs[j])/(norms[i]*norms[j]) > l.Threshold {
				links[i] = append(links[i], j)
			}
		}
	}
	return walk(links, l.Damping)
}

// walk is the stationary distribution of a random walk that from
// sentence i follows one of links[i] with probability damping, chosen
// uniformly, and otherwise jumps to any sentence. A sentence with no
// links (one with no terms) jumps anywhere.
func walk(links [][]int, damping float64) []float64 {
	n := len(links)
	p := make([]float64, n)
	next := make([]float64, n)
	for i := range p {
		p[i] = 1 / float64(n)
	}
	for range 1000 {
		var stranded float64
		clear(next)
		for i, out := range links {
			if len(out) == 0 {
				stranded += p[i]
				continue
			}
			share := p[i] / float64(len(out))
			for _, j := range out {
				next[j] += share
			}
		}
		var delta float64
		for j := range next {
			next[j] = (1-damping)/float64(n) + damping*(next[j]+stranded/float64(n))
			delta += math.Abs(next[j] - p[j])
		}
		p, next = next, p
		if delta < 1e-10 {
			break
		}
	}
	return p
}

// Summarize returns the n best sentences by Rank, in source order. Ties
// go to the earlier sentence.
func (l *LexRank) Summarize(sentences []string, n int) []string {
	if n <= 0 {
		return nil
	}
	scores := l.Rank(sentences)
	order := make([]int, len(sentences))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]] > scores[order[b]] })
	order = order[:min(n, len(order))]
	sort.Ints(order)
	out := make([]string, len(order))
	for i, k := range order {
		out[i] = sentences[k]
	}
	return out
}
