// Package eval measures the engine on public data sets kept outside the
// project, so changes to scoring are judged on numbers the literature
// also reports rather than on impressions of a few seeds.
package eval

import (
	"strings"

	"github.com/blevesearch/go-porterstemmer"
)

// Score is one ROUGE measure of a candidate against a reference.
type Score struct {
	Precision, Recall, F float64
}

// Scores are the three measures summaries are usually reported on:
// unigram and bigram overlap and the summary-level longest common
// subsequence ("rougeLsum").
type Scores struct {
	R1, R2, RL Score
}

// Tokens splits s the way ROUGE-1.5.5 does (and Google's rouge-score
// after it): lower case, every run of characters other than a-z and 0-9
// separates tokens, and tokens longer than three characters are Porter
// stemmed. Figures are stemmed too ("1990s" → "1990"), unlike
// text.Stem, which keeps them whole for the engine's own matching.
func Tokens(s string) []string {
	tokens := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	})
	for i, t := range tokens {
		if len(t) > 3 {
			tokens[i] = porterstemmer.StemString(t)
		}
	}
	return tokens
}

// Rouge scores candidate sentences against reference sentences. N-grams
// run across sentence boundaries, as they do when ROUGE reads a summary
// as one text; the sentences matter only for ROUGE-L.
func Rouge(candidate, reference []string) Scores {
	cand, ref := tokenizeAll(candidate), tokenizeAll(reference)
	flatCand, flatRef := flatten(cand), flatten(ref)
	return Scores{
		R1: ngramScore(flatCand, flatRef, 1),
		R2: ngramScore(flatCand, flatRef, 2),
		RL: unionLCSScore(cand, ref),
	}
}

func tokenizeAll(sentences []string) [][]string {
	out := make([][]string, 0, len(sentences))
	for _, s := range sentences {
		if t := Tokens(s); len(t) > 0 {
			out = append(out, t)
		}
	}
	return out
}

func flatten(sentences [][]string) []string {
	var out []string
	for _, s := range sentences {
		out = append(out, s...)
	}
	return out
}

// ngramScore counts the n-grams candidate and reference share, each
// clipped to the fewer of its two counts.
func ngramScore(cand, ref []string, n int) Score {
	refGrams := ngrams(ref, n)
	hits := 0
	for g, k := range ngrams(cand, n) {
		hits += min(k, refGrams[g])
	}
	return fScore(hits, max(len(cand)-n+1, 0), max(len(ref)-n+1, 0))
}

func ngrams(tokens []string, n int) map[string]int {
	m := make(map[string]int, len(tokens))
	for i := 0; i+n <= len(tokens); i++ {
		m[strings.Join(tokens[i:i+n], " ")]++
	}
	return m
}

// unionLCSScore is summary-level ROUGE-L (Lin 2004, section 3.2): for
// each reference sentence, the union of its longest common subsequences
// with every candidate sentence counts as hits, and no token is counted
// more often than it occurs in either summary, as ROUGE-1.5.5 does.
func unionLCSScore(cand, ref [][]string) Score {
	candCounts, refCounts := counts(cand), counts(ref)
	hits := 0
	for _, r := range ref {
		for _, t := range unionLCS(r, cand) {
			if candCounts[t] > 0 && refCounts[t] > 0 {
				hits++
				candCounts[t]--
				refCounts[t]--
			}
		}
	}
	return fScore(hits, len(flatten(cand)), len(flatten(ref)))
}

func counts(sentences [][]string) map[string]int {
	m := map[string]int{}
	for _, s := range sentences {
		for _, t := range s {
			m[t]++
		}
	}
	return m
}

// unionLCS returns the tokens of ref, in order, that belong to the
// longest common subsequence of ref with at least one candidate
// sentence.
func unionLCS(ref []string, cands [][]string) []string {
	in := make([]bool, len(ref))
	for _, c := range cands {
		for _, i := range lcsIndices(ref, c) {
			in[i] = true
		}
	}
	var out []string
	for i, t := range ref {
		if in[i] {
			out = append(out, t)
		}
	}
	return out
}

// lcsIndices returns the positions in ref of one longest common
// subsequence of ref and cand. Ties are broken as rouge-score breaks
// them, so the union above matches its results token for token.
func lcsIndices(ref, cand []string) []int {
	rows, cols := len(ref), len(cand)
	table := make([][]int, rows+1)
	for i := range table {
		table[i] = make([]int, cols+1)
	}
	for i := 1; i <= rows; i++ {
		for j := 1; j <= cols; j++ {
			if ref[i-1] == cand[j-1] {
				table[i][j] = table[i-1][j-1] + 1
			} else {
				table[i][j] = max(table[i-1][j], table[i][j-1])
			}
		}
	}
	var idx []int
	for i, j := rows, cols; i > 0 && j > 0; {
		switch {
		case ref[i-1] == cand[j-1]:
			idx = append(idx, i-1)
			i--
			j--
		case table[i][j-1] > table[i-1][j]:
			j--
		default:
			i--
		}
	}
	for a, b := 0, len(idx)-1; a < b; a, b = a+1, b-1 {
		idx[a], idx[b] = idx[b], idx[a]
	}
	return idx
}

// fScore turns hits out of candLen and refLen units into precision,
// recall and their harmonic mean (ROUGE's F with alpha 0.5).
func fScore(hits, candLen, refLen int) Score {
	var s Score
	if candLen > 0 {
		s.Precision = float64(hits) / float64(candLen)
	}
	if refLen > 0 {
		s.Recall = float64(hits) / float64(refLen)
	}
	if s.Precision+s.Recall > 0 {
		s.F = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// Mean macro-averages scores: each document counts once, however long.
type Mean struct {
	sum Scores
	n   int
}

// Add counts one document's scores.
func (m *Mean) Add(s Scores) {
	m.sum = Scores{R1: m.sum.R1.plus(s.R1), R2: m.sum.R2.plus(s.R2), RL: m.sum.RL.plus(s.RL)}
	m.n++
}

// N is the number of documents added.
func (m Mean) N() int { return m.n }

// Scores is the average of what was added, zero for nothing.
func (m Mean) Scores() Scores {
	if m.n == 0 {
		return Scores{}
	}
	k := 1 / float64(m.n)
	return Scores{R1: m.sum.R1.times(k), R2: m.sum.R2.times(k), RL: m.sum.RL.times(k)}
}

func (s Score) plus(o Score) Score {
	return Score{Precision: s.Precision + o.Precision, Recall: s.Recall + o.Recall, F: s.F + o.F}
}

func (s Score) times(k float64) Score {
	return Score{Precision: s.Precision * k, Recall: s.Recall * k, F: s.F * k}
}
