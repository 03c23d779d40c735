package summarize

import (
	"testing"
	"time"
)

func TestStaleRelative(t *testing.T) {
	now := time.Date(2026, time.December, 7, 7, 0, 0, 0, time.UTC)
	may2025 := time.Date(2025, time.May, 12, 0, 0, 0, 0, time.UTC)
	nov2026 := time.Date(2026, time.November, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		s         string
		published time.Time
		year      int
		want      bool
	}{
		{"A ferry festival is planned for later this year.", may2025, 0, true},
		{"A ferry festival is planned for later this year.", nov2026, 0, false},
		{"A ferry festival is planned for later this year.", time.Time{}, 2025, true},
		{"A ferry festival is planned for later this year.", time.Time{}, 2026, false},
		{"A ferry festival is planned for later this year.", time.Time{}, 0, true}, // from when?
		{"The council will vote on the plan next month.", nov2026, 0, false},
		{"The council will vote on the plan next month.", may2025, 0, true},
		{"Talks resume tomorrow.", time.Time{}, 0, true},
		{"Fares rose 4% this year.", time.Time{}, 0, false},        // a report, not a plan
		{"Fares will rise again this year.", time.Time{}, 0, true}, // a plan
		{"The harbour opened in 1987.", time.Time{}, 0, false},
		{"Crews expect to finish in the coming weeks.", may2025, 0, true},
		{"Crews expect to finish in the coming weeks.", nov2026, 0, false},
	}
	for _, tt := range tests {
		if got := staleRelative(tt.s, tt.published, tt.year, now); got != tt.want {
			t.Errorf("staleRelative(%q, %v, %d) = %v, want %v", tt.s, tt.published.Format("2006-01-02"), tt.year, got, tt.want)
		}
	}
	if staleRelative("Talks resume tomorrow.", time.Time{}, 0, time.Time{}) {
		t.Error("with no edition date the rule is off")
	}
}
