package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// Whatever a stranger sends the public face (any path, query and form,
// GET or POST), it answers without a server error and never echoes the
// input back unescaped.
func FuzzPublicFace(f *testing.F) {
	f.Add("GET", "/unsubscribe", "s=1&t=abc", "")
	f.Add("POST", "/unsubscribe", "s=99999999999999999999&t=", "List-Unsubscribe=One-Click")
	f.Add("GET", "/archive/..%2f..%2fetc", "", "")
	f.Add("POST", "/unsubscribe", "s=-1&t=<script>alert(1)</script>", "s=1")
	fx := desktest.New(f)
	h, err := NewPublic(fx.Desk, PublicOptions{Addr: publicAddr, PublicURL: desktest.PublicURL})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, path, query, form string) {
		if method != "GET" && method != "POST" {
			method = "GET"
		}
		u := &url.URL{Path: "/" + strings.TrimLeft(path, "/"), RawQuery: query}
		req := httptest.NewRequest(method, "http://"+publicAddr+"/", strings.NewReader(form))
		req.URL, req.RequestURI = u, u.RequestURI()
		req.Host = publicAddr
		if method == "POST" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= http.StatusInternalServerError {
			t.Fatalf("%s %s?%s: %d", method, u.Path, query, rec.Code)
		}
		if strings.Contains(rec.Body.String(), "<script>alert") {
			t.Fatalf("%s %s?%s echoes markup: %s", method, u.Path, query, rec.Body.String())
		}
	})
}
