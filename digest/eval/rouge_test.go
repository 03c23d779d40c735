package eval

import (
	"math"
	"reflect"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		// Lower case; every run of characters other than a-z and 0-9
		// separates; tokens of more than three letters are stemmed,
		// figures too ("1990s" → "1990"), shorter ones are not ("was").
		{"The cats' running-shoes, 1990s! Was it £600m?", []string{"the", "cat", "run", "shoe", "1990", "was", "it", "600m"}},
		// Accented letters separate like punctuation, as in ROUGE-1.5.5.
		{"Café news: U.S.-led generalizations", []string{"caf", "new", "u", "s", "led", "gener"}},
		// The Porter stemmer's own examples.
		{"relational conditional rational hopping agreed ponies", []string{"relat", "condit", "ration", "hop", "agre", "poni"}},
		{" … ", nil},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) && len(got)+len(tt.want) > 0 {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRougeN(t *testing.T) {
	tests := []struct {
		name      string
		cand, ref []string
		r1, r2    Score
	}{
		{
			// cand: the cat sat on the mat (6 tokens)
			// ref:  the cat lay on the mat (6 tokens)
			// unigrams shared: the×2, cat, on, mat = 5 → P = R = F = 5/6
			// bigrams: cand has 5, ref has 5; shared "the cat", "on the",
			// "the mat" = 3 → P = R = F = 3/5
			name: "one word changed",
			cand: []string{"The cat sat on the mat."},
			ref:  []string{"The cat lay on the mat."},
			r1:   Score{5. / 6, 5. / 6, 5. / 6},
			r2:   Score{3. / 5, 3. / 5, 3. / 5},
		},
		{
			// cand: the the the cat (4), ref: the cat sat (3)
			// unigram hits clipped: the min(3,1) = 1, cat 1 → 2
			// P = 2/4, R = 2/3, F = 2·(1/2)·(2/3) / (1/2 + 2/3) = 4/7
			// bigrams: cand "the the"×2, "the cat"; ref "the cat", "cat sat"
			// hits 1 → P = 1/3, R = 1/2, F = 2·(1/3)·(1/2) / (5/6) = 2/5
			name: "repeated words are clipped",
			cand: []string{"the the the cat"},
			ref:  []string{"the cat sat"},
			r1:   Score{1. / 2, 2. / 3, 4. / 7},
			r2:   Score{1. / 3, 1. / 2, 2. / 5},
		},
		{
			// Bigrams run across sentences: cand "big dog", "dog ran"
			// (2); ref "big dog", "dog ran" (2) → all shared.
			name: "bigrams across a sentence boundary",
			cand: []string{"Big dog.", "Ran."},
			ref:  []string{"Big dog ran."},
			r1:   Score{1, 1, 1},
			r2:   Score{1, 1, 1},
		},
		{
			name: "empty candidate",
			cand: nil,
			ref:  []string{"the cat sat"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Rouge(tt.cand, tt.ref)
			assertScore(t, "R-1", got.R1, tt.r1)
			assertScore(t, "R-2", got.R2, tt.r2)
		})
	}
}

func TestRougeLUnionLCS(t *testing.T) {
	tests := []struct {
		name      string
		cand, ref []string
		want      Score
	}{
		{
			// Lin (2004), section 3.2, with words for w1…w9:
			// ref r = one two six ten big (5 tokens)
			// c1 = one two red fox cup: LCS(r, c1) = one two
			// c2 = one six cup pot big: LCS(r, c2) = one six big
			// union = one two six big → 4 hits
			// R = 4/5, P = 4/10, F = 2·0.8·0.4 / 1.2 = 8/15
			name: "union of the LCS with each candidate sentence",
			cand: []string{"one two red fox cup", "one six cup pot big"},
			ref:  []string{"one two six ten big"},
			want: Score{4. / 10, 4. / 5, 8. / 15},
		},
		{
			// r1 = one two: union LCS one two → 2 hits, which use up the
			// candidate's only "one" and "two".
			// r2 = one two: union LCS one two, but no candidate tokens
			// are left → 0 hits.
			// hits 2 of m = 4 reference and n = 2 candidate tokens:
			// R = 1/2, P = 1, F = 2/3
			name: "a candidate token counts once",
			cand: []string{"one two"},
			ref:  []string{"one two", "one two"},
			want: Score{1, 1. / 2, 2. / 3},
		},
		{
			// Sentence by sentence: r1 = the cat sat (LCS with c = cat
			// sat → 2), r2 = it was red (LCS with c = was red → 2).
			// hits 4 of m = 6, n = 4: R = 2/3, P = 1, F = 4/5
			name: "sentence order does not matter",
			cand: []string{"Was red.", "Cat sat."},
			ref:  []string{"The cat sat.", "It was red."},
			want: Score{1, 2. / 3, 4. / 5},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertScore(t, "R-L", Rouge(tt.cand, tt.ref).RL, tt.want)
		})
	}
}

func TestLCSIndicesBreaksTiesAsRougeScore(t *testing.T) {
	// "x y" against "y x": either word is a longest common
	// subsequence; rouge-score's backtrack keeps the earlier one.
	if got := lcsIndices([]string{"x", "y"}, []string{"y", "x"}); !reflect.DeepEqual(got, []int{0}) {
		t.Errorf("lcsIndices = %v, want [0]", got)
	}
	if got := lcsIndices([]string{"a", "b", "c", "d"}, []string{"a", "c", "d", "b"}); !reflect.DeepEqual(got, []int{0, 2, 3}) {
		t.Errorf("lcsIndices = %v, want [0 2 3]", got)
	}
}

func TestMeanIsPerDocument(t *testing.T) {
	var m Mean
	// A short document scored 1 and a long one scored 0 average to 1/2
	// whatever their lengths.
	m.Add(Rouge([]string{"cat"}, []string{"cat"}))
	m.Add(Rouge([]string{"dog"}, []string{"the cat sat on the mat all day"}))
	if m.N() != 2 {
		t.Fatalf("N = %d", m.N())
	}
	assertScore(t, "R-1", m.Scores().R1, Score{1. / 2, 1. / 2, 1. / 2})
	var empty Mean
	if got := empty.Scores(); got != (Scores{}) {
		t.Errorf("empty mean = %+v", got)
	}
}

func assertScore(t *testing.T, name string, got, want Score) {
	t.Helper()
	if math.Abs(got.Precision-want.Precision) > 1e-9 || math.Abs(got.Recall-want.Recall) > 1e-9 ||
		math.Abs(got.F-want.F) > 1e-9 {
		t.Errorf("%s = %+v, want %+v", name, got, want)
	}
}
