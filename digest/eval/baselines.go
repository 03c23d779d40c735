package eval

import (
	"math"
	"sort"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/text"
)

// The multi-document baselines fill their budget and let the scorer cut
// the last sentence, as NIST's own baseline and most DUC systems did.
// The engine never cuts a sentence, so it is the one handicapped.

// articleSentences splits each article's paragraphs as the engine does.
func articleSentences(arts []*digest.Article) [][]string {
	out := make([][]string, len(arts))
	for i, a := range arts {
		for _, p := range a.Paragraphs {
			out[i] = append(out[i], text.Sentences(p)...)
		}
	}
	return out
}

// fill takes sentences in order until they reach limit words.
func fill(sentences []string, limit int) []string {
	var out []string
	n := 0
	for _, s := range sentences {
		if n >= limit {
			break
		}
		out = append(out, s)
		n += len(strings.Fields(s))
	}
	return out
}

// NISTBaseline is DUC's own baseline: the start of the newest article.
// Articles come oldest first.
func NISTBaseline(arts []*digest.Article, limit int) []string {
	if len(arts) == 0 {
		return nil
	}
	return fill(articleSentences(arts[len(arts)-1:])[0], limit)
}

// LeadMulti takes the first sentence of each article in turn, newest
// article first, then the second sentences, and so on.
func LeadMulti(arts []*digest.Article, limit int) []string {
	sents := articleSentences(arts)
	var order []string
	for k := 0; ; k++ {
		any := false
		for i := len(sents) - 1; i >= 0; i-- {
			if k < len(sents[i]) {
				order = append(order, sents[i][k])
				any = true
			}
		}
		if !any {
			break
		}
	}
	return fill(order, limit)
}

// baselineRedundancy is the cosine above which the ranked baselines skip
// a sentence as repeating one already taken, as MEAD's reranker does.
const baselineRedundancy = 0.5

// minBaselineWords keeps the ranked baselines from quoting headings and
// fragments, which any sensible multi-document system drops.
const minBaselineWords = 8

// LexRankMulti ranks every sentence of the cluster by LexRank over
// cluster-wide inverse document frequencies and takes the best in turn,
// skipping repeats.
func LexRankMulti(arts []*digest.Article, limit int) []string {
	sents := articleSentences(arts)
	lex := NewLexRank(sents)
	var all []string
	for _, s := range sents {
		for _, x := range s {
			if len(strings.Fields(x)) >= minBaselineWords {
				all = append(all, x)
			}
		}
	}
	scores := lex.Rank(all)
	return pickRanked(all, scores, lex.idf, limit)
}

// Centroid is MEAD's centroid system (Radev et al., 2004): a sentence
// scores the centroid weight of its words (the cluster's mean TF·IDF,
// words under a tenth of the top weight dropped), plus a position bonus
// that falls from the top sentence's centroid score at an article's start
// to nothing at its end, plus its overlap with its article's first
// sentence; then the best are taken in turn, skipping repeats.
func Centroid(arts []*digest.Article, limit int) []string {
	sents := articleSentences(arts)
	idf := text.NewIDF()
	tf := text.Vector{}
	for _, ss := range sents {
		var terms []string
		for _, s := range ss {
			terms = append(terms, text.Terms(s)...)
		}
		idf.AddDoc(terms)
		for _, t := range terms {
			tf[t]++
		}
	}
	centroid := text.Vector{}
	top := 0.0
	for t, n := range tf {
		w := n / float64(len(sents)) * idf.Weight(t)
		centroid[t] = w
		top = math.Max(top, w)
	}
	for t, w := range centroid {
		if w < top/10 {
			delete(centroid, t)
		}
	}
	var all []string
	var cscore, pos, first []float64
	for _, ss := range sents {
		if len(ss) == 0 {
			continue
		}
		lead := idf.TFIDF(text.Terms(ss[0]))
		for i, s := range ss {
			if len(strings.Fields(s)) < minBaselineWords {
				continue
			}
			var c float64
			seen := map[string]bool{}
			for _, t := range text.Terms(s) {
				if !seen[t] {
					c += centroid[t]
					seen[t] = true
				}
			}
			all = append(all, s)
			cscore = append(cscore, c)
			pos = append(pos, float64(len(ss)-i)/float64(len(ss)))
			first = append(first, text.Cosine(idf.TFIDF(text.Terms(s)), lead))
		}
	}
	cmax := 0.0
	for _, c := range cscore {
		cmax = math.Max(cmax, c)
	}
	scores := make([]float64, len(all))
	for i := range all {
		scores[i] = cscore[i] + cmax*pos[i] + cmax*first[i]
	}
	return pickRanked(all, scores, idf, limit)
}

// pickRanked takes sentences best first until limit words, skipping any
// too close to one taken, and returns them in the order taken.
func pickRanked(all []string, scores []float64, idf *text.IDF, limit int) []string {
	order := make([]int, len(all))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]] > scores[order[b]] })
	var out []string
	var taken []text.Vector
	n := 0
	for _, i := range order {
		if n >= limit {
			break
		}
		v := idf.TFIDF(text.Terms(all[i]))
		repeat := false
		for _, u := range taken {
			if text.Cosine(u, v) > baselineRedundancy {
				repeat = true
				break
			}
		}
		if repeat {
			continue
		}
		taken = append(taken, v)
		out = append(out, all[i])
		n += len(strings.Fields(all[i]))
	}
	return out
}
