package cleaning

import (
	"slices"
	"testing"
)

func TestStripSiteName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Storm closes port for a week | The Harbour Courier", "Storm closes port for a week"},
		{"Ferry back | The Harbour Courier", "The Harbour Courier"}, // the longest part, even when it is the site
		{"World :: Storm closes the old port for a week", "Storm closes the old port for a week"},
		{"Courier — Storm closes port - Live", "Storm closes port"},
		{"Storm closes port", "Storm closes port"},
		{"A-list star opens fair", "A-list star opens fair"},
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.in); got != tt.want {
			t.Errorf("stripSiteName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSameTitle(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Storm closes port", "STORM CLOSES PORT | Courier", true},
		{"Storm closes port", "Storm closes the port", true},         // F1 0.86
		{"Storm closes port", "Storm closes port for a week", false}, // F1 0.67
		{"Storm closes port", "Storm closes the old port for a week", false},
		{"Brexit - what happens now", "Brexit - what happens now", true},
		{"Sign In", "Storm closes port", false},
	}
	for _, tt := range tests {
		if got := sameTitle(tt.a, tt.b); got != tt.want {
			t.Errorf("sameTitle(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestReadPageTitles(t *testing.T) {
	tests := []struct {
		name     string
		page     string
		visible  string
		refs     []string
		disagree bool
	}{
		{
			name:    "og and shown h1; a hidden dialog's h1 left out",
			page:    `<html><head><meta property="og:title" content="Storm closes port | Courier"><title>x</title></head><body><h1>Storm  closes <em>port</em></h1><div hidden><h1>Sign In</h1></div></body></html>`,
			visible: "Menu\nStorm closes port\nThe storm…",
			refs:    []string{"Storm closes port | Courier", "Storm closes port"},
		},
		{
			name:     "og and h1 disagree",
			page:     `<html><head><meta property="og:title" content="Ferry back"></head><body><h1>City News</h1></body></html>`,
			visible:  "City News",
			refs:     []string{"Ferry back", "City News"},
			disagree: true,
		},
		{
			name: "only a title element",
			page: `<html><head><title>Ferry back</title></head><body><p>x</p></body></html>`,
			refs: []string{"Ferry back"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pt, err := ReadPageTitles([]byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			pt.ShownOnly(tt.visible)
			if got := pt.References(); !slices.Equal(got, tt.refs) {
				t.Errorf("references %q, want %q", got, tt.refs)
			}
			if pt.Disagree() != tt.disagree {
				t.Errorf("disagree = %v", pt.Disagree())
			}
		})
	}
}
