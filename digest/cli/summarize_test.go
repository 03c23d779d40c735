package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const (
	harbour = "Harbour expands\n\nThe harbour authority approved a new container terminal on Tuesday after two years of talks. " +
		"The terminal will add room for four large ships and create about 300 jobs. " +
		"Construction starts in spring and should take three years.\n"
	heat = "Heatwave grips the south\n\nTemperatures passed 40 degrees across the south of the country on Monday. " +
		"Hospitals reported more admissions and the government urged people to stay indoors. " +
		"Forecasters expect the heat to last until the weekend.\n"
)

func TestSummarize(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "more")
	os.Mkdir(sub, 0o755)
	os.WriteFile(filepath.Join(dir, "harbour.txt"), []byte(harbour), 0o644)
	os.WriteFile(filepath.Join(sub, "heat.md"), []byte(heat), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	bodies := harbour + heat

	for _, words := range []string{"12", "25", "60"} {
		code, out, errs := run(t, "summarize", dir, "--words", words) // flags after the path too
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		n := len(strings.Fields(out))
		if limit, _ := strconv.Atoi(words); n > limit || n == 0 {
			t.Errorf("--words %s: %d words", words, n)
		}
		if !strings.Contains(errs, "empty.txt") {
			t.Errorf("the empty file is not reported: %q", errs)
		}
		// Unwrapped, the output is whole sentences of the inputs.
		flat := strings.Join(strings.Fields(out), " ")
		for _, s := range strings.SplitAfter(flat, ". ") {
			if s = strings.TrimSpace(s); s != "" && !strings.Contains(bodies, s) {
				t.Errorf("--words %s: %q is not a sentence of the inputs", words, s)
			}
		}
	}

	code, out, _ := run(t, "summarize", "--words", "60", "--sources", filepath.Join(dir, "harbour.txt"), filepath.Join(sub, "heat.md"))
	if code != 0 || !strings.Contains(out, "[1] "+filepath.Join(dir, "harbour.txt")) || !strings.Contains(out, "[2] "+filepath.Join(sub, "heat.md")) {
		t.Errorf("--sources output:\n%s", out)
	}
}

func TestSummarizeBadArguments(t *testing.T) {
	if code, _, errs := run(t, "summarize"); code != 2 || !strings.Contains(errs, "FILE") {
		t.Errorf("no paths: exit %d %q", code, errs)
	}
	missing := filepath.Join(t.TempDir(), "missing.txt")
	if code, _, errs := run(t, "summarize", missing); code != 1 || !strings.Contains(errs, "missing.txt") {
		t.Errorf("missing file: exit %d %q", code, errs)
	}
	if code, _, _ := run(t, "summarize", "--words", "0", t.TempDir()); code != 2 {
		t.Errorf("--words 0: exit %d", code)
	}
	empty := t.TempDir()
	if code, _, errs := run(t, "summarize", empty); code != 1 || !strings.Contains(errs, "no readable articles") {
		t.Errorf("empty folder: exit %d %q", code, errs)
	}
}
