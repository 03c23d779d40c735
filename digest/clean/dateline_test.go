package clean

import (
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

func TestCutDateline(t *testing.T) {
	cases := []struct {
		first, want, removed string
	}{
		{"PINE RIDGE, S.D. (AP) -- President Clinton turned the attention of his tour to the reservations.",
			"President Clinton turned the attention of his tour to the reservations.", "PINE RIDGE, S.D. (AP) --"},
		{"BEIJING (AP) _ A thousand retirees disrupted traffic in a central Chinese city on Tuesday.",
			"A thousand retirees disrupted traffic in a central Chinese city on Tuesday.", "BEIJING (AP) _"},
		{"WASHINGTON (AP -- Rising ocean temperatures are threatening to push salmon out of the Pacific.",
			"Rising ocean temperatures are threatening to push salmon out of the Pacific.", "WASHINGTON (AP --"},
		{"BUFFALO, N.Y. (AP) - For the first 15 years of their farming lives, the Thorpes relied on pesticides.",
			"For the first 15 years of their farming lives, the Thorpes relied on pesticides.", "BUFFALO, N.Y. (AP) -"},
		// Not datelines: an ordinary opening, an acronym in a sentence,
		// and a dash with too little after it.
		{"NATO and Japan agreed on Monday to run joint patrols across the western Pacific.", "", ""},
		{"A -- B is not a dateline but it is a strange sentence about nothing at all.", "", ""},
		{"NATO -- the next decade", "", ""},
	}
	for _, c := range cases {
		art := &digest.Article{}
		units := []unit{{text: c.first}, {text: "The second paragraph stays as it is."}}
		cutDateline(units, art)
		want := c.want
		if want == "" {
			want = c.first
		}
		if units[0].text != want {
			t.Errorf("%q: got %q, want %q", c.first, units[0].text, want)
		}
		if c.removed == "" {
			if len(art.Removed) != 0 {
				t.Errorf("%q: recorded a removal: %+v", c.first, art.Removed)
			}
			continue
		}
		if len(art.Removed) != 1 || art.Removed[0].Text != c.removed || art.Removed[0].Reason != ReasonDateline {
			t.Errorf("%q: removal %+v, want %q", c.first, art.Removed, c.removed)
		}
	}
}
