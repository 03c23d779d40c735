package summarize

import (
	"math"
	"testing"

	"github.com/digest-newsletter/digest/digest/text"
)

func TestDegreeCentralityIsSummedCosine(t *testing.T) {
	tests := [][][]string{
		{{"japan", "nato", "pact"}, {"pact", "cyber"}, {"japan", "summit", "japan"}, {"rain"}},
		{{"rain"}, nil, {"rain", "rain", "snow"}},
		{{"alone"}},
		nil,
	}
	for _, sentences := range tests {
		vecs := make([]text.Vector, len(sentences))
		norms := make([]float64, len(sentences))
		for i, s := range sentences {
			vecs[i] = text.Counts(s)
			norms[i] = vecs[i].Norm()
		}
		got := degreeCentrality(vecs, norms)
		for i := range vecs {
			var want float64 // the quadratic definition
			for j := range vecs {
				if j != i {
					want += text.Cosine(vecs[i], vecs[j])
				}
			}
			if math.Abs(got[i]-want) > 1e-9 {
				t.Errorf("%q: sentence %d centrality %v, want %v", sentences, i, got[i], want)
			}
		}
	}
}

func TestNameShare(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"Shigeru Ishiba met Mark Rutte in Brussels.", 4. / 7},
		{"The talks went well.", 0},
		{"Ministers met in Élysée Palace.", 2. / 5},
		{"Alone.", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := nameShare(tt.in); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("nameShare(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
