package clean

import (
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// A made-up story and the page furniture of each kind around it: every
// case must come out as the headline and the three paragraphs, nothing
// else, whatever stands around them.
func TestFurnitureByWhatItIs(t *testing.T) {
	const (
		headline = "Council ends subsidy for the old town river ferry"
		p1       = "The river ferry that links the two halves of the old town will stop running at the end of the month, the operator said on Tuesday, after the council declined to renew the subsidy that has kept it going for a decade."
		p2       = "Passengers who rely on the crossing to reach the hospital and the market on the far bank said they had not been told what would replace it, and several said they would have to drive the long way round through the bridge traffic."
		p3       = "The council said it would look at a bus link instead, but that any decision would have to wait until the budget for next year had been agreed in the spring."
	)
	story := p1 + "\n\n" + p2 + "\n\n" + p3
	cases := []struct {
		name, text, title string
	}{
		{"a caption sentence between paragraphs",
			headline + "\n\n" + p1 + "\n\nHarbour master Tomas Weller stands beside the moored vessel in Riverton.\n\n" + p2 + "\n\n" + p3, headline},
		{"a caption of a scene",
			headline + "\n\n" + p1 + "\n\nGulls over the slipway at dusk.\n\n" + p2 + "\n\n" + p3, headline},
		{"a labelled caption",
			headline + "\n\n" + p1 + "\n\nAbove: the quay at first light\n\n" + p2 + "\n\n" + p3, headline},
		{"a crumb trail above the headline",
			"Home › Regional › Transport\n\n" + headline + "\n\n" + story, headline},
		{"widgets between paragraphs",
			headline + "\n\n" + p1 + "\n\nAudio version ▶ 3:12\n\nText size A A A\n\nSaved to your list\n\n" + p2 + "\n\n" + p3, headline},
		{"header lines glued by single newlines",
			"Updated 4 hours ago\nWeather 12°C Cloudy\n" + headline + "\n" + p1 + "\n" + p2 + "\n" + p3, headline},
		{"a furniture line above the headline",
			"Weather 12°C Cloudy\n\n" + headline + "\n\n" + story, headline},
		{"an upper-case copy of the headline confirms it",
			"Printable version\n\n" + strings.ToUpper(headline) + "\n\nNewsletter preferences\n\n" + headline + "\n\n" + story, headline},
		{"no headline: the first sentence, cut",
			"Printable version\n\nWeather 12°C Cloudy\n\n" + story,
			"The river ferry that links the two halves of the old town will stop running at the end of the…"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := Article(digest.Document{Name: "x.txt", Text: c.text}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != c.title {
				t.Errorf("title = %q, want %q", a.Title, c.title)
			}
			want := []string{p1, p2, p3}
			if strings.Join(a.Paragraphs, "\n") != strings.Join(want, "\n") {
				t.Errorf("body:\n%s\nwant:\n%s", strings.Join(a.Paragraphs, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
