package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// madeUpCorpus is a three-article corpus laid out like the BBC one.
var madeUpCorpus = filepath.Join("..", "eval", "testdata", "bbc")

func TestEvalSummaries(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"all topics", nil, []string{"all (3)", "tuning (2)", "held-out (1)", "Lead-3", "LexRank-3", "digest-3", "took "}},
		{"some topics", []string{"--topics", " tech ,"}, []string{"all (1)", "held-out (1)", "tech (1)"}},
		{"two sentences", []string{"--sentences", "2"}, []string{"2-sentence summaries", "digest-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, append([]string{"eval", "summaries", "--data", madeUpCorpus}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestEvalSummariesErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere")
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing corpus", []string{"--data", missing}, 1, missing},
		{"unknown topic", []string{"--data", madeUpCorpus, "--topics", "weather"}, 1, `"weather"`},
		{"no sentences", []string{"--data", madeUpCorpus, "--sentences", "0"}, 2, "--sentences"},
		{"stray argument", []string{"--data", madeUpCorpus, "extra"}, 2, "extra"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := run(t, append([]string{"eval", "summaries"}, tt.args...)...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errs, tt.code, tt.want)
			}
		})
	}
}
