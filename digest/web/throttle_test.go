package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest/desk/desktest"
)

// Guessing the editors' token is throttled per client: a few mistakes are
// free, then the client's wrong guesses must wait, longer each time; each
// failure is logged without what was tried; the right token is never
// refused, from that client or another; a short token is refused at start.
func TestLoginThrottled(t *testing.T) {
	f := desktest.New(t)
	var logs bytes.Buffer
	const token = "the-right-token-0123456789"
	h := newEditor(t, f, func(o *EditorOptions) {
		o.Token = token
		o.Log = slog.New(slog.NewTextHandler(&logs, nil))
		o.Clock = f.Clock // stands still: the lockout does not run out mid-test
	})
	guess := func(remote, tok string) int {
		rq := request{target: "/", header: map[string]string{"Authorization": "Bearer " + tok}}
		req := rq.build(t, editorAddr)
		req.RemoteAddr = remote
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	codes := map[int]int{}
	for i := range 500 {
		codes[guess("198.51.100.7:4000", "guess-number-"+strings.Repeat("x", i%7))]++
	}
	if codes[http.StatusUnauthorized] > freeFailures+1 || codes[http.StatusTooManyRequests] < 490 {
		t.Errorf("500 guesses from one client: %v; want at most %d answered", codes, freeFailures+1)
	}
	if got := guess("198.51.100.7:4001", token); got != http.StatusOK {
		t.Errorf("the right token from a locked-out client = %d, want 200: only wrong guesses wait", got)
	}
	if got := guess("198.51.100.7:4001", "guess-again"); got != http.StatusTooManyRequests {
		t.Errorf("a wrong guess after the right token = %d, want 429: the right token frees no guesser", got)
	}
	if got := guess("203.0.113.5:5000", token); got != http.StatusOK {
		t.Errorf("another client with the right token = %d, want 200", got)
	}
	if n := strings.Count(logs.String(), "editors' login failed"); n != freeFailures+1 {
		t.Errorf("%d failures logged, want %d (the locked-out attempts are not even tried)", n, freeFailures+1)
	}
	if strings.Contains(logs.String(), "guess-number") {
		t.Error("a guessed token is in the log")
	}
	if _, err := NewEditor(f.Desk, EditorOptions{Addr: editorAddr, Token: "x"}); err == nil || !strings.Contains(err.Error(), "at least 16") {
		t.Errorf("a one-character token: %v", err)
	}
}

// The wait doubles with each failure past the free ones, up to a cap.
func TestThrottleBackoff(t *testing.T) {
	now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	th := newThrottle(slog.New(slog.DiscardHandler))
	th.now = func() time.Time { return now }
	req, _ := http.NewRequest("GET", "/", nil)
	var waits []time.Duration
	for range freeFailures + 4 {
		th.failed(req, "c")
		waits = append(waits, th.wait("c"))
	}
	want := []time.Duration{0, 0, 0, 0, 0, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}
	for i := range want {
		if waits[i] != want[i] {
			t.Fatalf("waits %v, want %v", waits, want)
		}
	}
	for range 40 {
		th.failed(req, "c")
	}
	if w := th.wait("c"); w != maxLockout {
		t.Errorf("wait after many failures %v, want the cap %v", w, maxLockout)
	}
	// An hour without a failure, and the count starts again.
	now = now.Add(maxLockout + failureMemory)
	th.failed(req, "c")
	if w := th.wait("c"); w != 0 {
		t.Errorf("wait after a failure following an hour of quiet %v", w)
	}
}
