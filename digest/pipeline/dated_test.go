package pipeline

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest/clean"
)

// An item shows its article's own date, from a date line the cleaner
// keeps as metadata; a drop file without one shows none, never the
// file's modification time or the build's day.
func TestDropFileDates(t *testing.T) {
	dir := t.TempDir()
	want := map[string]string{"notes.md": "2024-05-03", "plain.txt": "", "page.html": ""}
	for name := range want {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(dropFiles[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		old := time.Date(2021, 1, 2, 3, 4, 5, 0, time.UTC)
		if err := os.Chtimes(path, old, old); err != nil {
			t.Fatal(err)
		}
	}
	for name, date := range want {
		a, _, err := CleanFile(filepath.Join(dir, name), 1<<20, clean.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Date(); got != date {
			t.Errorf("%s: date %q, want %q", name, got, date)
		}
		if it := item(chosenItem{art: a}, nil); it.Published != date {
			t.Errorf("%s: item shows %q, want %q", name, it.Published, date)
		}
	}
}
