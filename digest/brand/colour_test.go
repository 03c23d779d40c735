package brand

import (
	"math"
	"strings"
	"testing"
)

func TestParseColour(t *testing.T) {
	tests := []struct {
		in      string
		want    Colour
		wantErr bool
	}{
		{"#ffffff", Colour{255, 255, 255}, false},
		{"#FFF", Colour{255, 255, 255}, false},
		{"#1d4ed8", Colour{0x1d, 0x4e, 0xd8}, false},
		{" #abc ", Colour{0xaa, 0xbb, 0xcc}, false},
		{"#000", Colour{}, false},
		{"ffffff", Colour{}, true},
		{"red", Colour{}, true},
		{"#ffff", Colour{}, true},
		{"#gggggg", Colour{}, true},
		{"#-12345", Colour{}, true},
		{"", Colour{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseColour(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseColour(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestContrast(t *testing.T) {
	tests := []struct {
		a, b string
		want float64 // to two decimals
	}{
		{"#000000", "#ffffff", 21},
		{"#ffffff", "#000000", 21},
		{"#ffffff", "#ffffff", 1},
		{"#777777", "#ffffff", 4.48},
		{"#767676", "#ffffff", 4.54},
		{"#1d4ed8", "#ffffff", 6.70},
		{"#ffcc00", "#ffffff", 1.51},
		{"#ff0000", "#ffffff", 4.00},
		{"#0000ff", "#ffffff", 8.59},
	}
	for _, tt := range tests {
		t.Run(tt.a+" on "+tt.b, func(t *testing.T) {
			got := Contrast(mustColour(t, tt.a), mustColour(t, tt.b))
			if math.Abs(got-tt.want) > 0.005 {
				t.Errorf("Contrast = %.4f, want %.2f", got, tt.want)
			}
		})
	}
}

func TestCheckContrast(t *testing.T) {
	tests := []struct {
		accent, background string
		wantErr            string // "" for none
	}{
		{"#1d4ed8", "#ffffff", ""},
		{"#767676", "#fff", ""},
		{"#000", "#fff", ""},
		{"#ffcc00", "#ffffff", "accent colour #ffcc00 on #ffffff has contrast 1.5:1, below the 4.5:1 WCAG AA needs for text"},
		{"#777777", "#FFFFFF", "accent colour #777777 on #ffffff has contrast 4.48:1, below the 4.5:1 WCAG AA needs for text"},
		{"#1d4ed8", "#111827", "accent colour #1d4ed8 on #111827 has contrast 2.6:1"}, // dark mode,
		{"blue", "#ffffff", `accent colour "blue": want #rgb or #rrggbb`},
		{"#1d4ed8", "white", `background colour "white"`},
	}
	for _, tt := range tests {
		t.Run(tt.accent+" on "+tt.background, func(t *testing.T) {
			err := Check(tt.accent, tt.background)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Check = %v, want no error", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Check = %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestRatio(t *testing.T) {
	tests := []struct {
		r, need float64
		want    string
	}{
		{21, 4.5, "21"},
		{1.512, 4.5, "1.5"},
		{4.478, 4.5, "4.48"},
		{4.4999, 4.5, "4.4999"},
		{4.54, 4.5, "4.5"},
		{4.5, 0, "4.5"},
		{10.04, 4.5, "10"},
	}
	for _, tt := range tests {
		if got := ratio(tt.r, tt.need); got != tt.want {
			t.Errorf("ratio(%v, %v) = %q, want %q", tt.r, tt.need, got, tt.want)
		}
	}
}

func mustColour(t *testing.T, s string) Colour {
	t.Helper()
	c, err := ParseColour(s)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
