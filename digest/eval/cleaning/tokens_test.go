package cleaning

import (
	"math"
	"slices"
	"testing"
)

func TestTokens(t *testing.T) {
	got := tokens("**By Ann** — [Home](/x) › Côte d'Ivoire, 3:58")
	want := []string{"by", "ann", "home", "x", "côte", "d", "ivoire", "3", "58"}
	if !slices.Equal(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}

func TestTokenF1(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"storm closes port", "Port closes: storm!", 1},
		{"storm closes port", "storm closes the old port", 2 * 0.6 * 1 / 1.6},
		{"storm closes port", "ferry returns", 0},
		{"", "ferry", 0},
	}
	for _, tt := range tests {
		if got := tokenF1(tokens(tt.a), tokens(tt.b)); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("tokenF1(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestContainsRun(t *testing.T) {
	words := tokens("the ferry left the harbour at dawn")
	for _, tt := range []struct {
		run  string
		want bool
	}{{"left the harbour", true}, {"the ferry", true}, {"harbour the", false}, {"", false}, {"at dawn today", false}} {
		if got := containsRun(words, tokens(tt.run)); got != tt.want {
			t.Errorf("containsRun(%q) = %v, want %v", tt.run, got, tt.want)
		}
	}
}
