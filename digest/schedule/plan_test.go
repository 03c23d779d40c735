package schedule

import (
	"testing"
	"time"
)

func TestPlan(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	type skip struct{ key, reason string }
	tests := []struct {
		name        string
		spec        string
		since, now  string
		window      time.Duration
		wantRun     string // key; "" for none
		wantSkipped []skip
	}{
		{
			name: "missed slot inside the window runs",
			spec: "0 8 * * *", since: "2025-06-01T07:00:00-04:00", now: "2025-06-01T10:00:00-04:00", window: 6 * time.Hour,
			wantRun: "2025-06-01T08:00 America/New_York",
		},
		{
			name: "missed slot outside the window is skipped",
			spec: "0 8 * * *", since: "2025-06-01T07:00:00-04:00", now: "2025-06-01T15:10:00-04:00", window: 6 * time.Hour,
			wantSkipped: []skip{{"2025-06-01T08:00 America/New_York", "missed by 7h10m: older than the 6h catch-up window"}},
		},
		{
			name: "several missed: the newest runs, older ones are out of the window",
			spec: "0 8 * * *", since: "2025-05-29T09:00:00-04:00", now: "2025-06-01T09:30:00-04:00", window: 6 * time.Hour,
			wantRun: "2025-06-01T08:00 America/New_York",
			wantSkipped: []skip{
				{"2025-05-30T08:00 America/New_York", "missed by 2d1h30m: older than the 6h catch-up window"},
				{"2025-05-31T08:00 America/New_York", "missed by 1d1h30m: older than the 6h catch-up window"},
			},
		},
		{
			name: "several missed inside the window: the newest supersedes the rest",
			spec: "0 * * * *", since: "2025-06-01T07:30:00-04:00", now: "2025-06-01T10:30:00-04:00", window: 6 * time.Hour,
			wantRun: "2025-06-01T10:00 America/New_York",
			wantSkipped: []skip{
				{"2025-06-01T08:00 America/New_York", "superseded by the later slot 2025-06-01T10:00 America/New_York"},
				{"2025-06-01T09:00 America/New_York", "superseded by the later slot 2025-06-01T10:00 America/New_York"},
			},
		},
		{
			name: "nothing due",
			spec: "0 8 * * *", since: "2025-06-01T08:00:00-04:00", now: "2025-06-01T09:00:00-04:00", window: 6 * time.Hour,
		},
		{
			name: "a slot exactly at now is due",
			spec: "0 8 * * *", since: "2025-06-01T07:59:00-04:00", now: "2025-06-01T08:00:00-04:00", window: 0,
			wantRun: "2025-06-01T08:00 America/New_York",
		},
		{
			name: "a slot exactly at the window's edge runs",
			spec: "0 8 * * *", since: "2025-06-01T07:00:00-04:00", now: "2025-06-01T14:00:00-04:00", window: 6 * time.Hour,
			wantRun: "2025-06-01T08:00 America/New_York",
		},
		{
			name: "now before since plans nothing",
			spec: "0 8 * * *", since: "2025-06-02T07:00:00-04:00", now: "2025-06-01T09:00:00-04:00", window: 6 * time.Hour,
		},
		{
			name: "zero since: only the latest slot is considered",
			spec: "0 8 * * *", since: "", now: "2025-06-01T09:00:00-04:00", window: time.Hour,
			wantRun: "2025-06-01T08:00 America/New_York",
		},
		{
			name: "zero since, latest slot too old",
			spec: "0 8 * * *", since: "", now: "2025-06-01T20:00:00-04:00", window: 6 * time.Hour,
			wantSkipped: []skip{{"2025-06-01T08:00 America/New_York", "missed by 12h: older than the 6h catch-up window"}},
		},
		{
			name: "across the fall-back night: the repeated 01:30 is not a second slot",
			spec: "30 1 * * *", since: "2025-11-01T12:00:00-04:00", now: "2025-11-02T03:00:00-05:00", window: 6 * time.Hour,
			wantRun: "2025-11-02T01:30 America/New_York",
		},
		{
			name: "across the spring-forward night: 02:30 is due at 03:00",
			spec: "30 2 * * *", since: "2025-03-09T01:00:00-05:00", now: "2025-03-09T03:00:00-04:00", window: 0,
			wantRun: "2025-03-09T02:30 America/New_York",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustParse(t, tt.spec, ny)
			var since time.Time
			if tt.since != "" {
				since = mustTime(t, tt.since)
			}
			got := Plan(s, since, mustTime(t, tt.now), tt.window)
			switch {
			case tt.wantRun == "" && got.Run != nil:
				t.Errorf("Run = %s, want none", got.Run.Key)
			case tt.wantRun != "" && got.Run == nil:
				t.Errorf("Run = none, want %s", tt.wantRun)
			case tt.wantRun != "" && got.Run.Key != tt.wantRun:
				t.Errorf("Run = %s, want %s", got.Run.Key, tt.wantRun)
			}
			if len(got.Skipped) != len(tt.wantSkipped) {
				t.Fatalf("Skipped = %v, want %v", got.Skipped, tt.wantSkipped)
			}
			for i, w := range tt.wantSkipped {
				if got.Skipped[i].Slot.Key != w.key || got.Skipped[i].Reason != w.reason {
					t.Errorf("Skipped[%d] = %s %q, want %s %q", i, got.Skipped[i].Slot.Key, got.Skipped[i].Reason, w.key, w.reason)
				}
			}
			if got.Omitted != 0 || got.OmittedAtLeast {
				t.Errorf("Omitted = %d (at least %v), want 0", got.Omitted, got.OmittedAtLeast)
			}
		})
	}
}

// TestPlanBoundsTheSkipList: a minutely schedule down for 30 days misses
// 43,200 slots; one runs, the newest 100 others are listed, the rest counted.
func TestPlanBoundsTheSkipList(t *testing.T) {
	s := mustParse(t, "* * * * *", time.UTC)
	since := mustTime(t, "2025-06-01T00:00:00Z")
	now := since.Add(30 * 24 * time.Hour)
	const due = 30 * 24 * 60

	got := Plan(s, since, now, 6*time.Hour)
	if got.Run == nil || !got.Run.At.Equal(now) {
		t.Fatalf("Run = %v, want the slot at %s", got.Run, now)
	}
	if len(got.Skipped) != SkipListLimit {
		t.Fatalf("listed %d skipped slots, want %d", len(got.Skipped), SkipListLimit)
	}
	for i, skip := range got.Skipped {
		if want := now.Add(-time.Duration(SkipListLimit-i) * time.Minute); !skip.Slot.At.Equal(want) {
			t.Fatalf("Skipped[%d] at %s, want %s (the newest, oldest first)", i, skip.Slot.At, want)
		}
	}
	if want := due - 1 - SkipListLimit; got.Omitted != want || got.OmittedAtLeast {
		t.Errorf("Omitted = %d (at least %v), want exactly %d", got.Omitted, got.OmittedAtLeast, want)
	}
}

func TestPlanCountLimit(t *testing.T) {
	s := mustParse(t, "0 * * * *", time.UTC)
	since := mustTime(t, "2025-06-01T00:00:00Z")
	now := mustTime(t, "2025-06-03T00:00:00Z") // 48 slots due
	tests := []struct {
		listLimit, countMax int
		wantListed          int
		wantOmitted         int
		wantAtLeast         bool
	}{
		{listLimit: 5, countMax: 100, wantListed: 5, wantOmitted: 42},
		{listLimit: 5, countMax: 42, wantListed: 5, wantOmitted: 42},
		{listLimit: 5, countMax: 10, wantListed: 5, wantOmitted: 10, wantAtLeast: true},
		{listLimit: 47, countMax: 10, wantListed: 47, wantOmitted: 0},
		{listLimit: 100, countMax: 10, wantListed: 47, wantOmitted: 0},
	}
	for _, tt := range tests {
		got := plan(s, since, now, time.Hour, tt.listLimit, tt.countMax)
		if got.Run == nil {
			t.Fatalf("list %d count %d: no run", tt.listLimit, tt.countMax)
		}
		if len(got.Skipped) != tt.wantListed || got.Omitted != tt.wantOmitted || got.OmittedAtLeast != tt.wantAtLeast {
			t.Errorf("list %d count %d: listed %d, omitted %d (at least %v); want %d, %d (%v)",
				tt.listLimit, tt.countMax, len(got.Skipped), got.Omitted, got.OmittedAtLeast, tt.wantListed, tt.wantOmitted, tt.wantAtLeast)
		}
	}
}

func TestPlanNilSchedule(t *testing.T) {
	got := Plan(nil, time.Time{}, time.Now(), time.Hour)
	if got.Run != nil || got.Skipped != nil {
		t.Errorf("Plan(nil) = %+v, want nothing", got)
	}
}

func TestHumanDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0s"},
		{45 * time.Second, "45s"},
		{59*time.Second + 600*time.Millisecond, "1m"},
		{6 * time.Hour, "6h"},
		{7*time.Hour + 10*time.Minute + 20*time.Second, "7h10m"},
		{49*time.Hour + 30*time.Minute, "2d1h30m"},
		{72 * time.Hour, "3d"},
		{-90 * time.Minute, "-1h30m"},
	}
	for _, tt := range tests {
		if got := humanDuration(tt.d); got != tt.want {
			t.Errorf("humanDuration(%s) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
