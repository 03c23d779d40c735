package digest

import "time"

// Clock is injected wherever "now" matters, so tests and the scheduler can
// control time.
type Clock interface {
	Now() time.Time
}

// SystemClock is the wall clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }
