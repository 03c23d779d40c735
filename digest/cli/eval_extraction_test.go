package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/extract"
)

// tinyBenchmark is a made-up three-page benchmark in the layout of the
// public one: pages cafe and harbour make half A, trains half B.
var tinyBenchmark = filepath.Join("..", "extract", "testdata", "benchmark")

// expectedRow scores an extractor on the tiny benchmark directly, as
// the command's table row should print it for the given page ranges.
func expectedRow(t *testing.T, name string, fn func([]byte, string) (*extract.Result, error), ranges [][2]int) string {
	t.Helper()
	pages, err := extract.LoadBenchmark(tinyBenchmark)
	if err != nil {
		t.Fatal(err)
	}
	var counts []extract.Counts
	for _, p := range pages {
		text := ""
		if res, err := fn(p.HTML, p.URL); err == nil {
			text = res.Text
		}
		counts = append(counts, extract.Compare(p.Truth, text))
	}
	row := fmt.Sprintf("%-16s", name)
	for _, r := range ranges {
		s := extract.Mean(counts[r[0]:r[1]])
		row += fmt.Sprintf("   %6.3f %6.3f %6.3f", s.Precision, s.Recall, s.F1)
	}
	return row
}

func TestEvalExtraction(t *testing.T) {
	tests := []struct {
		half    string
		columns []string
		ranges  [][2]int
	}{
		{"all", []string{"all (3)", "half A (2)", "half B (1)"}, [][2]int{{0, 3}, {0, 2}, {2, 3}}},
		{"a", []string{"half A (2)"}, [][2]int{{0, 2}}},
		{"B", []string{"half B (1)"}, [][2]int{{2, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.half, func(t *testing.T) {
			code, out, errs := run(t, "eval", "extraction", "--data", tinyBenchmark, "--half", tt.half)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			lines := strings.Split(out, "\n")
			for _, c := range tt.columns {
				if !strings.Contains(lines[1], c) {
					t.Errorf("header %q lacks column %q", lines[1], c)
				}
			}
			if got := strings.Count(lines[1], "("); got != len(tt.columns) {
				t.Errorf("header %q has %d columns, want %d", lines[1], got, len(tt.columns))
			}
			for _, want := range []string{
				expectedRow(t, "go-trafilatura", extract.Trafilatura, tt.ranges),
				expectedRow(t, "ours", extract.Page, tt.ranges),
			} {
				if !strings.Contains(out, want+"\n") {
					t.Errorf("output lacks row\n%q\n%s", want, out)
				}
			}
			if !regexp.MustCompile(`(?m)^ours: kept .+; 0 failed$`).MatchString(out) {
				t.Errorf("no note on what ours kept:\n%s", out)
			}
			if !regexp.MustCompile(`(?m)^took \S+ on \d+ workers$`).MatchString(out) {
				t.Errorf("no elapsed time:\n%s", out)
			}
		})
	}
}

func TestEvalExtractionErrors(t *testing.T) {
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "ground-truth.json"), []byte(`{"gone": {"articleBody": "x", "url": "u"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing folder", []string{"--data", filepath.Join(t.TempDir(), "nowhere")}, 1, "nowhere"},
		{"missing page", []string{"--data", broken}, 1, "gone"},
		{"bad half", []string{"--data", tinyBenchmark, "--half", "c"}, 2, "--half"},
		{"stray argument", []string{"--data", tinyBenchmark, "extra"}, 2, "extra"},
		{"unknown flag", []string{"--pages", "3"}, 2, "pages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, append([]string{"eval", "extraction"}, tt.args...)...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errs, tt.code, tt.want)
			}
			if out != "" {
				t.Errorf("stdout on error: %q", out)
			}
		})
	}
}
