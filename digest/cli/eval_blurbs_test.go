package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestEvalBlurbs(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere")
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"editions of five", nil, 0, []string{"2 editions of up to 5", "3 items (0 with no blurb)", "blurb", "standalone-2 ", "standalone-2 ≤70 words", "took "}},
		{"one article each", []string{"--size", "1"}, 0, []string{"3 editions of up to 1"}},
		{"no articles", []string{"--size", "0"}, 2, []string{"--size"}},
		{"missing corpus", []string{"--data", missing}, 1, []string{missing}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"eval", "blurbs", "--data", madeUpCorpus}, tt.args...)
			code, out, errs := run(t, args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d: %s", code, tt.code, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out+errs, w) {
					t.Errorf("output lacks %q:\n%s%s", w, out, errs)
				}
			}
		})
	}
}
