package summarize

import (
	"slices"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/text"
)

// A multi-article summary covers facts, and a fact is told in pairs of
// words: the articles of one story share most of their single words
// ("ferry", "island") whatever each reports, so a word alone is no
// concept.
func TestConceptsArePairs(t *testing.T) {
	pair := func(a, b string) string { return text.Stem(a) + " " + text.Stem(b) }
	tests := []struct {
		in   string
		want []string // among the concepts
		n    int      // how many concepts
	}{
		{"Ferry", nil, 0},
		{"It was in the.", nil, 0},
		{"Talks collapsed.", []string{pair("talks", "collapsed")}, 1},
		{"The ferry ran aground off Pell Island.", []string{pair("ferry", "ran"), pair("ran", "aground"), pair("pell", "island")}, 6},
		{"Island ferry, ferry island.", []string{pair("island", "ferry"), pair("ferry", "ferry"), pair("ferry", "island")}, 3},
	}
	for _, tt := range tests {
		got := conceptNames(tt.in)
		for _, c := range got {
			if !strings.Contains(c, " ") {
				t.Errorf("conceptNames(%q) has the single word %q", tt.in, c)
			}
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("conceptNames(%q) = %q, want %q among them", tt.in, got, w)
			}
		}
		if len(got) != tt.n {
			t.Errorf("conceptNames(%q) = %q, want %d concepts", tt.in, got, tt.n)
		}
	}
}
