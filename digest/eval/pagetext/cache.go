package pagetext

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// method names how a text is made. It is part of every cache key, so
// changing how texts are made (window, flags, script) never serves a
// text made the old way: bump it with any such change.
const method = "innerText v1: chromium, scripts off, network blocked, file URL, 1280x1024"

// Cache keeps page texts on disk outside the repository, one file per
// page named by a hash of the page's HTML and the method.
type Cache struct{ Dir string }

// DefaultCacheDir is $XDG_CACHE_HOME/digest/innertext, or
// ~/.cache/digest/innertext when XDG_CACHE_HOME is unset.
func DefaultCacheDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_CACHE_HOME"); d != "" {
		return filepath.Join(d, "digest", "innertext"), nil
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".cache", "digest", "innertext"), nil
	}
	return "", errors.New("page text cache: neither XDG_CACHE_HOME nor HOME is set; give --cache")
}

func (c Cache) path(html []byte) string {
	h := sha256.New()
	h.Write([]byte(method))
	h.Write([]byte{0})
	h.Write(html)
	return filepath.Join(c.Dir, hex.EncodeToString(h.Sum(nil))+".txt")
}

// Get returns the cached text of the page, and false when there is none.
func (c Cache) Get(html []byte) (string, bool, error) {
	data, err := os.ReadFile(c.path(html))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("page text cache: %w", err)
	}
	return string(data), true, nil
}

// Put stores the page's text. It writes a temporary file and renames
// it, so a run stopped halfway never leaves half a text behind.
func (c Cache) Put(html []byte, text string) error {
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return fmt.Errorf("page text cache: %w", err)
	}
	final := c.path(html)
	tmp, err := os.CreateTemp(c.Dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("page text cache: %w", err)
	}
	_, err = tmp.WriteString(text)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), final)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("page text cache: %w", err)
	}
	return nil
}
