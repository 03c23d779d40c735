package clean

import (
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// The headline is told from the other headline-shaped lines above the
// body by what it is: it shares more of the story's words than a
// caption, a byline and date follow it, the page repeats it in a share
// row, and a menu printed twice is not a headline printed twice. The
// pages are made up.
func TestHeadlineAmongHeadLines(t *testing.T) {
	body := strings.Join([]string{
		"The Riverside public library reopened on Saturday after a renovation that took two years and added a reading garden on its roof, the city council said.",
		"Visitors queued along the river before the doors opened, and the council said more than two thousand people came through the library on its first day.",
		"The rooftop garden has benches, shade trees and a small stage for readings, and the library plans to hold story hours there through the summer months.",
		"The renovation cost the city eleven million, most of it for a new roof strong enough to carry the garden, and was finished a month ahead of schedule.",
	}, "\n\n")
	menu := "Home\n\nThe City Council\n\nWeather\n\nSports\n\n"
	tests := []struct {
		name, head, title string
	}{
		{"shared words outweigh a caption's nearness",
			"Riverside library reopens with rooftop reading garden after renovation\n\nMore photos\n\nBenches and shade trees in the rooftop garden\n\n",
			"Riverside library reopens with rooftop reading garden after renovation"},
		{"a byline and a date follow the headline, not the caption",
			"Riverside library reopens with garden\n\nBy Jane Doe\n\nJune 3, 2024\n\nVisitors queue along the river for the library reopening\n\n",
			"Riverside library reopens with garden"},
		{"a menu printed twice is not a headline printed twice",
			menu + menu + "Riverside library reopens after years of delay\n\n",
			"Riverside library reopens after years of delay"},
		{"a share row repeats the headline",
			"Riverside library reopens, and visitors find a quiet roof\n\nThe rooftop garden opens for readings\n\nWeather\n\nShare this story: Riverside library reopens, and visitors find a quiet roof\n\n",
			"Riverside library reopens, and visitors find a quiet roof"},
		{"a head set in capitals still has its headline",
			"NEWS\n\nRIVERSIDE LIBRARY REOPENS WITH A ROOFTOP GARDEN\n\nBY JANE DOE\n\n",
			"RIVERSIDE LIBRARY REOPENS WITH A ROOFTOP GARDEN"},
		{"capitals confirm a headline also printed in mixed case",
			"RIVERSIDE LIBRARY REOPENS WITH A ROOFTOP GARDEN\n\nRiverside library reopens with a rooftop garden\n\nBy Jane Doe\n\n",
			"Riverside library reopens with a rooftop garden"},
		{"a teaser cut short is no headline",
			"Riverside library reopens with rooftop garden\n\nRiverside library rooftop garden draws visitors as the council plans more gardens on the roofs of the city…\n\n",
			"Riverside library reopens with rooftop garden"},
		{"a headline worded as a sentence opens the body",
			"Sign in\n\nCity Council News\n\nIs the Riverside library garden on the roof worth two years and eleven million for the city?\n\n",
			"Is the Riverside library garden on the roof worth two years and eleven million for the city?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Article(digest.Document{Name: "x.txt", Text: tt.head + body}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
		})
	}
}
