package web

import (
	_ "embed"
	"fmt"
	"io"
	"net/http"
	"os"
)

// style is the one stylesheet of both faces. It is compiled in rather than
// read from the template folder: the pages' policy allows only styles
// served from here, and a page without its styles still works.
//
//go:embed static/style.css
var style string

// serveStyle serves the stylesheet; it may be cached, unlike the pages.
func serveStyle(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/css; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=3600")
	_, _ = io.WriteString(w, style)
}

// serveAsset reads a at start, so a missing file stops the program
// rather than breaking every page's image, and serves it from memory.
func serveAsset(a *Asset) (http.HandlerFunc, error) {
	data, err := os.ReadFile(a.File)
	if err != nil {
		return nil, fmt.Errorf("asset %s: %w", a.Path, err)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", a.Type)
		h.Set("Cache-Control", "public, max-age=3600")
		_, _ = w.Write(data)
	}, nil
}
