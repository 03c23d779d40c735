package schedule

import (
	"testing"
	"time"
	_ "time/tzdata" // the tests need zones even where the system has none
)

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

func mustTime(t *testing.T, rfc3339 string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, rfc3339)
	if err != nil {
		t.Fatalf("parse %s: %v", rfc3339, err)
	}
	return at
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name string
		zone string
		wall string // a wall-clock time, written as UTC
		want string // the instant it runs
	}{
		{"ordinary time", "America/New_York", "2025-06-01T08:00:00Z", "2025-06-01T08:00:00-04:00"},
		{"winter time", "America/New_York", "2025-01-15T08:00:00Z", "2025-01-15T08:00:00-05:00"},
		{"repeated hour: first occurrence (EDT)", "America/New_York", "2025-11-02T01:30:00Z", "2025-11-02T01:30:00-04:00"},
		{"start of repeated hour", "America/New_York", "2025-11-02T01:00:00Z", "2025-11-02T01:00:00-04:00"},
		{"just after repeated hour", "America/New_York", "2025-11-02T02:00:00Z", "2025-11-02T02:00:00-05:00"},
		{"inside gap: first instant after it", "America/New_York", "2025-03-09T02:30:00Z", "2025-03-09T03:00:00-04:00"},
		{"start of gap", "America/New_York", "2025-03-09T02:00:00Z", "2025-03-09T03:00:00-04:00"},
		{"end of gap exists", "America/New_York", "2025-03-09T03:00:00Z", "2025-03-09T03:00:00-04:00"},
		{"just before gap", "America/New_York", "2025-03-09T01:59:00Z", "2025-03-09T01:59:00-05:00"},
		{"half-hour gap (Lord Howe)", "Australia/Lord_Howe", "2025-10-05T02:15:00Z", "2025-10-05T02:30:00+11:00"},
		{"half-hour fold (Lord Howe)", "Australia/Lord_Howe", "2025-04-06T01:45:00Z", "2025-04-06T01:45:00+11:00"},
		{"a whole missing day (Samoa 2011)", "Pacific/Apia", "2011-12-30T12:00:00Z", "2011-12-31T00:00:00+14:00"},
		{"no DST at all", "Asia/Tokyo", "2025-03-09T02:30:00Z", "2025-03-09T02:30:00+09:00"},
		{"UTC", "UTC", "2025-03-09T02:30:00Z", "2025-03-09T02:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc := mustLoad(t, tt.zone)
			got := resolve(mustTime(t, tt.wall), loc)
			want := mustTime(t, tt.want)
			if !got.Equal(want) {
				t.Errorf("resolve(%s in %s) = %s, want %s", tt.wall, tt.zone, got, want)
			}
			if got.Location() != loc {
				t.Errorf("resolve returned location %s, want %s", got.Location(), loc)
			}
		})
	}
}

func TestWallOf(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	tests := []struct {
		instant string
		want    string
	}{
		{"2025-11-02T05:30:00Z", "2025-11-02T01:30:00Z"}, // 01:30 EDT
		{"2025-11-02T06:30:00Z", "2025-11-02T01:30:00Z"}, // 01:30 EST: the same wall time again
		{"2025-03-09T07:00:00Z", "2025-03-09T03:00:00Z"},
	}
	for _, tt := range tests {
		got := wallOf(mustTime(t, tt.instant), ny)
		if want := mustTime(t, tt.want); !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("wallOf(%s) = %s, want %s in UTC", tt.instant, got, want)
		}
	}
}
