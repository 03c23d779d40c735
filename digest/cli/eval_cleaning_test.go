package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/eval/pagetext"
	"github.com/digest-newsletter/digest/digest/extract"
)

// tinyCorpus is a made-up two-topic corpus in the BBC layout.
var tinyCorpus = filepath.Join("..", "eval", "synth", "testdata", "corpus")

func TestEvalCleaningSynthetic(t *testing.T) {
	dir := t.TempDir()
	tsv, dump := filepath.Join(dir, "synth.tsv"), filepath.Join(dir, "set")
	code, out, errs := run(t, "eval", "cleaning", "--synthetic", "--bbc", tinyCorpus, "--n", "30", "--seed", "2", "--tsv", tsv, "--dump", dump)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"30 articles (seed 2), 20 tuned, 10 held out",
		"families held out of tuning: readtime, bio, note, cookie, credit, related, caps-repeat, markdown (inspected since: note, cookie)",
		"fresh held-out families, fixed 2026-12-06 and never tuned on: disclosure, poll, event, comments",
		"furniture lines reaching the cleaned body", "all tuned", "all held out", "all held out, not inspected",
		"all fresh held out", "articles, by family"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "matched no labelled line") {
		t.Errorf("cleaned words matched no label:\n%s", out)
	}
	rows, err := os.ReadFile(tsv)
	if err != nil || strings.Count(string(rows), "\n") != 31 {
		t.Errorf("tsv: %v, %d lines, want a header and 30 rows", err, strings.Count(string(rows), "\n"))
	}
	files, err := os.ReadDir(dump)
	if err != nil || len(files) != 31 {
		t.Errorf("dump: %v, %d files, want 30 and labels.tsv", err, len(files))
	}
}

// TestEvalCleaningPagesFromCache scores the tiny benchmark from page
// texts already cached, so no browser is needed (nor started).
func TestEvalCleaningPagesFromCache(t *testing.T) {
	pages, err := extract.LoadBenchmark(tinyBenchmark)
	if err != nil {
		t.Fatal(err)
	}
	cache := pagetext.Cache{Dir: t.TempDir()}
	for _, p := range pages {
		if err := cache.Put(p.HTML, "Home\nSome Headline Here\n\n"+p.Truth); err != nil {
			t.Fatal(err)
		}
	}
	tsv := filepath.Join(t.TempDir(), "pages.tsv")
	code, out, errs := run(t, "eval", "cleaning", "--data", tinyBenchmark, "--cache", cache.Dir, "--tsv", tsv)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(errs, "chromium") {
		t.Errorf("a browser was started though every text was cached: %s", errs)
	}
	for _, want := range []string{"all (3)", "half A (2)", "half B (1)", "not English (1)", "whole page", "cleaned", "titles right"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	rows, err := os.ReadFile(tsv)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(rows)), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[1], "cafe\ta\tfr\t") || !strings.HasPrefix(lines[3], "trains\tb\ten\t") {
		t.Errorf("tsv rows:\n%s", rows)
	}
	code, _, errs = run(t, "eval", "cleaning", "--data", tinyBenchmark, "--cache", cache.Dir, "--half", "c")
	if code != 2 {
		t.Errorf("--half c: exit %d (%s), want 2", code, errs)
	}
}

// TestEvalCleaningPagesChromium makes the tiny benchmark's page texts in
// Chromium and caches them.
func TestEvalCleaningPagesChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	if pagetext.FindChromium() == "" {
		t.Skip("SKIPPED: no chromium or chromium-browser binary on PATH, so page texts were not made in a browser; " +
			"install it with `apt-get install chromium`")
	}
	cache := t.TempDir()
	code, out, errs := run(t, "eval", "cleaning", "--data", tinyBenchmark, "--cache", cache)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "making page texts in chromium") || !strings.Contains(out, "all (3)") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errs)
	}
	cached, err := filepath.Glob(filepath.Join(cache, "*.txt"))
	if err != nil || len(cached) != 3 {
		t.Errorf("%d page texts cached (%v), want 3", len(cached), err)
	}
}
