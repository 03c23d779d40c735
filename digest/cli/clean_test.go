package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/clean"
	"github.com/digest-newsletter/digest/digest/pipeline"
)

// cleanFiles are made-up drop files: one with a head of metadata and a
// share line, one with nothing left to read once furniture goes.
var cleanFiles = map[string]string{
	"wing.txt": "East Wing Reopens\n\nBy Ann Example\n\nMay 4, 2024\n\n" +
		"The museum reopened its east wing on Saturday after two years of repairs to the roof.\n\n" +
		"Visitors queued along the river before the doors opened, and the first tours were full by noon.\n\nShare this\n",
	"empty.txt": "Share this\n\nLeave a comment\n",
}

func writeCleanFiles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range cleanFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCleanJSON: one object per file, holding what the drop-file path
// makes of it, and the command fails when a file leaves nothing.
func TestCleanJSON(t *testing.T) {
	dir := writeCleanFiles(t)
	code, out, errs := run(t, "clean", "--json", dir)
	if code != 1 || !strings.Contains(errs, "1 of 2 files") {
		t.Errorf("exit %d, stderr %q; want 1 naming the file that left nothing", code, errs)
	}
	var reports []cleanReport
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var r cleanReport
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("decode: %v\n%s", err, out)
		}
		reports = append(reports, r)
	}
	if len(reports) != 2 {
		t.Fatalf("%d objects, want 2:\n%s", len(reports), out)
	}
	empty, wing := reports[0], reports[1]
	if empty.Error == "" || empty.Body != "" || len(empty.Dropped) != 2 {
		t.Errorf("empty.txt: %+v, want an error, no body and two dropped lines", empty)
	}
	want, err := pipeline.CleanBytes(wing.File, []byte(cleanFiles["wing.txt"]), clean.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if wing.Title != want.Title || wing.Body != want.Body() || wing.Date != "2024-05-04" ||
		!slices.Equal(wing.Authors, []string{"Ann Example"}) || wing.Error != "" {
		t.Errorf("wing.txt: %+v\nwant title %q and body %q", wing, want.Title, want.Body())
	}
	var reasons []string
	for _, d := range wing.Dropped {
		reasons = append(reasons, d.Reason)
	}
	wantReasons := []string{clean.ReasonMetaTitle, clean.ReasonMetaByline, clean.ReasonMetaDate, clean.ReasonShare}
	if !slices.Equal(reasons, wantReasons) {
		t.Errorf("dropped reasons %q, want %q", reasons, wantReasons)
	}
}

// TestCleanText: the dropped lines are listed only with -v.
func TestCleanText(t *testing.T) {
	file := filepath.Join(writeCleanFiles(t), "wing.txt")
	for _, tt := range []struct {
		args   []string
		listed bool
	}{{nil, false}, {[]string{"-v"}, true}} {
		code, out, errs := run(t, append([]string{"clean", file}, tt.args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, want := range []string{"== " + file, "title:       East Wing Reopens", "authors:     Ann Example", "Visitors queued"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: output lacks %q:\n%s", tt.args, want, out)
			}
		}
		if got := strings.Contains(out, "[boilerplate: share or subscribe] Share this"); got != tt.listed {
			t.Errorf("%v: share line listed = %v, want %v:\n%s", tt.args, got, tt.listed, out)
		}
	}
}
