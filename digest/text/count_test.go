package text

import "testing"

func TestCount(t *testing.T) {
	for _, tt := range []struct {
		got, want string
	}{
		{Count(1, "entry", "entries"), "1 entry"},
		{Count(0, "entry", "entries"), "0 entries"},
		{Count(3, "entry", "entries"), "3 entries"},
		{Plural(1, "section"), "1 section"},
		{Plural(2, "section"), "2 sections"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
