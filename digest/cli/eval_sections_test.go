package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// bbcCorpus is the public BBC News Summary corpus beside the project.
var bbcCorpus = filepath.Join("..", "..", "..", "shared", "eval", "bbc-news-summary")

func TestEvalSectionsOnBBC(t *testing.T) {
	if _, err := os.Stat(bbcCorpus); err != nil {
		t.Skipf("SKIPPED LOUDLY: the BBC corpus is not at %s (%v); section placement is not measured", bbcCorpus, err)
	}
	code, out, errs := run(t, "eval", "sections", "--data", bbcCorpus, "--config", filepath.Join("..", "..", "bench", "bbc.yaml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	m := regexp.MustCompile(`(?m)^\s+all\s+(\d+) /\s+(\d+)\s+([\d.]+)%`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no total in:\n%s", out)
	}
	if n, _ := strconv.Atoi(m[2]); n != 2225 {
		t.Errorf("%d articles placed, want 2225", n)
	}
	if share, _ := strconv.ParseFloat(m[3], 64); share < 95 {
		t.Errorf("%.1f%% placed in their own topic's section, want at least 95%%\n%s", share, out)
	}
}

func TestEvalSectionsErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere")
	if code, _, errs := run(t, "eval", "sections", "--data", missing, "--config", filepath.Join("..", "..", "bench", "bbc.yaml")); code != 1 || !regexp.MustCompile(`nowhere`).MatchString(errs) {
		t.Errorf("missing corpus: exit %d %q", code, errs)
	}
	if code, _, _ := run(t, "eval"); code != 2 {
		t.Errorf("eval without a mode: exit %d", code)
	}
	if code, _, _ := run(t, "eval", "bogus"); code != 2 {
		t.Errorf("unknown mode: exit %d", code)
	}
}
