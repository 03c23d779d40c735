package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// Guessing the editors' token is throttled per client: a few mistakes are
// free, then the client must wait, longer each time, and is refused
// whatever it sends meanwhile, the right token included (else the right
// one's 200 would stand out among the 429s and the lockout would slow no
// guesser); a browser that logged in before carries a device cookie and
// is throttled on its own failures only, so the guesser sharing its
// address locks it out no more than another client; each failure is
// logged without what was tried; a short token is refused at start.
func TestLoginThrottled(t *testing.T) {
	f := desktest.New(t)
	var logs bytes.Buffer
	const token = "the-right-token-0123456789"
	h := newEditor(t, f, func(o *EditorOptions) {
		o.Token = token
		o.Log = slog.New(slog.NewTextHandler(&logs, nil))
		o.Clock = f.Clock // stands still: the lockout does not run out mid-test
	})
	login := func(remote, tok string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
		rq := request{target: "/", header: map[string]string{"Authorization": "Bearer " + tok}}
		req := rq.build(t, editorAddr)
		req.RemoteAddr = remote
		for _, c := range cookies {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	guess := func(remote, tok string, cookies ...*http.Cookie) int { return login(remote, tok, cookies...).Code }
	// An editor logs in from the guesser's address before the guessing.
	first := login("198.51.100.7:3999", token)
	var device *http.Cookie
	for _, c := range first.Result().Cookies() {
		if c.Name == deviceCookie {
			device = c
		}
	}
	if first.Code != http.StatusOK || device == nil || !device.HttpOnly {
		t.Fatalf("a first login = %d with device cookie %v, want 200 and an HttpOnly cookie", first.Code, device)
	}
	codes := map[int]int{}
	for i := range 500 {
		codes[guess("198.51.100.7:4000", "guess-number-"+strings.Repeat("x", i%7))]++
	}
	if codes[http.StatusUnauthorized] > freeFailures+1 || codes[http.StatusTooManyRequests] < 490 {
		t.Errorf("500 guesses from one client: %v; want at most %d answered", codes, freeFailures+1)
	}
	if got := guess("198.51.100.7:4001", token); got != http.StatusTooManyRequests {
		t.Errorf("the right token from the locked-out address = %d, want 429: a guesser must not learn it hit", got)
	}
	if got := guess("198.51.100.7:4002", token, device); got != http.StatusOK {
		t.Errorf("the right token from the editor's browser at that address = %d, want 200", got)
	}
	forged := &http.Cookie{Name: deviceCookie, Value: "made-up.c2lnbmF0dXJl"}
	if got := guess("198.51.100.7:4003", token, forged); got != http.StatusTooManyRequests {
		t.Errorf("the right token with a forged device cookie = %d, want 429", got)
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
