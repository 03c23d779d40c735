package eval

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func readHand(t *testing.T, name string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "rouge-hand", name))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

// TestScorerHandExample checks the DUC scorer on a case worked by hand.
//
//	peer   "the cat was on a mat"
//	model1 "the cat sat on the mat"
//	model2 "a cat was on the mat"
//
// All words have at most three letters, so none is stemmed.
//
// model1 shares the, cat, on, mat (4 of 6); model2 shares all 6.
// Jackknife over two models scores each alone: (4/6 + 6/6)/2 = 5/6.
//
// R-2: model1's bigrams share "the cat" (1 of 5); model2's share "cat
// was" and "was on" (2 of 5): (1/5 + 2/5)/2 = 0.3.
//
// SU4: each of the first five tokens counts as a unigram and pairs with
// up to five tokens after it: 5 + (5+4+3+2+1) = 20 grams per text.
// model1 shares unigrams the, cat, on (3) and pairs the-cat, the-on,
// the-mat, cat-on, cat-mat, on-mat (6): 9/20. model2 shares unigrams a,
// cat, was, on, the (5) and pairs a-mat, cat-was, cat-on, cat-mat,
// was-on, was-mat, on-mat, the-mat (8): 13/20. (0.45 + 0.65)/2 = 0.55.
func TestScorerHandExample(t *testing.T) {
	peer := readHand(t, "peer.txt")
	models := [][]string{readHand(t, "model1.txt"), readHand(t, "model2.txt")}
	got := NewScorer(models, 0).Score(peer)
	want := Recall{R1: 5.0 / 6, R2: 0.3, SU4: 0.55}
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"R-1", got.R1, want.R1}, {"R-2", got.R2, want.R2}, {"SU4", got.SU4, want.SU4}} {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("%s = %.6f, want %.6f", c.name, c.got, c.want)
		}
	}
}

// TestScorerOneModel scores against a single model without a jackknife.
func TestScorerOneModel(t *testing.T) {
	got := NewScorer([][]string{readHand(t, "model1.txt")}, 0).Score(readHand(t, "peer.txt"))
	if math.Abs(got.R1-4.0/6) > 1e-9 || math.Abs(got.R2-0.2) > 1e-9 {
		t.Errorf("one model: R-1 %.4f R-2 %.4f, want 0.6667 and 0.2", got.R1, got.R2)
	}
}

func TestTruncateWords(t *testing.T) {
	cases := []struct {
		in    []string
		limit int
		want  []string
	}{
		{[]string{"a b c", "d e f"}, 4, []string{"a b c", "d"}},
		{[]string{"a b c", "d e f"}, 3, []string{"a b c"}},
		{[]string{"a b c", "d e f"}, 6, []string{"a b c", "d e f"}},
		{[]string{"a b c", "d e f"}, 0, []string{"a b c", "d e f"}},
		{[]string{"a  b\tc"}, 2, []string{"a b"}},
	}
	for _, c := range cases {
		if got := TruncateWords(c.in, c.limit); !slices.Equal(got, c.want) {
			t.Errorf("TruncateWords(%q, %d) = %q, want %q", c.in, c.limit, got, c.want)
		}
	}
}

// The limit applies to the peer before scoring: words past it earn
// nothing.
func TestScorerCutsAtLimit(t *testing.T) {
	models := [][]string{{"alpha beta gamma delta"}}
	s := NewScorer(models, 2)
	if got := s.Score([]string{"zeta eta alpha beta gamma delta"}); got.R1 != 0 {
		t.Errorf("words past the limit scored: R-1 %.3f", got.R1)
	}
}

func TestSpearman(t *testing.T) {
	if got := spearman([]float64{1, 2, 3, 4}, []float64{10, 20, 30, 40}); math.Abs(got-1) > 1e-12 {
		t.Errorf("same order: %.3f", got)
	}
	if got := spearman([]float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}); math.Abs(got+1) > 1e-12 {
		t.Errorf("reversed: %.3f", got)
	}
}

func TestDocDate(t *testing.T) {
	if d := docDate("APW19990707.0181"); d.Format("2006-01-02") != "1999-07-07" {
		t.Errorf("APW19990707.0181: %v", d)
	}
	if d := docDate("nodate"); !d.IsZero() {
		t.Errorf("nodate: %v", d)
	}
}
