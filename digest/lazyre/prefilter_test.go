package lazyre

import (
	"regexp"
	"slices"
	"testing"
)

// The prefilter never changes an answer: every expression below answers
// as the plain regexp does on inputs that match, nearly match, and hold
// the letters that fold across scripts.
func TestPrefilterKeepsAnswers(t *testing.T) {
	exprs := []string{
		`(?i)^share (this|on|via|it)\b|^share$`,
		`(?i)\b(getty images|shutterstock|istock(photo)?|alamy|(ap|afp) photo)\b`,
		`(?i)\bshare your (thoughts|views)\b`,
		`(?i)^(\d+\s+)?(comments?|replies|responses)\s*(\(\d+\))?:?$`,
		`\bKelvin\b`,
		`(?i)ask`,
		`x*`,
		`(?i)(ab)+c|d{2,}`,
	}
	inputs := []string{
		"", "Share this", "SHARE ON X", "share", "shared values", "Photo: Getty Images", "GETTY IMAGES",
		"via AFP Photo", "an ap photographer", "Share your thoughts", "12 Comments (3)", "replies",
		"\u212aelvin", "\u212a", "a\u017fk", "A\u017fK", "ABABC", "dd", "d", "Kelvin", "plain text with nothing",
	}
	for _, e := range exprs {
		r, plain := New(e), regexp.MustCompile(e)
		for _, in := range inputs {
			if got, want := r.MatchString(in), plain.MatchString(in); got != want {
				t.Errorf("%s on %q: %v, regexp says %v (literals %q)", e, in, got, want, r.literals)
			}
			if got, want := r.MatchLower(in, Lower(in)), plain.MatchString(in); got != want {
				t.Errorf("MatchLower %s on %q: %v, regexp says %v", e, in, got, want)
			}
		}
	}
}

// The Find methods answer as the plain regexp's do, prefilter or not.
func TestPrefilterKeepsFinds(t *testing.T) {
	e := `(?:^|[,"”’]\s*|(\S+)\s+)([A-Z][\p{L}'’-]+)\s+(?:said|says|added)\s*[.!]?["'”’]?$`
	r, plain := New(e), regexp.MustCompile(e)
	for _, in := range []string{"The line will close, Ostrand said.", "No speaker here.", "", "Ostrand SAID."} {
		if got, want := r.FindStringSubmatch(in), plain.FindStringSubmatch(in); len(got) != len(want) || len(got) > 0 && got[0] != want[0] {
			t.Errorf("FindStringSubmatch(%q) = %q, want %q", in, got, want)
		}
		if got, want := r.FindStringIndex(in), plain.FindStringIndex(in); len(got) != len(want) {
			t.Errorf("FindStringIndex(%q) = %v, want %v", in, got, want)
		}
		if got, want := len(r.FindAllString(in, -1)), len(plain.FindAllString(in, -1)); got != want {
			t.Errorf("FindAllString(%q): %d matches, want %d", in, got, want)
		}
	}
}

func TestNeedsLiterals(t *testing.T) {
	tests := []struct {
		expr string
		want []string
	}{
		{`(?i)\bshare your (thoughts|views)\b`, []string{"share your "}},
		{`\[\p{L}{1,12}\]\p{L}`, []string{"["}},
		{`a|b`, nil},  // letters alone tell nothing
		{`x*y?`, nil}, // may match the empty string
		{`(?i)^Abc`, []string{"abc"}},
	}
	for _, tt := range tests {
		r := New(tt.expr)
		r.Re()
		if !slices.Equal(r.literals, tt.want) {
			t.Errorf("needs(%s) = %q, want %q", tt.expr, r.literals, tt.want)
		}
	}
}
