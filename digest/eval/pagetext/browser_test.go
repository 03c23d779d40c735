package pagetext

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// chromiumOrSkip returns the Chromium binary, or skips the test loudly
// when there is none.
func chromiumOrSkip(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	path := FindChromium()
	if path == "" {
		t.Skip("SKIPPED: no chromium or chromium-browser binary on PATH, so the page text test " +
			"did not run; install it with `apt-get install chromium`")
	}
	return path
}

// startBrowser starts headless Chromium for a test, or skips the test
// loudly when there is none. It stops when the test ends.
func startBrowser(t *testing.T) *Browser {
	t.Helper()
	path := chromiumOrSkip(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	b, err := Start(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return b
}

// TestTextIsWhatAReaderCopies: the page's visible text, laid out by its
// own styles, without what scripts would add, and with no request made
// for anything the page links to.
func TestTextIsWhatAReaderCopies(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if strings.HasSuffix(r.URL.Path, ".css") {
			w.Header().Set("Content-Type", "text/css")
			_, _ = w.Write([]byte("h1 { display: none }"))
			return
		}
		_, _ = w.Write([]byte(`document.body.insertAdjacentText("beforeend", "Fetched script ran.");`))
	}))
	defer srv.Close()
	raw, err := os.ReadFile(filepath.Join("testdata", "furniture.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := strings.ReplaceAll(string(raw), "127.0.0.1:PORT", strings.TrimPrefix(srv.URL, "http://"))
	b := startBrowser(t)
	text, err := b.Text(context.Background(), []byte(html))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Home > City", "Tram Line Extended", "Shown on a wide window.",
		"The tram line now reaches the harbour, the city said on Monday.", "Turn on scripts for comments."} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	for _, unwanted := range []string{"Hidden by", "Script ran", "Fetched script", "City Paper"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("text has %q:\n%s", unwanted, text)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("%d requests reached the network; want none", n)
	}
	// The tab is reused: a second page shows nothing of the first.
	second, err := b.Text(context.Background(), []byte("<p>Second page.</p>"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(second) != "Second page." {
		t.Errorf("second page text = %q", second)
	}
}
