package web

import (
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// minSecretLength is the shortest editors' token or password accepted:
// long enough that guessing it over HTTP, throttled as below, is hopeless.
const minSecretLength = 16

// Failed logins are throttled per client (see requireAuth: an address,
// or a browser's device cookie): the first few are free (a mistyped
// password), then the client must wait twice as long after each further
// failure, up to maxLockout, and is refused whatever it sends meanwhile.
// The count starts again after failureMemory without a failure.
const (
	freeFailures  = 5
	firstLockout  = time.Second
	maxLockout    = 15 * time.Minute
	failureMemory = time.Hour
	// maxClients bounds the memory a spray of addresses can take; past
	// it, entries not seen for an hour are dropped.
	maxClients = 10000
)

type throttle struct {
	mu      sync.Mutex
	clients map[string]*failures
	now     func() time.Time
	log     *slog.Logger
}

type failures struct {
	count int
	until time.Time // no attempt before this
	last  time.Time
}

func newThrottle(log *slog.Logger) *throttle {
	return &throttle{clients: map[string]*failures{}, now: time.Now, log: log}
}

// wait reports how long the client must still wait before its next
// attempt, 0 when it may try now.
func (t *throttle) wait(client string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.clients[client]
	if f == nil {
		return 0
	}
	return max(0, f.until.Sub(t.now()))
}

// failed counts a failed attempt and logs it, without what was tried.
func (t *throttle) failed(r *http.Request, client string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if len(t.clients) >= maxClients {
		for k, f := range t.clients {
			if now.Sub(f.last) > time.Hour {
				delete(t.clients, k)
			}
		}
	}
	f := t.clients[client]
	if f == nil || now.Sub(f.last) > failureMemory {
		f = &failures{}
		t.clients[client] = f
	}
	f.count++
	f.last = now
	if n := f.count - freeFailures; n > 0 {
		f.until = now.Add(min(maxLockout, firstLockout<<min(n-1, 20)))
	}
	user, _, _ := r.BasicAuth()
	t.log.Warn("editors' login failed", "client", client, "path", r.URL.Path, "user", user, "failures", f.count,
		"locked_until", f.until.Format(time.RFC3339))
}

// retryAfter says how long to wait, in whole seconds, at least one.
func retryAfter(d time.Duration) string {
	return strconv.Itoa(max(1, int((d+time.Second-1)/time.Second)))
}
