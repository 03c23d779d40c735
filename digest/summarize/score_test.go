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
		vecs := make([]text.Sparse, len(sentences))
		norms := make([]float64, len(sentences))
		dict := text.NewDictionary()
		for i, s := range sentences {
			var keys []uint64
			for _, w := range s {
				keys = append(keys, uint64(dict.ID(w)))
			}
			vecs[i] = text.SparseCounts(keys)
			norms[i] = vecs[i].Norm()
		}
		got := degreeCentrality(vecs, norms)
		for i := range vecs {
			var want float64 // the quadratic definition
			for j := range vecs {
				if j != i {
					want += cosine(vecs[i], norms[i], vecs[j], norms[j])
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
