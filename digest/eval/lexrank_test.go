package eval

import (
	"math"
	"reflect"
	"testing"
)

func TestWalkOnAPath(t *testing.T) {
	// Three sentences in a row, each linked to itself and its
	// neighbours: 0 → {0,1}, 1 → {0,1,2}, 2 → {1,2}. By symmetry
	// p0 = p2 = a and p1 = b = 1 − 2a, and with damping d = 0.85
	//   b = (1−d)/3 + d·(a/2 + b/3 + a/2) = 0.05 + 0.85·((1−b)/2 + b/3)
	//     = 0.475 − 0.141667·b  →  b = 0.475 / 1.141667 = 0.416058
	//   a = (1 − b)/2 = 0.291971
	got := walk([][]int{{0, 1}, {0, 1, 2}, {1, 2}}, 0.85)
	want := []float64{0.291971, 0.416058, 0.291971}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-5 {
			t.Fatalf("walk = %v, want %v", got, want)
		}
	}
}

func TestWalkSpreadsStrandedMass(t *testing.T) {
	// Sentence 2 has no terms and so no links; its share is spread
	// evenly, and the scores still sum to 1.
	got := walk([][]int{{0, 1}, {0, 1}, nil}, 0.85)
	sum := got[0] + got[1] + got[2]
	if math.Abs(sum-1) > 1e-9 || got[2] >= got[0] || math.Abs(got[0]-got[1]) > 1e-12 {
		t.Errorf("walk = %v (sum %v)", got, sum)
	}
}

// star is a made-up article whose first sentence shares a word with
// each of the others, which share none among themselves.
var star = []string{
	"Japan and NATO signed a defence pact in Tokyo.",
	"The pact covers cyber defence.",
	"Japan will host the next NATO summit.",
	"Rain fell in Tokyo.",
}

func TestLexRankOnAStar(t *testing.T) {
	// Links (cosine > 0.1, self included): hub 0 → {0,1,2,3}, each
	// leaf → {itself, 0}. With d = 0.85, N = 4, hub h and leaves l:
	//   l = 0.0375 + 0.85·(h/4 + l/2),  h + 3l = 1
	//   l·(1 − 0.425) = 0.0375 + 0.2125·(1 − 3l)  →  l = 0.25/1.2125 = 0.206186
	//   h = 1 − 3l = 0.381443
	l := NewLexRank([][]string{star, {"Snow fell in Osaka.", "Farmers welcomed the rain."}})
	got := l.Rank(star)
	want := []float64{0.381443, 0.206186, 0.206186, 0.206186}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-5 {
			t.Fatalf("Rank = %v, want %v", got, want)
		}
	}
	tests := []struct {
		n    int
		want []string
	}{
		{0, nil},
		{1, star[:1]},
		{2, star[:2]}, // the leaves tie; the earliest wins
		{9, star},
	}
	for _, tt := range tests {
		if got := l.Summarize(star, tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Summarize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	if got := l.Summarize(nil, 3); len(got) != 0 {
		t.Errorf("Summarize(nil) = %q", got)
	}
}

func TestLexRankThreshold(t *testing.T) {
	// Above every cosine between two different sentences, each sentence
	// links only to itself and all score alike: ties go to source order.
	l := NewLexRank([][]string{star})
	l.Threshold = 0.999
	scores := l.Rank(star)
	for _, s := range scores {
		if math.Abs(s-0.25) > 1e-9 {
			t.Fatalf("scores = %v, want all 0.25", scores)
		}
	}
	if got := l.Summarize(star, 2); !reflect.DeepEqual(got, star[:2]) {
		t.Errorf("Summarize = %q, want the first two", got)
	}
}
