package render

import (
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// fixtureEdition is a made-up edition covering the cases the renderers
// must handle: a title that needs escaping, an item with no URL (a seeded
// file), unknown date and authors, a section without a summary, and a
// sentence long enough to need wrapping. Each call returns a fresh value.
func fixtureEdition() *digest.Edition {
	return numbered(&digest.Edition{
		ID:      "ed-2024-03-04",
		Key:     "2024-W10",
		Title:   "Harbour & Lighthouse Weekly No. 7 — 4 March 2024",
		Subject: "Harbour & Lighthouse Weekly No. 7 — 4 March 2024",
		WebURL:  "https://digest.example.org/archive/ed-2024-03-04",
		Intro: "Welcome to the **spring** issue, with thanks to [the keepers' guild](https://guild.example/keepers?a=1&b=2).\n\n" +
			"Write to *us* at mailto:editor@example.org or see https://harbour.example/about. <b>Not bold</b> [not a link](javascript:alert(1))",
		Theme:       "Coastal lighthouse automation",
		Language:    "en-GB",
		GeneratedAt: time.Date(2024, 3, 4, 7, 30, 0, 0, time.UTC),
		Preheader:   "Last keepers <script>alert(1)</script> & their lamps · Remote monitoring funded · Solar lamps…",
		Lead: []digest.Sentence{
			{Text: "Three keepers retire as the last manual light goes dark.", ItemID: "a1"},
			{Text: "Solar lamps now power 40% of the northern chain, up from 12% in 2019.", ItemID: "b1"},
		},
		Sections: []digest.Section{
			{
				Title: "Automation",
				Summary: []digest.Sentence{
					{Text: "The board approved €2.4 million for remote monitoring at nine stations.", ItemID: "a2"},
				},
				Items: []digest.Item{
					{
						ID: "a1", Title: "Last keepers <script>alert(1)</script> & their lamps",
						Source: "Coastal Gazette", URL: "https://gazette.example/keepers?id=7&ref=mail",
						Published: "2024-03-01", Authors: []string{"Ada Quill", "Ben Rook"},
						Origin: digest.OriginFeed, Relevance: 0.82,
						Summary: []string{
							"Three keepers retire as the last manual light goes dark.",
							"The station at Gull Point will be run from a control room on the mainland, two hundred kilometres away, from the first of April onwards.",
						},
					},
					{
						ID: "a2", Title: "Remote monitoring funded",
						Source: "", URL: "", Published: "",
						Origin: digest.OriginSeed, Relevance: 0.64,
						Summary: []string{"The board approved €2.4 million for remote monitoring at nine stations."},
					},
				},
			},
			{
				Title: "Power",
				Items: []digest.Item{
					{
						ID: "b1", Title: "Solar lamps spread north",
						Source: "Lamp & Lens", URL: "https://lamplens.example/solar-north",
						Published: "2024-02-27", Origin: digest.OriginWeb, Relevance: 0.51,
						Summary: []string{"Solar lamps now power 40% of the northern chain, up from 12% in 2019."},
					},
				},
			},
		},
		LeftOut: []digest.LeftOut{
			{ID: "x9", Title: "Ferry timetable changes", Source: "Port Notices", Reason: "off theme (score 0.08)"},
		},
		Issue: 7, Words: 120, ReadingMinutes: 1,
	})
}

// numbered numbers the items in reading order and points each lead and
// section sentence at its item, as the pipeline does.
func numbered(e *digest.Edition) *digest.Edition {
	numbers := map[string]int{}
	for s := range e.Sections {
		for i := range e.Sections[s].Items {
			e.Sections[s].Items[i].Number = len(numbers) + 1
			numbers[e.Sections[s].Items[i].ID] = len(numbers) + 1
		}
	}
	for i := range e.Lead {
		e.Lead[i].Ref = numbers[e.Lead[i].ItemID]
	}
	for s := range e.Sections {
		for i := range e.Sections[s].Summary {
			e.Sections[s].Summary[i].Ref = numbers[e.Sections[s].Summary[i].ItemID]
		}
	}
	return e
}

// emptyEdition has every list left nil, as a zero edition would.
func emptyEdition() *digest.Edition {
	return &digest.Edition{ID: "ed-empty", Title: "Empty", Theme: "Nothing yet"}
}

// largeEdition is the biggest edition the pipeline is expected to hand
// over before trimming: 8 sections of 5 items, each item summarised in 3
// sentences of 40 words.
func largeEdition() *digest.Edition {
	sentence := strings.TrimSpace(strings.Repeat("Maritime agencies reported steady progress on lighthouse automation programmes. ", 5))
	sentence = strings.Join(strings.Fields(sentence)[:40], " ") + "."
	e := fixtureEdition()
	e.Sections = nil
	for s := range 8 {
		sec := digest.Section{
			Title:   "Section " + string(rune('A'+s)),
			Summary: []digest.Sentence{{Text: sentence, ItemID: "item-" + string(rune('a'+s)) + "0"}, {Text: sentence, ItemID: "item-" + string(rune('a'+s)) + "1"}},
		}
		for i := range 5 {
			sec.Items = append(sec.Items, digest.Item{
				ID:        "item-" + string(rune('a'+s)) + string(rune('0'+i)),
				Title:     "A reasonably long headline about lighthouse automation and coastal power",
				Source:    "Maritime Times",
				URL:       "https://maritime-times.example/2024/03/04/a-reasonably-long-headline-about-lighthouse-automation",
				Published: "2024-03-04",
				Authors:   []string{"Ada Quill", "Ben Rook"},
				Origin:    digest.OriginFeed,
				Summary:   []string{sentence, sentence, sentence},
			})
		}
		e.Sections = append(e.Sections, sec)
	}
	return numbered(e)
}
