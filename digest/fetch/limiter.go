package fetch

import (
	"context"
	"strings"
	"sync"
	"time"
)

// hostLimiter keeps at least interval between two requests to one host.
// Each host has a single slot that moves forward by interval per request,
// so concurrent callers are served one after another, and idle time does
// not bank a burst.
type hostLimiter struct {
	interval time.Duration // <= 0: no limit
	now      func() time.Time

	mu   sync.Mutex
	next map[string]time.Time // per host: when the next request may start
}

// pruneAbove bounds the map: past this many hosts, those whose slot has
// passed are forgotten, which changes nothing about the waits.
const pruneAbove = 1024

func newHostLimiter(interval time.Duration, now func() time.Time) *hostLimiter {
	return &hostLimiter{interval: interval, now: now, next: make(map[string]time.Time)}
}

// reserve books the next free moment for host and returns how long the
// caller must wait for it. A caller that gives up waiting forfeits its
// moment, so a cancellation can only slow a host's rate down.
func (l *hostLimiter) reserve(host string) time.Duration {
	if l.interval <= 0 {
		return 0
	}
	host = strings.ToLower(host)
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.next) > pruneAbove {
		for h, t := range l.next {
			if !t.After(now) {
				delete(l.next, h)
			}
		}
	}
	slot := l.next[host]
	if slot.Before(now) {
		slot = now
	}
	l.next[host] = slot.Add(l.interval)
	return slot.Sub(now)
}

// wait blocks until the caller's turn for host, or until ctx ends.
func (l *hostLimiter) wait(ctx context.Context, host string) error {
	d := l.reserve(host)
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
