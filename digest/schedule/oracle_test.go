package schedule

import (
	"testing"
	"time"
)

// TestSlotsMatchMinuteByMinute checks Between against a plain oracle that
// walks real time a minute at a time and watches the zone's clock: a wall
// time matching the spec fires the first time the clock shows it, and wall
// times the clock jumps over fire at the instant after the jump, merged with
// the time shown then and keyed by the latest.
func TestSlotsMatchMinuteByMinute(t *testing.T) {
	specs := []string{"0 * * * *", "30 1 * * *", "30 2 * * *", "*/15 * * * *", "45 0-3 * * *", "0 0 * * *", "* 2 * * *", "10,40 1,2 * * 0"}
	days := []struct {
		zone string
		from string // a day or so around a change of offset
	}{
		{"America/New_York", "2025-03-08T12:00:00Z"},
		{"America/New_York", "2025-11-01T12:00:00Z"},
		{"Europe/London", "2025-03-29T12:00:00Z"},
		{"Europe/London", "2025-10-25T12:00:00Z"},
		{"Australia/Lord_Howe", "2025-04-05T00:00:00Z"},
		{"Australia/Lord_Howe", "2025-10-04T00:00:00Z"},
		{"Pacific/Apia", "2011-12-29T00:00:00Z"},
		{"Asia/Tokyo", "2025-06-01T00:00:00Z"},
	}
	for _, day := range days {
		loc := mustLoad(t, day.zone)
		from := mustTime(t, day.from)
		to := from.Add(48 * time.Hour)
		for _, spec := range specs {
			s := mustParse(t, spec, loc)
			want := oracleSlots(s, from, to)
			got := s.Between(from, to, 10000)
			if len(got) != len(want) {
				t.Errorf("%s %s from %s: got %d slots %v, oracle %d %v", day.zone, spec, day.from, len(got), slotKeys(got), len(want), slotKeys(want))
				continue
			}
			for i := range want {
				if got[i].Key != want[i].Key || !got[i].At.Equal(want[i].At) {
					t.Errorf("%s %s: slot %d = %s at %s, oracle %s at %s", day.zone, spec, i, got[i].Key, got[i].At, want[i].Key, want[i].At)
				}
			}
		}
	}
}

func oracleSlots(s *Schedule, from, to time.Time) []Slot {
	matches := func(wall time.Time) bool { return s.wall.Next(wall.Add(-time.Second)).Equal(wall) }
	var slots []Slot
	seen := wallOf(from, s.loc) // the latest wall time the clock has shown
	for u := from.Add(time.Minute); !u.After(to); u = u.Add(time.Minute) {
		wall := wallOf(u, s.loc)
		var fire time.Time
		for w := seen.Add(time.Minute); !w.After(wall); w = w.Add(time.Minute) {
			if matches(w) {
				fire = w
			}
		}
		if wall.After(seen) {
			seen = wall
		}
		if !fire.IsZero() {
			slots = append(slots, Slot{Key: fire.Format(keyLayout) + " " + s.loc.String(), Wall: fire, At: u})
		}
	}
	return slots
}
