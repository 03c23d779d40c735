package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzPage checks that no input makes Page panic, and that what it
// returns is either some plain text or ErrNoText.
func FuzzPage(f *testing.F) {
	pages, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "https://news.example/story")
	}
	for _, s := range []string{"", "<", "<p>é\xe9</p>", "\xEF\xBB\xBF<p>bom</p>", "<table><td><td><tr>x", "<svg><p>y</svg>", "<meta charset=x-user-defined><p>\x80\x81"} {
		f.Add([]byte(s), "")
	}
	f.Fuzz(func(t *testing.T, page []byte, pageURL string) {
		res, err := Page(page, pageURL)
		if err != nil {
			if res != nil {
				t.Fatalf("result %+v with error %v", res, err)
			}
			if !errors.Is(err, ErrNoText) {
				t.Fatalf("error %v is not ErrNoText", err)
			}
			return
		}
		if strings.TrimSpace(res.Text) == "" || !utf8.ValidString(res.Text) || !utf8.ValidString(res.Title) {
			t.Fatalf("bad result %+v", res)
		}
		if strings.Contains(res.Text, "\n\n\n") {
			t.Fatalf("empty paragraph in %q", res.Text)
		}
	})
}
