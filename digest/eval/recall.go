package eval

import (
	"strings"
)

// Recall is the ROUGE recall of one summary, as DUC reports it: ROUGE-1,
// ROUGE-2 and ROUGE-SU4 (skip bigrams up to four words apart, plus
// unigrams).
type Recall struct {
	R1, R2, SU4 float64
}

// Plus and Times let callers average recalls.
func (r Recall) Plus(o Recall) Recall { return Recall{r.R1 + o.R1, r.R2 + o.R2, r.SU4 + o.SU4} }

// Times scales every measure by k.
func (r Recall) Times(k float64) Recall { return Recall{r.R1 * k, r.R2 * k, r.SU4 * k} }

// suSkip is the largest gap ROUGE-SU4 allows between the two words of a
// skip bigram.
const suSkip = 4

// TruncateWords keeps the first limit whitespace-separated words of the
// sentences, cutting the last one kept mid-way, as ROUGE-1.5.5's -l does
// to both peers and models before it tokenises anything. A limit of 0
// or less keeps everything.
func TruncateWords(sentences []string, limit int) []string {
	if limit <= 0 {
		return sentences
	}
	var out []string
	n := 0
	for _, s := range sentences {
		words := strings.Fields(s)
		if n+len(words) < limit {
			out = append(out, s)
			n += len(words)
			continue
		}
		out = append(out, strings.Join(words[:limit-n], " "))
		break
	}
	return out
}

// gramSet counts one text's n-grams as ROUGE-1.5.5 does, keyed by token
// ids so the many comparisons of an evaluation need no string joins.
type gramSet struct {
	counts map[uint64]int
	total  int
}

// summaryGrams is what one summary contributes to each measure.
type summaryGrams struct {
	uni, bi, su gramSet
}

// tokenIDs interns tokens so n-grams can be packed into integers.
type tokenIDs map[string]uint32

func (ids tokenIDs) of(t string) uint64 {
	id, ok := ids[t]
	if !ok {
		id = uint32(len(ids) + 1)
		ids[t] = id
	}
	return uint64(id)
}

// newSummaryGrams tokenises a summary, cut at limit words, and counts its
// unigrams, bigrams and SU4 skip bigrams. Stop words are kept, as DUC
// scored.
func newSummaryGrams(sentences []string, limit int, ids tokenIDs) summaryGrams {
	var toks []uint64
	for _, s := range TruncateWords(sentences, limit) {
		for _, t := range Tokens(s) {
			toks = append(toks, ids.of(t))
		}
	}
	g := summaryGrams{
		uni: gramSet{counts: make(map[uint64]int, len(toks))},
		bi:  gramSet{counts: make(map[uint64]int, len(toks))},
		su:  gramSet{counts: make(map[uint64]int, 5*len(toks))},
	}
	for i, t := range toks {
		g.uni.counts[t]++
		if i+1 < len(toks) {
			g.bi.counts[t<<32|toks[i+1]]++
		}
	}
	g.uni.total = len(toks)
	g.bi.total = max(len(toks)-1, 0)
	// ROUGE-1.5.5 with -u counts the unigram of every token but the
	// last, and each token's skip bigrams with the suSkip+1 after it.
	for i := 0; i < len(toks)-1; i++ {
		g.su.counts[toks[i]]++
		g.su.total++
		for j := i + 1; j < len(toks) && j <= i+suSkip+1; j++ {
			g.su.counts[toks[i]<<32|toks[j]]++
			g.su.total++
		}
	}
	return g
}

// hits counts the grams model and peer share, each clipped to the
// smaller count.
func hits(model, peer gramSet) int {
	n := 0
	for g, k := range model.counts {
		n += min(k, peer.counts[g])
	}
	return n
}

// Scorer scores summaries against a fixed set of human models the way
// NIST scored DUC 2005–2007: every text cut at the word limit, Porter
// stemmed, stop words kept, and jackknifed: with N models the score is
// the mean over the N sets that leave one model out, each set scored as
// ROUGE-1.5.5's -f A does (hits and model counts summed over its
// members).
type Scorer struct {
	limit  int
	ids    tokenIDs
	models []summaryGrams
}

// NewScorer prepares the models, each given as its sentences, for
// scoring summaries cut at limit words (0: no limit).
func NewScorer(models [][]string, limit int) *Scorer {
	s := &Scorer{limit: limit, ids: tokenIDs{}}
	for _, m := range models {
		s.models = append(s.models, newSummaryGrams(m, limit, s.ids))
	}
	return s
}

// Score is the jackknifed recall of a peer summary. A Scorer is not
// safe for concurrent use: it interns the peer's tokens.
func (s *Scorer) Score(peer []string) Recall {
	p := newSummaryGrams(peer, s.limit, s.ids)
	type counts struct{ hit, total [3]int }
	per := make([]counts, len(s.models))
	for i, m := range s.models {
		per[i] = counts{
			hit:   [3]int{hits(m.uni, p.uni), hits(m.bi, p.bi), hits(m.su, p.su)},
			total: [3]int{m.uni.total, m.bi.total, m.su.total},
		}
	}
	subsets := leaveOneOut(len(s.models))
	var sum [3]float64
	for _, members := range subsets {
		for k := range 3 {
			hit, total := 0, 0
			for _, i := range members {
				hit += per[i].hit[k]
				total += per[i].total[k]
			}
			if total > 0 {
				sum[k] += float64(hit) / float64(total)
			}
		}
	}
	n := float64(len(subsets))
	if n == 0 {
		return Recall{}
	}
	return Recall{R1: sum[0] / n, R2: sum[1] / n, SU4: sum[2] / n}
}

// leaveOneOut lists the model subsets a jackknife scores: every set of
// n-1 models, or the single model when there is only one.
func leaveOneOut(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for skip := range n {
		var set []int
		for i := range n {
			if i != skip {
				set = append(set, i)
			}
		}
		out = append(out, set)
	}
	return out
}
