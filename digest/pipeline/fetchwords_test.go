package pipeline

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest/feed"
	"github.com/digest-newsletter/digest/digest/fetch"
)

// What goes wrong with a source reads in an editor's words: each failure
// met for real, through the fetcher and the parser.
func TestFetchWords(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow":
			select {
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
			}
		case "/missing":
			http.NotFound(w, r)
		case "/broken":
			w.WriteHeader(http.StatusBadGateway)
		case "/html":
			io.WriteString(w, "<!DOCTYPE html><html><body><p>Welcome</p></body></html>")
		default:
			io.WriteString(w, "{not a feed")
		}
	}))
	defer srv.Close()
	open := fetch.New(fetch.Options{AllowLoopback: true, PerHostInterval: -1, Timeout: 300 * time.Millisecond})
	guarded := fetch.New(fetch.Options{PerHostInterval: -1})
	get := func(f *fetch.Fetcher, path string) error {
		resp, err := f.Get(context.Background(), fetch.Request{URL: srv.URL + path})
		if err != nil {
			return err
		}
		_, err = feed.Parse(resp.Body, resp.URL)
		return err
	}
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"timeout", get(open, "/slow"), "did not answer in time"},
		{"404", get(open, "/missing"), "nothing at this address (HTTP 404)"},
		{"502", get(open, "/broken"), "a problem of its own (HTTP 502)"},
		{"html page", get(open, "/html"), "a web page, not a feed"},
		{"not a feed", get(open, "/junk"), "not an RSS, Atom or JSON feed"},
		{"loopback refused", get(guarded, "/"), "127.0.0.1 is a loopback address"},
	} {
		got := FetchWords(tt.err)
		if tt.err == nil || !strings.Contains(got, tt.want) || strings.Contains(got, "dial tcp") {
			t.Errorf("%s: %v reads %q, want …%s…", tt.name, tt.err, got, tt.want)
		}
	}
}
