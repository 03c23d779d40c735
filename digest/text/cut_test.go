package text

import "testing"

func TestCutAtWord(t *testing.T) {
	tests := []struct {
		s    string
		max  int
		want string
	}{
		{"short enough", 20, "short enough"},
		{"Harbour reopens · Ferry fares rise · Lighthouse relit", 30, "Harbour reopens · Ferry fares…"},
		{"averyveryverylongwordwithoutspaces", 10, "averyveryv…"},
	}
	for _, tt := range tests {
		if got := CutAtWord(tt.s, tt.max); got != tt.want {
			t.Errorf("CutAtWord(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
		}
	}
}
