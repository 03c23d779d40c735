package web

import (
	"sync"
	"time"
)

// rateLimit allows each key (a client address, an email address) at most
// n events per window, counted in fixed windows. It bounds its memory:
// past maxClients keys, windows that have ended are dropped first.
type rateLimit struct {
	mu     sync.Mutex
	n      int
	window time.Duration
	now    func() time.Time
	seen   map[string]*rateWindow
}

type rateWindow struct {
	start time.Time
	count int
}

func newRateLimit(n int, window time.Duration, now func() time.Time) *rateLimit {
	return &rateLimit{n: n, window: window, now: now, seen: map[string]*rateWindow{}}
}

// allow counts one event for key and reports whether it is within the
// limit, and if not how long until the next is.
func (l *rateLimit) allow(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	w := l.seen[key]
	if w == nil || now.Sub(w.start) >= l.window {
		if w == nil && len(l.seen) >= maxClients {
			l.sweep(now)
		}
		w = &rateWindow{start: now}
		l.seen[key] = w
	}
	if w.count >= l.n {
		return false, w.start.Add(l.window).Sub(now)
	}
	w.count++
	return true, 0
}

// sweep drops ended windows, and if none had ended, the oldest half: a
// spray of addresses cannot grow the map without bound.
func (l *rateLimit) sweep(now time.Time) {
	for k, w := range l.seen {
		if now.Sub(w.start) >= l.window {
			delete(l.seen, k)
		}
	}
	if len(l.seen) < maxClients {
		return
	}
	dropped := 0
	for k := range l.seen {
		delete(l.seen, k)
		if dropped++; dropped >= maxClients/2 {
			return
		}
	}
}
