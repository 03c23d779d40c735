package schedule

import (
	"testing"
	"time"
)

// TestRobfigSkipsTheGap records why slots are computed here: robfig's own
// Next jumps over 02:30 on the spring-forward day, so that day would have no
// edition at all.
func TestRobfigSkipsTheGap(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	s := mustParse(t, "30 2 * * *", ny)
	from := mustTime(t, "2025-03-09T00:00:00-05:00")

	robfig := s.Cron().Next(from)
	if want := mustTime(t, "2025-03-10T02:30:00-04:00"); !robfig.Equal(want) {
		t.Errorf("robfig Next = %s; expected it to skip to %s (if robfig changed, revisit this package)", robfig, want)
	}
	ours := s.Next(from)
	if want := mustTime(t, "2025-03-09T03:00:00-04:00"); !ours.At.Equal(want) {
		t.Errorf("Next = %s, want %s", ours.At, want)
	}
	if want := "2025-03-09T02:30 America/New_York"; ours.Key != want {
		t.Errorf("Key = %q, want %q", ours.Key, want)
	}
}

// TestRobfigRepeatsTheFold records the other half: robfig fires 01:30 twice
// on the fall-back day.
func TestRobfigRepeatsTheFold(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	s := mustParse(t, "30 1 * * *", ny)
	first := mustTime(t, "2025-11-02T01:30:00-04:00")
	if got, want := s.Cron().Next(first), mustTime(t, "2025-11-02T01:30:00-05:00"); !got.Equal(want) {
		t.Errorf("robfig Next after the first 01:30 = %s; expected the repeat %s (if robfig changed, revisit this package)", got, want)
	}
	if got, want := s.Next(first).At, mustTime(t, "2025-11-03T01:30:00-05:00"); !got.Equal(want) {
		t.Errorf("Next after the first 01:30 = %s, want the next day %s", got, want)
	}
}

type wantSlot struct {
	key string
	at  string
}

func TestBetweenAcrossDST(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	tests := []struct {
		name  string
		spec  string
		after string
		upTo  string
		want  []wantSlot
	}{
		{
			name: "fall back: 01:30 runs once, at its first occurrence",
			spec: "30 1 * * *", after: "2025-11-01T00:00:00-04:00", upTo: "2025-11-03T23:00:00-05:00",
			want: []wantSlot{
				{"2025-11-01T01:30 America/New_York", "2025-11-01T01:30:00-04:00"},
				{"2025-11-02T01:30 America/New_York", "2025-11-02T01:30:00-04:00"},
				{"2025-11-03T01:30 America/New_York", "2025-11-03T01:30:00-05:00"},
			},
		},
		{
			name: "spring forward: 02:30 runs at 03:00 EDT",
			spec: "30 2 * * *", after: "2025-03-08T00:00:00-05:00", upTo: "2025-03-10T23:00:00-04:00",
			want: []wantSlot{
				{"2025-03-08T02:30 America/New_York", "2025-03-08T02:30:00-05:00"},
				{"2025-03-09T02:30 America/New_York", "2025-03-09T03:00:00-04:00"},
				{"2025-03-10T02:30 America/New_York", "2025-03-10T02:30:00-04:00"},
			},
		},
		{
			name: "a whole gap of slots is one slot keyed by the latest",
			spec: "*/15 2 * * *", after: "2025-03-09T00:00:00-05:00", upTo: "2025-03-09T23:00:00-04:00",
			want: []wantSlot{
				{"2025-03-09T02:45 America/New_York", "2025-03-09T03:00:00-04:00"},
			},
		},
		{
			name: "a gap slot merges into the slot at the end of the gap",
			spec: "0 2,3 * * *", after: "2025-03-09T00:00:00-05:00", upTo: "2025-03-09T23:00:00-04:00",
			want: []wantSlot{
				{"2025-03-09T03:00 America/New_York", "2025-03-09T03:00:00-04:00"},
			},
		},
		{
			name: "after inside the repeated hour: the next slot is after it",
			spec: "*/20 * * * *", after: "2025-11-02T01:10:00-05:00", upTo: "2025-11-02T02:30:00-05:00",
			want: []wantSlot{
				{"2025-11-02T02:00 America/New_York", "2025-11-02T02:00:00-05:00"},
				{"2025-11-02T02:20 America/New_York", "2025-11-02T02:20:00-05:00"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustParse(t, tt.spec, ny)
			got := s.Between(mustTime(t, tt.after), mustTime(t, tt.upTo), 100)
			checkSlots(t, got, tt.want)
			// Next, stepped slot by slot, agrees with Between.
			stepped := s.Upcoming(mustTime(t, tt.after), len(tt.want))
			checkSlots(t, stepped, tt.want)
		})
	}
}

func checkSlots(t *testing.T, got []Slot, want []wantSlot) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d slots %v, want %d", len(got), slotKeys(got), len(want))
	}
	for i, w := range want {
		if got[i].Key != w.key {
			t.Errorf("slot %d key = %q, want %q", i, got[i].Key, w.key)
		}
		if at := mustTime(t, w.at); !got[i].At.Equal(at) {
			t.Errorf("slot %d (%s) at %s, want %s", i, w.key, got[i].At, at)
		}
	}
}

func slotKeys(slots []Slot) []string {
	keys := make([]string, len(slots))
	for i, s := range slots {
		keys[i] = s.Key
	}
	return keys
}

// TestHourlyAcrossDST: no hour is doubled on the fall-back day and no run is
// lost on the spring-forward day.
func TestHourlyAcrossDST(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	s := mustParse(t, "0 * * * *", ny)
	tests := []struct {
		name      string
		day       string // midnight that starts the day
		nextDay   string
		wantSlots int
		wantHours []int // the wall hours keyed, in order
	}{
		{"fall back: 25 real hours, 24 slots", "2025-11-02T00:00:00-04:00", "2025-11-03T00:00:00-05:00", 24, hoursExcept(-1)},
		{"spring forward: 23 real hours, 23 slots", "2025-03-09T00:00:00-05:00", "2025-03-10T00:00:00-04:00", 23, hoursExcept(2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// From just before midnight, so midnight itself is included.
			slots := s.Between(mustTime(t, tt.day).Add(-time.Second), mustTime(t, tt.nextDay).Add(-time.Second), 100)
			if len(slots) != tt.wantSlots {
				t.Fatalf("got %d slots %v, want %d", len(slots), slotKeys(slots), tt.wantSlots)
			}
			seen := map[string]bool{}
			for i, slot := range slots {
				if seen[slot.Key] {
					t.Errorf("key %s twice", slot.Key)
				}
				seen[slot.Key] = true
				if slot.Wall.Hour() != tt.wantHours[i] {
					t.Errorf("slot %d is wall hour %d, want %d", i, slot.Wall.Hour(), tt.wantHours[i])
				}
				if i > 0 && !slot.At.After(slots[i-1].At) {
					t.Errorf("slot %s at %s does not come after %s", slot.Key, slot.At, slots[i-1].At)
				}
				// Every slot runs at a real instant showing its wall time,
				// or (spring day) the first instant after the gap.
				if !wallOf(slot.At, ny).Equal(slot.Wall) {
					t.Errorf("slot %s runs at %s, which does not show its wall time", slot.Key, slot.At)
				}
			}
		})
	}
}

func hoursExcept(skip int) []int {
	var hours []int
	for h := range 24 {
		if h != skip {
			hours = append(hours, h)
		}
	}
	return hours
}
