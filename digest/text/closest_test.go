package text

import "testing"

func TestClosest(t *testing.T) {
	names := []string{"status", "send", "sources", "subscribers"}
	for _, tc := range []struct{ in, want string }{
		{"statu", "status"},
		{"sned", "send"},
		{"source", "sources"},
		{"status", ""},
		{"frobnicate", ""},
	} {
		if got := Closest(tc.in, names); got != tc.want {
			t.Errorf("Closest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
