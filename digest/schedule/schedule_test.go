package schedule

import (
	"strings"
	"testing"
	"time"
)

func mustParse(t *testing.T, spec string, loc *time.Location) *Schedule {
	t.Helper()
	s, err := Parse(spec, loc)
	if err != nil {
		t.Fatalf("Parse(%q): %v", spec, err)
	}
	return s
}

func TestParse(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	tests := []struct {
		spec     string
		wantZone string
		after    string // an instant
		wantNext string // the first slot's instant after it
	}{
		{"30 1 * * *", "America/New_York", "2025-06-01T12:00:00Z", "2025-06-02T01:30:00-04:00"},
		{"  0 8 * * 1-5  ", "America/New_York", "2025-06-06T12:00:00-04:00", "2025-06-09T08:00:00-04:00"},
		{"CRON_TZ=Asia/Tokyo 0 8 * * 1", "Asia/Tokyo", "2025-06-01T00:00:00Z", "2025-06-02T08:00:00+09:00"},
		{"TZ=Europe/Paris @weekly", "Europe/Paris", "2025-06-02T00:00:00Z", "2025-06-08T00:00:00+02:00"},
		{"CRON_TZ=UTC\t@daily", "UTC", "2025-06-02T10:00:00Z", "2025-06-03T00:00:00Z"},
		{"@weekly", "America/New_York", "2025-06-02T00:00:00Z", "2025-06-08T00:00:00-04:00"},
		{"@monthly", "America/New_York", "2025-06-02T00:00:00Z", "2025-07-01T00:00:00-04:00"},
		{"@yearly", "America/New_York", "2025-06-02T00:00:00Z", "2026-01-01T00:00:00-05:00"},
		{"@hourly", "America/New_York", "2025-06-02T10:20:00Z", "2025-06-02T11:00:00Z"},
		{"0 0 29 2 *", "America/New_York", "2025-01-01T00:00:00Z", "2028-02-29T00:00:00-05:00"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			s := mustParse(t, tt.spec, ny)
			if got := s.Location().String(); got != tt.wantZone {
				t.Errorf("zone = %s, want %s", got, tt.wantZone)
			}
			if s.String() != tt.spec {
				t.Errorf("String() = %q, want the spec as given", s.String())
			}
			got := s.Next(mustTime(t, tt.after))
			if want := mustTime(t, tt.wantNext); !got.At.Equal(want) {
				t.Errorf("Next(%s) = %s, want %s", tt.after, got.At, want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		spec    string
		wantErr string
	}{
		{"", "empty spec"},
		{"   ", "empty spec"},
		{"61 * * * *", "above maximum"},
		{"* * * *", "expected exactly 5 fields"},
		{"0 0 * * * *", "expected exactly 5 fields"},
		{"@fortnightly", "unrecognized descriptor"},
		{"@every 1h", "@every is not supported"},
		{"CRON_TZ=UTC @every 5m", "@every is not supported"},
		{"CRON_TZ=Mars/Olympus_Mons 0 * * * *", "time zone"},
		{"CRON_TZ=Asia/Tokyo", "no schedule after the time zone"},
		{"TZ= 0 * * * *", "empty time zone"},
		{"CRON_TZ=UTC TZ=Asia/Tokyo 0 * * * *", "more than one time zone"},
		{"0 0 30 2 *", "never fires"},
		{"0 0 31 4,6,9,11 *", "never fires"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			s, err := Parse(tt.spec, time.UTC)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want an error", tt.spec, s)
			}
			if !strings.Contains(err.Error(), `"`+tt.spec+`"`) {
				t.Errorf("error %q does not name the spec %q", err, tt.spec)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not say %q", err, tt.wantErr)
			}
		})
	}
}

func TestBetweenKeepsTheNewest(t *testing.T) {
	s := mustParse(t, "*/5 * * * *", time.UTC)
	after := mustTime(t, "2025-06-01T00:00:00Z")
	upTo := mustTime(t, "2025-06-03T00:00:00Z") // 576 slots in range
	tests := []struct {
		max       int
		wantFirst string
		wantLen   int
	}{
		{1, "2025-06-03T00:00:00Z", 1},
		{3, "2025-06-02T23:50:00Z", 3},
		{200, "2025-06-02T07:25:00Z", 200},
		{576, "2025-06-01T00:05:00Z", 576},
		{10000, "2025-06-01T00:05:00Z", 576},
		{0, "", 0},
		{-1, "", 0},
	}
	for _, tt := range tests {
		got := s.Between(after, upTo, tt.max)
		if len(got) != tt.wantLen {
			t.Errorf("Between(max %d) returned %d slots, want %d", tt.max, len(got), tt.wantLen)
			continue
		}
		if tt.wantLen == 0 {
			continue
		}
		if want := mustTime(t, tt.wantFirst); !got[0].At.Equal(want) {
			t.Errorf("Between(max %d) starts at %s, want %s", tt.max, got[0].At, want)
		}
		if !got[len(got)-1].At.Equal(upTo) {
			t.Errorf("Between(max %d) ends at %s, want %s", tt.max, got[len(got)-1].At, upTo)
		}
		for i := 1; i < len(got); i++ {
			if got[i].At.Sub(got[i-1].At) != 5*time.Minute {
				t.Fatalf("Between(max %d): %s then %s, want consecutive slots", tt.max, got[i-1].Key, got[i].Key)
			}
		}
	}
	if got := s.Between(upTo, after, 10); got != nil {
		t.Errorf("Between with upTo before after = %v, want none", got)
	}
}

func TestLast(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	tests := []struct {
		spec       string
		atOrBefore string
		want       string // "" for none
	}{
		{"0 8 * * *", "2025-06-01T09:00:00-04:00", "2025-06-01T08:00:00-04:00"},
		{"0 8 * * *", "2025-06-01T08:00:00-04:00", "2025-06-01T08:00:00-04:00"},
		{"0 8 * * *", "2025-06-01T07:59:59-04:00", "2025-05-31T08:00:00-04:00"},
		{"@yearly", "2025-06-01T00:00:00Z", "2025-01-01T00:00:00-05:00"},
		{"0 0 29 2 *", "2025-06-01T00:00:00Z", "2024-02-29T00:00:00-05:00"},
		{"30 2 * * *", "2025-03-09T03:30:00-04:00", "2025-03-09T03:00:00-04:00"},
		{"30 1 * * *", "2025-11-02T01:45:00-05:00", "2025-11-02T01:30:00-04:00"},
	}
	for _, tt := range tests {
		s := mustParse(t, tt.spec, ny)
		got, ok := s.Last(mustTime(t, tt.atOrBefore))
		if !ok {
			t.Errorf("Last(%s) of %q found none, want %s", tt.atOrBefore, tt.spec, tt.want)
			continue
		}
		if want := mustTime(t, tt.want); !got.At.Equal(want) {
			t.Errorf("Last(%s) of %q = %s, want %s", tt.atOrBefore, tt.spec, got.At, want)
		}
	}
}

func TestUpcoming(t *testing.T) {
	s := mustParse(t, "0 9 * * 1", mustLoad(t, "Asia/Tokyo"))
	got := s.Upcoming(mustTime(t, "2025-06-01T00:00:00Z"), 3)
	want := []wantSlot{
		{"2025-06-02T09:00 Asia/Tokyo", "2025-06-02T09:00:00+09:00"},
		{"2025-06-09T09:00 Asia/Tokyo", "2025-06-09T09:00:00+09:00"},
		{"2025-06-16T09:00 Asia/Tokyo", "2025-06-16T09:00:00+09:00"},
	}
	checkSlots(t, got, want)
	if got := s.Upcoming(time.Now(), 0); len(got) != 0 {
		t.Errorf("Upcoming(0) = %v, want none", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{"30 1 * * *", "@weekly", "CRON_TZ=Asia/Tokyo 0 8 * * 1", "TZ=", "CRON_TZ=", "*/0 * * * *", "1-0 * * * *", "@every", "0 0 29 2 *", "L W * * *"} {
		f.Add(seed)
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		f.Fatal(err)
	}
	from := time.Date(2025, 3, 8, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, spec string) {
		s, err := Parse(spec, ny)
		if err != nil {
			return
		}
		slot := s.Next(from)
		if slot.IsZero() {
			t.Fatalf("Parse accepted %q but Next found no slot", spec)
		}
		if !slot.At.After(from) {
			t.Fatalf("Next(%s) of %q = %s, not after", from, spec, slot.At)
		}
	})
}

// A day or month written out in full gets a message that says what to
// write, not robfig's strconv error.
func TestSpecErrorExplained(t *testing.T) {
	_, err := Parse("0 7 * * Monday", time.UTC)
	if err == nil || strings.Contains(err.Error(), "strconv") || !strings.Contains(err.Error(), `"Monday" is not a number or a name`) ||
		!strings.Contains(err.Error(), "SUN-SAT") {
		t.Errorf("error: %v", err)
	}
}
