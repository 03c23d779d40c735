package clean

import (
	"strings"
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
		// Every form by its shape, in any case: place and agency, place
		// and region with a colon, the agency alone, place, date and
		// agency, a mixed-case place with a dash.
		{"Lisbon (Lusa): Dockworkers at the southern terminal walked out for a second day.",
			"Dockworkers at the southern terminal walked out for a second day.", "Lisbon (Lusa):"},
		{"SPRINGFIELD, Ill.: Farmers across the county planted late after weeks of rain.",
			"Farmers across the county planted late after weeks of rain.", "SPRINGFIELD, Ill.:"},
		{"Mombasa, Kenya: The port handled a record tonnage in the last quarter.",
			"The port handled a record tonnage in the last quarter.", "Mombasa, Kenya:"},
		{"(Kyodo) — Engineers finished testing the new tunnel boring machine on Friday.",
			"Engineers finished testing the new tunnel boring machine on Friday.", "(Kyodo) —"},
		{"OSLO, March 3 (NTB) - Ferry crews agreed a wage deal after a night of talks.",
			"Ferry crews agreed a wage deal after a night of talks.", "OSLO, March 3 (NTB) -"},
		{"Port Louis – Fishermen returned to the lagoon once the storm had passed.",
			"Fishermen returned to the lagoon once the storm had passed.", "Port Louis –"},
		// Not datelines: an ordinary opening, an acronym in a sentence,
		// and a dash with too little after it.
		{"NATO and Japan agreed on Monday to run joint patrols across the western Pacific.", "", ""},
		{"A -- B is not a dateline but it is a strange sentence about nothing at all.", "", ""},
		{"NATO -- the next decade", "", ""},
		{"Minister Ana Costa: The budget will be balanced within two years, she said.", "", ""},
	}
	for _, c := range cases {
		art := &digest.Article{}
		units := []unit{{text: c.first}, {text: "The second paragraph stays as it is."}}
		units = cutDateline(units, art)
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

// TestDatelineUnderHeading: a dateline is cut from the first paragraph
// of prose under a kicker, and a dateline standing as its own line goes
// whole.
func TestDatelineUnderHeading(t *testing.T) {
	cases := []struct {
		name  string
		units []unit
		want  []string
	}{
		{"under a kicker", []unit{{text: "Harbour Works", lines: 1}, {text: "VALLETTA (Xinhua) -- Cranes arrived at the quay late on Sunday night."}},
			[]string{"Harbour Works", "Cranes arrived at the quay late on Sunday night."}},
		{"under a caption", []unit{{text: "Divers check the hull at the dry dock in Gdynia."}, {text: "GDYNIA — The shipyard launched its third ferry of the year on a grey morning."}},
			[]string{"Divers check the hull at the dry dock in Gdynia.", "The shipyard launched its third ferry of the year on a grey morning."}},
		{"a line of its own", []unit{{text: "Cordoba, Spain (EFE) —", lines: 1}, {text: "Olive growers expect a smaller harvest after the dry spring."}},
			[]string{"Olive growers expect a smaller harvest after the dry spring."}},
	}
	for _, c := range cases {
		art := &digest.Article{}
		got := cutDateline(c.units, art)
		var texts []string
		for _, u := range got {
			texts = append(texts, u.text)
		}
		if strings.Join(texts, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: got %q, want %q", c.name, texts, c.want)
		}
		if len(art.Removed) != 1 || art.Removed[0].Reason != ReasonDateline {
			t.Errorf("%s: removed %+v, want one dateline", c.name, art.Removed)
		}
	}
}
