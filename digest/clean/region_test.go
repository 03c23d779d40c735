package clean

import "testing"

func TestIsListRow(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Harbours · Ferries · Weather", true},
		{"Filed under — Ports, Shipping, Winter, Islands", true},
		{"Topics: Ferries, Skarholm, Fares, Timetables", true},
		{"Ferries, Buses, Trams", false}, // three names may be a headline's
		{"Skarholm, Vardø, Tromsø and Bodø ferries cut winter crossings", false},
		{"Lighthouse on Skarholm shines again", false},
		{"Old, new, borrowed, blue", false}, // not names
	}
	for _, tt := range tests {
		if got := isListRow(tt.s); got != tt.want {
			t.Errorf("isListRow(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
