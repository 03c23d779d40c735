package extract

import (
	"math"
	"testing"
)

// Worked by hand: list each text's word 4-grams, match them with their
// counts, then apply the benchmark's formulas.
func TestCompare(t *testing.T) {
	tests := []struct {
		name           string
		truth, pred    string
		want           Counts
		precision, rec float64
	}{
		{"same text", "a b c d e", "a b c d e", Counts{TP: 2}, 1, 1},
		// truth: [The cat sat on] [cat sat on the] [sat on the mat]
		// pred:  [The cat sat on] [cat sat on the] [sat on the hat]
		{"one word differs", "The cat sat on the mat", "The cat sat on the hat", Counts{TP: 2, FP: 1, FN: 1}, 2.0 / 3, 2.0 / 3},
		{"case is kept", "One two three four", "one two three four", Counts{FP: 1, FN: 1}, 0, 0},
		{"punctuation is not a word", "Hello, world!", "Hello world", Counts{TP: 1}, 1, 1},
		// fewer than four words: one shorter shingle
		{"short texts", "Hello world", "Hello world again", Counts{FP: 1, FN: 1}, 0, 0},
		// truth: [a b c d]x2 [b c d a] [c d a b] [d a b c]; pred: [a b c d]
		{"multiplicity", "a b c d a b c d", "a b c d", Counts{TP: 1, FN: 4}, 1, 1.0 / 5},
		// pred: [x a b c] [a b c d] [b c d y]
		{"extra words around", "a b c d", "x a b c d y", Counts{TP: 1, FP: 2}, 1.0 / 3, 1},
		{"nothing extracted", "a b c d e", "", Counts{FN: 2}, 0, 0},
		{"nothing to extract, nothing extracted", "", "", Counts{}, 1, 1},
		{"nothing to extract", "", "a b c d", Counts{FP: 1}, 0, 0},
		// U+0301 COMBINING ACUTE ACCENT is a mark: part of the word
		{"combining marks stay in words", "cafe\u0301 au lait", "cafe au lait", Counts{FP: 1, FN: 1}, 0, 0},
		{"non-Latin words", "東京 の 天気 です", "東京 の 天気 です", Counts{TP: 1}, 1, 1},
		{"underscore and digits are word characters", "snake_case 2024 x y", "snake case 2024 x y", Counts{FP: 2, FN: 1}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(tt.truth, tt.pred)
			if got != tt.want {
				t.Fatalf("Compare = %+v, want %+v", got, tt.want)
			}
			if p := got.Precision(); math.Abs(p-tt.precision) > 1e-12 {
				t.Errorf("precision %v, want %v", p, tt.precision)
			}
			if r := got.Recall(); math.Abs(r-tt.rec) > 1e-12 {
				t.Errorf("recall %v, want %v", r, tt.rec)
			}
		})
	}
}

func TestMean(t *testing.T) {
	// Page 1: P 1, R 1. Page 2: P 1/2, R 1. Page 3: P 0, R 0.
	// Means: P 1/2, R 2/3; F1 = 2(1/2)(2/3) / (1/2 + 2/3) = 4/7.
	got := Mean([]Counts{{TP: 3}, {TP: 1, FP: 1}, {FN: 3}})
	want := Score{Pages: 3, Precision: 0.5, Recall: 2.0 / 3, F1: 4.0 / 7}
	if got.Pages != want.Pages || math.Abs(got.Precision-want.Precision) > 1e-12 ||
		math.Abs(got.Recall-want.Recall) > 1e-12 || math.Abs(got.F1-want.F1) > 1e-12 {
		t.Errorf("Mean = %+v, want %+v", got, want)
	}
	// Long and short pages weigh the same: the means are of ratios.
	got = Mean([]Counts{{TP: 1000}, {FP: 1, FN: 1}})
	if math.Abs(got.Precision-0.5) > 1e-12 || math.Abs(got.Recall-0.5) > 1e-12 {
		t.Errorf("Mean weighs pages by length: %+v", got)
	}
	if got := Mean(nil); got != (Score{}) {
		t.Errorf("Mean(nil) = %+v", got)
	}
	if got := Mean([]Counts{{FN: 2}}); got.F1 != 0 {
		t.Errorf("F1 with nothing right = %v", got.F1)
	}
}
