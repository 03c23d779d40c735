package transport

import (
	"testing"
	"time"
)

// fakeClock is moved by hand, so the limiter's arithmetic can be checked
// without sleeping.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time { return c.now }

func TestLimiterSpacesMessages(t *testing.T) {
	ms := time.Millisecond
	tests := []struct {
		name      string
		perSecond float64
		// steps: advance the clock by advance, then reserve; want the wait.
		steps []struct{ advance, want time.Duration }
	}{
		{
			name:      "back to back at 50 per second",
			perSecond: 50,
			steps: []struct{ advance, want time.Duration }{
				{0, 0}, {0, 20 * ms}, {0, 40 * ms}, {0, 60 * ms},
			},
		},
		{
			name:      "waiting callers catch up as time passes",
			perSecond: 50,
			steps: []struct{ advance, want time.Duration }{
				{0, 0}, {0, 20 * ms}, {10 * ms, 30 * ms}, {50 * ms, 0},
			},
		},
		{
			name:      "idle time does not bank a burst",
			perSecond: 10,
			steps: []struct{ advance, want time.Duration }{
				{0, 0}, {5 * time.Second, 0}, {0, 100 * ms}, {0, 200 * ms},
			},
		},
		{
			name:      "slower than one per second",
			perSecond: 0.5,
			steps: []struct{ advance, want time.Duration }{
				{0, 0}, {0, 2 * time.Second}, {time.Second, 3 * time.Second},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{now: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
			l := newLimiter(tt.perSecond, clock.Now)
			for i, step := range tt.steps {
				clock.now = clock.now.Add(step.advance)
				if got := l.reserve(); got != step.want {
					t.Errorf("step %d: wait %v, want %v", i, got, step.want)
				}
			}
		})
	}
}

func TestLimiterNeverExceedsRate(t *testing.T) {
	// However callers arrive, the moments handed out are at least one
	// interval apart, so any one-second window holds at most rate+1.
	clock := &fakeClock{now: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
	l := newLimiter(20, clock.Now)
	arrivals := []time.Duration{0, 0, 3, 1, 0, 70, 0, 0, 2, 400, 0, 1, 1, 1}
	var last time.Time
	for i, gap := range arrivals {
		clock.now = clock.now.Add(gap * time.Millisecond)
		at := clock.now.Add(l.reserve())
		if i > 0 && at.Sub(last) < 50*time.Millisecond {
			t.Errorf("message %d goes %v after the previous one, want at least 50ms", i, at.Sub(last))
		}
		last = at
	}
}
