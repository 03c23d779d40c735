package clean

import (
	"slices"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

const football = "United clinched the league title on Saturday with a 3-1 win over Rovers, their striker scoring twice in the second half before a sell-out crowd that sang long after the final whistle."

func TestUnrelatedParagraph(t *testing.T) {
	doc := readFixture(t, "unrelated.txt")
	tests := []struct {
		name  string
		theme digest.Theme
		want  []string
	}{
		{"with the theme", transport, []string{football}},
		// One signal alone is too weak to act on: nothing is removed.
		{"without a theme", digest.Theme{}, nil},
		{"with a theme too thin to judge by", digest.Theme{Name: "Buses", Keywords: []string{"bus", "tram"}}, nil},
		{"with a theme the article does not touch", digest.Theme{
			Name:        "Beekeeping",
			Description: "Honey bees, hives, swarms, pollination, queens, wax and the people who keep bees.",
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Article(doc, Options{Theme: tt.theme})
			if err != nil {
				t.Fatal(err)
			}
			var unrelated []string
			for _, r := range a.Removed {
				if r.Reason == ReasonUnrelated {
					unrelated = append(unrelated, r.Text)
				}
			}
			if !slices.Equal(unrelated, tt.want) {
				t.Errorf("removed as unrelated: %q, want %q", unrelated, tt.want)
			}
			if len(a.Paragraphs)+len(unrelated) != 7 {
				t.Errorf("%d paragraphs left and %d removed, want 7 in all", len(a.Paragraphs), len(unrelated))
			}
		})
	}
}

// TestUnrelatedKeepsOnTopicParagraphs runs the rule over every run of
// consecutive paragraphs of an on-topic article: none may be removed,
// however the article is cut.
func TestUnrelatedKeepsOnTopicParagraphs(t *testing.T) {
	for start := 0; start < len(busParagraphs); start++ {
		for end := start + minParagraphs; end <= len(busParagraphs); end++ {
			text := "Rapid Bus Line Opens\n\n" + strings.Join(busParagraphs[start:end], "\n\n")
			a, err := Article(digest.Document{Name: "x.txt", Text: text}, Options{Theme: transport})
			if err != nil {
				t.Fatal(err)
			}
			if a.Removed != nil {
				t.Errorf("paragraphs %d–%d: removed %q", start, end, a.Removed)
			}
		}
	}
}

const bakery = "The bakery on Mill Street won a national prize for its rye bread, beating two hundred entries after judges praised the crust, the crumb and the sourdough starter it has kept for forty years."

// busParagraphs are on-topic paragraphs for the cap test.
var busParagraphs = []string{
	"The city opened its first rapid bus line on Monday, linking the university campus with the central station in under twenty minutes along dedicated bus lanes.",
	"Transport officials said the rapid bus line would carry 30,000 passengers a day within a year, taking pressure off the crowded tram routes through the old town.",
	"The buses run every five minutes at peak times and stop at eleven stations with raised platforms, so passengers board the bus as quickly as a tram.",
	"A second rapid bus line, to the airport, is planned for 2027 if passenger numbers on the first bus line meet expectations.",
	"Bus drivers on the new line were trained for a month on the longer vehicles, which carry 150 passengers and run on electricity from the city's own grid.",
	"Passengers on the first day praised the speed of the rapid bus but complained that the ticket machines at two stations were not yet working.",
	"The transport office said real-time bus departure screens would be installed at every station on the line by the end of the month.",
	"Cyclists will share two short stretches of the bus lanes near the campus, a compromise the transport office reached with cycling groups last year.",
}

// TestUnrelatedRemovesOnlyASmallShare checks the cap: of two paragraphs
// from other stories, both go from a long article but only one from a
// short one, where both would be too large a share.
func TestUnrelatedRemovesOnlyASmallShare(t *testing.T) {
	tests := []struct {
		name    string
		onTopic int
		want    int
	}{
		{"short article", 4, 1},
		{"long article", 8, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paras := append([]string{}, busParagraphs[:tt.onTopic]...)
			paras = slices.Insert(paras, 1, football)
			paras = slices.Insert(paras, 3, bakery)
			a, err := Article(digest.Document{Name: "x.txt", Text: "Rapid Bus Line Opens\n\n" + strings.Join(paras, "\n\n")}, Options{Theme: transport})
			if err != nil {
				t.Fatal(err)
			}
			if removed := len(paras) - len(a.Paragraphs); removed != tt.want {
				t.Errorf("removed %d paragraphs of %d, want %d", removed, len(paras), tt.want)
			}
			for _, r := range a.Removed {
				if r.Reason != ReasonUnrelated || (r.Text != football && r.Text != bakery) {
					t.Errorf("unexpected removal %q", r)
				}
			}
		})
	}
}
