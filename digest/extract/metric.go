package extract

import (
	"regexp"
	"strings"
)

// This file is the scoring of the public article extraction benchmark
// (scrapinghub/article-extraction-benchmark), kept exact so our numbers
// compare with the published ones.

// shingleSize is the benchmark's n: texts are compared as word 4-grams,
// which rewards getting whole passages right rather than common words.
const shingleSize = 4

// wordPattern is Python's Unicode \w+ as the benchmark uses it; Go's \w
// is ASCII only.
var wordPattern = regexp.MustCompile(`[\p{L}\p{M}\p{N}_]+`)

// Counts compares one extracted text with the true one: shingles both
// have (TP), shingles only the extraction has (FP) and shingles it
// misses (FN), each counted with multiplicity.
type Counts struct {
	TP, FP, FN int
}

// Compare counts the shared, extra and missing shingles of predicted
// against truth. Case is kept.
func Compare(truth, predicted string) Counts {
	want := shingles(truth)
	got := shingles(predicted)
	var c Counts
	for s, n := range got {
		m := want[s]
		c.TP += min(n, m)
		c.FP += max(0, n-m)
	}
	for s, m := range want {
		c.FN += max(0, m-got[s])
	}
	return c
}

// shingles counts the word 4-grams of text. A text of fewer words is one
// shorter shingle, and a text without words has none.
func shingles(text string) map[string]int {
	return shingleCounts(wordPattern.FindAllString(text, -1))
}

func shingleCounts(words []string) map[string]int {
	counts := map[string]int{}
	if len(words) == 0 {
		return counts
	}
	for i := 0; i < max(1, len(words)-shingleSize+1); i++ {
		// A space never occurs inside a word, so joined shingles are
		// distinct exactly when their words are.
		counts[strings.Join(words[i:min(i+shingleSize, len(words))], " ")]++
	}
	return counts
}

// Precision is the share of extracted shingles that are true: 1 when
// nothing is extra or missing (two empty texts agree), 0 when nothing
// matches.
func (c Counts) Precision() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0:
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// Recall is the share of true shingles extracted, with the same edge
// cases as Precision.
func (c Counts) Recall() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0:
		return 0
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// Score is an extractor's result over a set of pages.
type Score struct {
	Pages     int
	Precision float64 // mean over pages
	Recall    float64 // mean over pages
	F1        float64 // of the two means, as the benchmark reports it
}

// Mean averages precision and recall over pages, each page weighing the
// same however long it is, and takes F1 of the two means.
func Mean(pages []Counts) Score {
	s := Score{Pages: len(pages)}
	if len(pages) == 0 {
		return s
	}
	for _, c := range pages {
		s.Precision += c.Precision()
		s.Recall += c.Recall()
	}
	s.Precision /= float64(len(pages))
	s.Recall /= float64(len(pages))
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}
