package fetch

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strings"
	"testing"
)

func TestGetReturnsBodyAndValidators(t *testing.T) {
	const body = "<rss><channel><title>Made-up feed</title></channel></rss>"
	var gotAgent string
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		gotAgent = r.Header.Get("User-Agent")
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Header().Set("ETag", `"v7"`)
		w.Header().Set("Last-Modified", "Mon, 02 Mar 2026 08:00:00 GMT")
		_, _ = w.Write([]byte(body))
	})
	opts := testOptions()
	opts.UserAgent = "digest-test/0.1 (+https://digest.example.org)"

	resp, err := New(opts).Get(testContext(t), Request{URL: srv.URL + "/feed.xml"})
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	want := Response{
		URL: srv.URL + "/feed.xml", Status: http.StatusOK, Body: []byte(body),
		ContentType: "application/rss+xml; charset=utf-8",
		ETag:        `"v7"`, LastModified: "Mon, 02 Mar 2026 08:00:00 GMT",
	}
	if resp.URL != want.URL || resp.Status != want.Status || resp.NotModified ||
		!bytes.Equal(resp.Body, want.Body) || resp.ContentType != want.ContentType ||
		resp.ETag != want.ETag || resp.LastModified != want.LastModified {
		t.Errorf("response\n got %+v\nwant %+v", *resp, want)
	}
	if gotAgent != opts.UserAgent {
		t.Errorf("User-Agent %q, want %q", gotAgent, opts.UserAgent)
	}
}

func TestGetDefaultUserAgentNamesTheProduct(t *testing.T) {
	var gotAgent string
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		gotAgent = r.Header.Get("User-Agent")
	})
	opts := testOptions()
	opts.UserAgent = ""
	if _, err := New(opts).Get(testContext(t), Request{URL: srv.URL}); err != nil {
		t.Fatalf("Get: %v", err)
	}
	if gotAgent != defaultUserAgent {
		t.Errorf("User-Agent %q, want %q", gotAgent, defaultUserAgent)
	}
}

func TestGetConditional(t *testing.T) {
	const (
		etag     = `"abc123"`
		modified = "Sun, 01 Mar 2026 12:00:00 GMT"
	)
	tests := []struct {
		name         string
		req          Request
		wantNotMod   bool
		wantInm      string
		wantIms      string
		wantRespETag string
	}{
		{name: "no validators", req: Request{}, wantRespETag: etag},
		{name: "matching etag", req: Request{ETag: etag}, wantNotMod: true, wantInm: etag, wantRespETag: etag},
		{name: "stale etag", req: Request{ETag: `"old"`}, wantInm: `"old"`, wantRespETag: etag},
		{name: "matching date", req: Request{LastModified: modified}, wantNotMod: true, wantIms: modified, wantRespETag: etag},
		{name: "both", req: Request{ETag: etag, LastModified: modified}, wantNotMod: true,
			wantInm: etag, wantIms: modified, wantRespETag: etag},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gotInm, gotIms string
			srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
				gotInm, gotIms = r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")
				w.Header().Set("ETag", etag)
				if gotInm == etag || (gotInm == "" && gotIms == modified) {
					w.WriteHeader(http.StatusNotModified)
					return
				}
				w.Header().Set("Last-Modified", modified)
				_, _ = w.Write([]byte("fresh"))
			})
			req := tt.req
			req.URL = srv.URL
			resp, err := New(testOptions()).Get(testContext(t), req)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if gotInm != tt.wantInm || gotIms != tt.wantIms {
				t.Errorf("sent If-None-Match %q If-Modified-Since %q, want %q %q", gotInm, gotIms, tt.wantInm, tt.wantIms)
			}
			if resp.NotModified != tt.wantNotMod {
				t.Errorf("NotModified %v, want %v", resp.NotModified, tt.wantNotMod)
			}
			wantStatus, wantBody := http.StatusOK, "fresh"
			if tt.wantNotMod {
				wantStatus, wantBody = http.StatusNotModified, ""
			}
			if resp.Status != wantStatus || string(resp.Body) != wantBody {
				t.Errorf("status %d body %q, want %d %q", resp.Status, resp.Body, wantStatus, wantBody)
			}
			if resp.ETag != tt.wantRespETag {
				t.Errorf("ETag %q, want %q", resp.ETag, tt.wantRespETag)
			}
		})
	}
}

func TestGetDecompressesGzip(t *testing.T) {
	plain := strings.Repeat("Made-up article paragraph about nothing in particular. ", 200)
	var compressed bytes.Buffer
	zw := gzip.NewWriter(&compressed)
	if _, err := zw.Write([]byte(plain)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "gzip only", http.StatusNotAcceptable)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write(compressed.Bytes())
	})
	resp, err := New(testOptions()).Get(testContext(t), Request{URL: srv.URL})
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if string(resp.Body) != plain {
		t.Errorf("body is %d bytes starting %q, want the %d decompressed bytes", len(resp.Body), firstBytes(resp.Body), len(plain))
	}
}

func TestGetFollowsRedirectsWithinLimit(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed", http.StatusFound)
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("arrived"))
	})
	srv, _ := countingServer(t, mux.ServeHTTP)
	opts := testOptions()
	opts.MaxRedirects = 2
	resp, err := New(opts).Get(testContext(t), Request{URL: srv.URL + "/old"})
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if resp.URL != srv.URL+"/feed" || string(resp.Body) != "arrived" {
		t.Errorf("final URL %q body %q, want %q %q", resp.URL, resp.Body, srv.URL+"/feed", "arrived")
	}
}

func firstBytes(b []byte) []byte {
	return b[:min(len(b), 16)]
}
