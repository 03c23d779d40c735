package store

import (
	"context"
	"maps"
	"testing"
	"time"
)

// Remembered POP3 ids are kept per mailbox with whether each was a
// report; one gone from the server is noted once and forgotten only
// after the retention, counted from when it was first missing.
func TestPOP3UIDLs(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s := openTest(t, db)
		t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		const box, other = "pop3://b@127.0.0.1:995", "pop3://c@127.0.0.1:995"
		for _, r := range []struct {
			box, uidl string
			report    bool
		}{{box, "a", true}, {box, "b", false}, {box, "a", false}, {other, "a", false}} {
			if err := s.RememberUIDL(ctx, r.box, r.uidl, r.report, t0); err != nil {
				t.Fatal(err)
			}
		}
		seen := func(want map[string]bool) {
			t.Helper()
			got, err := s.SeenUIDLs(ctx, box)
			if err != nil || !maps.Equal(got, want) {
				t.Errorf("seen %v, %v; want %v", got, err, want)
			}
		}
		seen(map[string]bool{"a": true, "b": false})
		day := 24 * time.Hour
		// a leaves the server on day 1; by day 20 (10 days' retention) it is
		// forgotten, counted from day 1, not from day 20's sighting.
		if err := s.UIDLsGone(ctx, box, []string{"a"}, t0.Add(day), t0.Add(day-10*day)); err != nil {
			t.Fatal(err)
		}
		seen(map[string]bool{"a": true, "b": false})
		if err := s.UIDLsGone(ctx, box, []string{"a"}, t0.Add(10*day), t0.Add(10*day-10*day)); err != nil {
			t.Fatal(err)
		}
		seen(map[string]bool{"a": true, "b": false})
		if err := s.UIDLsGone(ctx, box, []string{"a"}, t0.Add(12*day), t0.Add(12*day-10*day)); err != nil {
			t.Fatal(err)
		}
		seen(map[string]bool{"b": false})
		if got, _ := s.SeenUIDLs(ctx, other); !maps.Equal(got, map[string]bool{"a": false}) {
			t.Errorf("the other mailbox's ids: %v", got)
		}
	})
}
