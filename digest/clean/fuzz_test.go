package clean

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest"
)

// FuzzArticle checks that no input makes cleaning panic or produce a
// malformed article.
func FuzzArticle(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("# \n\n***\n\n- \n\n[]()\n\n**")
	f.Add("By \n\nDecember 32, 2022\n\nFAQ\n\n?")
	f.Fuzz(func(t *testing.T, text string) {
		a, err := Article(digest.Document{Name: "fuzz.txt", Text: text}, Options{Theme: transport})
		if err != nil {
			if !errors.Is(err, ErrNoText) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if len(a.Paragraphs) == 0 || a.ID != a.ContentHash[:16] {
			t.Fatalf("paragraphs %d, id %q, hash %q", len(a.Paragraphs), a.ID, a.ContentHash)
		}
		for _, p := range a.Paragraphs {
			if p == "" || p != strings.TrimSpace(p) || strings.Contains(p, "\n") {
				t.Fatalf("malformed paragraph %q", p)
			}
			if utf8.ValidString(text) && !utf8.ValidString(p) {
				t.Fatalf("invalid UTF-8 from valid input: %q", p)
			}
		}
	})
}
