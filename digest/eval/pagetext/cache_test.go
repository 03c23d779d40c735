package pagetext

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestDefaultCacheDir(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"xdg", map[string]string{"XDG_CACHE_HOME": "/x", "HOME": "/h"}, "/x/digest/innertext"},
		{"home", map[string]string{"HOME": "/h"}, "/h/.cache/digest/innertext"},
		{"neither", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DefaultCacheDir(func(k string) string { return tt.env[k] })
			if got != filepath.FromSlash(tt.want) || (err != nil) != (tt.want == "") {
				t.Errorf("DefaultCacheDir = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// TestCacheRoundTrip: a text comes back for its page only, and nothing
// else is left in the folder.
func TestCacheRoundTrip(t *testing.T) {
	c := Cache{Dir: filepath.Join(t.TempDir(), "texts")}
	a, b := []byte("<p>a</p>"), []byte("<p>b</p>")
	if _, ok, err := c.Get(a); ok || err != nil {
		t.Fatalf("empty cache: ok %v, err %v", ok, err)
	}
	if err := c.Put(a, "text of a"); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := c.Get(a); !ok || err != nil || got != "text of a" {
		t.Errorf("Get(a) = %q, %v, %v", got, ok, err)
	}
	if _, ok, _ := c.Get(b); ok {
		t.Error("Get(b) found a's text")
	}
	entries, err := os.ReadDir(c.Dir)
	if err != nil || len(entries) != 1 {
		t.Errorf("cache folder holds %d entries (%v), want 1", len(entries), err)
	}
}

// TestTextsFromCacheNeedNoBrowser: a second run reads every text from
// the cache with no browser; a page not cached with no browser is an
// error saying what to install.
func TestTextsFromCacheNeedNoBrowser(t *testing.T) {
	c := Cache{Dir: t.TempDir()}
	pages := [][]byte{[]byte("<p>one</p>"), []byte("<p>two</p>")}
	for i, p := range pages {
		if err := c.Put(p, []string{"one", "two"}[i]); err != nil {
			t.Fatal(err)
		}
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	got, err := Texts(context.Background(), pages, c, "", log)
	if err != nil || !slices.Equal(got, []string{"one", "two"}) {
		t.Errorf("Texts = %q, %v", got, err)
	}
	_, err = Texts(context.Background(), append(pages, []byte("<p>three</p>")), c, "", log)
	if !errors.Is(err, ErrNoBrowser) {
		t.Errorf("uncached page without a browser: %v, want ErrNoBrowser", err)
	}
}

// TestTextsFillTheCache: with a browser, texts not cached are made and
// cached, so the next run needs none.
func TestTextsFillTheCache(t *testing.T) {
	chromium := chromiumOrSkip(t)
	c := Cache{Dir: t.TempDir()}
	pages := [][]byte{[]byte("<h1>Heading</h1><p>Para.</p>")}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	got, err := Texts(context.Background(), pages, c, chromium, log)
	if err != nil || len(got) != 1 || got[0] != "Heading\n\nPara." {
		t.Fatalf("Texts = %q, %v", got, err)
	}
	again, err := Texts(context.Background(), pages, c, "", log)
	if err != nil || !slices.Equal(again, got) {
		t.Errorf("from the cache: %q, %v; want %q", again, err, got)
	}
}
