package store

import (
	"context"
	"testing"
	"time"
)

// Stored times are compared as text in SQL (heartbeat_at > ?), so they
// must order as text exactly as they do as times, whatever their fraction
// of a second: "…:05Z" must sort before "…:05.5Z".
func TestStoredTimesCompareAsTimes(t *testing.T) {
	second := time.Date(2026, 12, 6, 9, 0, 5, 0, time.UTC)
	half := second.Add(500 * time.Millisecond)
	tests := []struct {
		name      string
		heartbeat time.Time
		asOf      time.Time // the lease is measured back from here
		alive     bool
	}{
		{"beat on the second, lease ends half a second later", second, half.Add(DefaultLease), false},
		{"beat half a second in, lease ends on the second", half, second.Add(DefaultLease), true},
		{"beat a microsecond after the lease's end", second.Add(time.Microsecond), second.Add(DefaultLease), true},
	}
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		for _, tt := range tests {
			if err := s.Register(ctx, Instance{ID: "i", Host: "h", StartedAt: tt.heartbeat, Heartbeat: tt.heartbeat}); err != nil {
				t.Fatal(err)
			}
			if err := s.Heartbeat(ctx, "i", false, tt.heartbeat); err != nil {
				t.Fatal(err)
			}
			live, err := s.Instances(ctx, tt.asOf)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(live) == 1; got != tt.alive {
				t.Errorf("%s: alive %v, want %v", tt.name, got, tt.alive)
			}
		}
	})
}

func TestFormatTimeHasOneWidth(t *testing.T) {
	base := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	want := len(formatTime(base))
	for _, d := range []time.Duration{0, time.Microsecond, 500 * time.Millisecond, 999999 * time.Microsecond} {
		got := formatTime(base.Add(d))
		if len(got) != want {
			t.Errorf("%s has width %d, want %d", got, len(got), want)
		}
		if back := parseTime(got); !back.Equal(base.Add(d)) {
			t.Errorf("%s parses back as %s", got, back)
		}
	}
}
