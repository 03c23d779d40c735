package transport

import (
	"sync"
	"time"
)

// limiter spaces messages evenly: a token bucket that holds one token and
// refills at the configured rate. A larger bucket would allow bursts
// above the rate, which a relay's per-second limit would then punish.
type limiter struct {
	interval time.Duration
	now      func() time.Time

	mu   sync.Mutex
	next time.Time // when the next message may go
}

func newLimiter(perSecond float64, now func() time.Time) *limiter {
	return &limiter{interval: time.Duration(float64(time.Second) / perSecond), now: now}
}

// reserve books the next free moment and returns how long the caller must
// wait for it. A caller that gives up waiting forfeits its moment, so a
// cancellation can only slow the rate down, never push it over.
func (l *limiter) reserve() time.Duration {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.next.Before(now) {
		l.next = now
	}
	wait := l.next.Sub(now)
	l.next = l.next.Add(l.interval)
	return wait
}
