package lazyre

import (
	"regexp"
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
