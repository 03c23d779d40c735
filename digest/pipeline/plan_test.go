package pipeline

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/summarize"
)

// The plan fixtures are made up: a digest about river ferries, with
// short sentences so a 70-word lead could hold several of one article.
var ferryTheme = digest.Theme{Name: "River ferries", Description: "Ferry routes, boats and crews on the river.",
	Keywords: []string{"ferry", "river", "crossing", "boat", "crew"}}

var ferryPapers = map[string][]string{
	"dock": {
		"The Harlow ferry crossing reopened on Monday after a month of dredging work.",
		"Engineers removed nine thousand tonnes of silt from the landing stage.",
		"Commuters had faced a forty minute detour through the old bridge district.",
		"The operator will run boats every twelve minutes during the morning peak.",
		"A second landing pontoon is due to open beside the market steps.",
		"Local traders said the closure had cut their weekday takings sharply.",
	},
	"fleet": {
		"Three electric ferries joined the river fleet this week at Carden wharf.",
		"Each boat carries two hundred passengers and forty bicycles.",
		"The batteries recharge in eight minutes while passengers board at either bank.",
		"The council paid for the vessels with a green transport grant.",
		"Diesel boats on the eastern loop will be retired by the end of next year.",
		"Crews spent six weeks training on the new controls.",
	},
	"crew": {
		"Ferry crews on the river voted to accept a new pay deal on Thursday.",
		"The agreement raises deckhand wages by seven percent over two years.",
		"Skippers will also gain an extra rest day in every fortnight.",
		"Union officials said the vote ended months of uncertainty for staff.",
		"Weekend timetables had been trimmed during the dispute.",
		"Full weekend service returns on the first Saturday of next month.",
	},
	"fares": {
		"Ferry fares on the river will rise by ten pence from January.",
		"Season tickets for daily crossing commuters are frozen at this year's price.",
		"The operator blamed higher fuel and insurance costs for the increase.",
		"Children under five will continue to travel free on every boat.",
		"Passenger groups called the rise modest but asked for better shelters.",
	},
	"night": {
		"A late night ferry crossing will run on Fridays and Saturdays this summer.",
		"The last boat will leave the market steps at half past midnight.",
		"Police welcomed the plan as a safer way home from the riverside venues.",
		"The trial will be reviewed after twelve weeks of passenger counts.",
	},
	"review": {
		"The river authority's annual review praised the ferry crossing upgrades.",
		"Dredging cleared the Harlow landing stage of silt for the reopened ferry crossing.",
		"Electric ferries at Carden wharf recharge their batteries while passengers board.",
		"The crews' pay deal restored full weekend ferry service on the river.",
		"Ferry fares rise by ten pence from January while season tickets are frozen.",
		"The late night ferry crossing from the market steps will run on summer weekends.",
		"Ferry ridership on the river grew by a fifth, with cyclists a third of passengers.",
	},
	"pier": {
		"The ferry pier at Oldbury will close for repairs in the spring.",
		"Passengers will board at a temporary pontoon during the works.",
		"The pier's timber piles have rotted below the waterline.",
	},
	"tide": {
		"Spring tides stopped the river ferry crossing twice last week.",
		"High water covered the ramps at both landing stages.",
		"Boats waited offshore until the water fell.",
	},
	"survey": {
		"Ferry ridership on the river grew by a fifth last year, a survey found.",
		"Most new riders said the crossing was faster than driving round the estuary.",
		"Cyclists made up a third of passengers on the busiest boat routes.",
		"The survey asked four thousand riders about punctuality and comfort.",
		"Nine in ten said the crews were helpful and the boats were clean.",
	},
}

// ferryArticle is one of ferryPapers as an article, one sentence a
// paragraph.
func ferryArticle(id string) *digest.Article {
	return &digest.Article{ID: id, Title: "Ferry news: " + id, Publication: "River Gazette",
		Published: time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC), Paragraphs: ferryPapers[id]}
}

// ferrySelection places the named articles in sections, in order, the
// first of each the most relevant.
func ferrySelection(sections map[string][]string, order []string) *selection {
	sel := &selection{}
	for _, title := range order {
		sec := chosenSection{title: title}
		for i, id := range sections[title] {
			sec.items = append(sec.items, chosenItem{art: ferryArticle(id), relevance: 1 - 0.1*float64(i)})
		}
		sel.sections = append(sel.sections, sec)
	}
	return sel
}

func ferryBuilder() *Builder {
	return &Builder{Title: "Ferry Brief", Language: "en", Theme: ferryTheme,
		Limits: digest.Limits{ItemsPerSection: 5, SentencesPerItem: 2, WordsPerItemSummary: 60,
			WordsPerSectionSummary: 80, WordsPerLead: 70}}
}

var at = time.Date(2026, 12, 1, 6, 0, 0, 0, time.UTC)

// engineFor is the engine an edition of sel builds, for what each
// article says alone.
func engineFor(b *Builder, sel *selection) *summarize.Engine {
	var arts []*digest.Article
	for _, sec := range sel.sections {
		for _, it := range sec.items {
			arts = append(arts, it.art)
		}
	}
	return summarize.New(arts, summarize.Options{Query: b.Theme.Query(), Now: at})
}

var planCases = []struct {
	name     string
	sections map[string][]string
	order    []string
}{
	{"one section", map[string][]string{"River": {"dock", "fleet", "crew", "fares"}}, []string{"River"}},
	{"two sections", map[string][]string{"Routes": {"dock", "night", "fares"}, "Boats": {"fleet", "crew"}},
		[]string{"Routes", "Boats"}},
	{"three sections", map[string][]string{"Routes": {"dock", "night"}, "Boats": {"fleet", "crew"}, "Riders": {"survey", "fares"}},
		[]string{"Routes", "Boats", "Riders"}},
}

// leadFrom is the lead's sentences from one article.
func leadFrom(ed *digest.Edition, id string) []string {
	var out []string
	for _, s := range ed.Lead {
		if s.ItemID == id {
			out = append(out, s.Text)
		}
	}
	return out
}

// Each blurb is its article's own best, chosen before the lead and the
// section summaries: what the article says alone, unless the lead named
// its story, which costs it one sentence at most.
func TestBlurbIsChosenFirst(t *testing.T) {
	for _, tc := range planCases {
		t.Run(tc.name, func(t *testing.T) {
			b := ferryBuilder()
			sel := ferrySelection(tc.sections, tc.order)
			ed := b.assemble(sel, identity{id: "e", at: at})
			e := engineFor(b, sel)
			for _, sec := range ed.Sections {
				for _, it := range sec.Items {
					took := leadFrom(ed, it.ID)
					if len(took) > 1 {
						t.Errorf("%s: the lead took %d of its sentences: %q", it.ID, len(took), took)
					}
					if len(took) == 0 {
						if alone := e.Article(it.ID, 2, 60, nil); !slices.Equal(it.Summary, alone) {
							t.Errorf("%s: blurb %q, alone it says %q", it.ID, it.Summary, alone)
						}
					}
				}
			}
		})
	}
}

// When the lead names a story by its article's best sentence, the item's
// blurb moves on to the article's next best, so nothing is read twice.
func TestLeadMovesBlurbOn(t *testing.T) {
	for _, tc := range planCases {
		t.Run(tc.name, func(t *testing.T) {
			b := ferryBuilder()
			sel := ferrySelection(tc.sections, tc.order)
			ed := b.assemble(sel, identity{id: "e", at: at})
			e := engineFor(b, sel)
			if n := len(ed.Lead); n == 0 || n > 3 {
				t.Fatalf("lead of %d sentences, want 1–3: %+v", n, ed.Lead)
			}
			for _, sec := range ed.Sections {
				it := sec.Items[0]
				took := leadFrom(ed, it.ID)
				if len(took) != 1 {
					t.Errorf("%s leads %q but the lead took %d of its sentences", it.ID, sec.Title, len(took))
					continue
				}
				said := summarize.NewSeen()
				said.Add(took[0])
				if next := e.Article(it.ID, 2, 60, said); !slices.Equal(it.Summary, next) || slices.Contains(it.Summary, took[0]) {
					t.Errorf("%s: blurb %q after the lead's %q, want its next best %q", it.ID, it.Summary, took[0], next)
				}
			}
		})
	}
}

// A section summary speaks across three or more items, and no one
// article gives more than half of it.
func TestSectionSummaryNeedsThreeItemsAndShares(t *testing.T) {
	for _, tc := range planCases {
		t.Run(tc.name, func(t *testing.T) {
			ed := ferryBuilder().assemble(ferrySelection(tc.sections, tc.order), identity{id: "e", at: at})
			for _, sec := range ed.Sections {
				if len(sec.Items) < 3 && len(sec.Summary) > 0 {
					t.Errorf("%q: summary over %d items: %+v", sec.Title, len(sec.Items), sec.Summary)
				}
				checkShare(t, sec)
			}
		})
	}
}

// One article of a section that says the most may still give at most
// half of the section's summary.
func TestSectionSummaryHalfAtMost(t *testing.T) {
	b := ferryBuilder()
	ed := b.assemble(ferrySelection(map[string][]string{"River": {"pier", "review", "tide"}},
		[]string{"River"}), identity{id: "e", at: at})
	if len(ed.Sections[0].Summary) == 0 {
		t.Fatal("three items and no summary across them")
	}
	checkShare(t, ed.Sections[0])
}

// An editor swaps a lead sentence for one an item's blurb shows: the
// blurb moves on, in the edition and in every preference variant.
func TestNoRepeatAfterSwapInAnyVariant(t *testing.T) {
	for _, tc := range planCases {
		t.Run(tc.name, func(t *testing.T) {
			b := ferryBuilder()
			sel := ferrySelection(tc.sections, tc.order)
			ed := b.assemble(sel, identity{id: "e", at: at})
			var edits []digest.SentenceEdit
			for _, l := range ed.Lead {
				for _, sec := range ed.Sections {
					for _, it := range sec.Items {
						if it.ID == l.ItemID && len(it.Summary) > 0 {
							edits = append(edits, digest.SentenceEdit{ArticleID: it.ID, Original: l.Text, Replacement: it.Summary[0]})
						}
					}
				}
			}
			if len(edits) == 0 {
				t.Fatal("no lead sentence to swap")
			}
			id := identity{id: "e", at: at, editorial: editorial{edits: edits}}
			checkNoRepeat(t, "edition", b.assemble(sel, id))
			shown := map[string]bool{}
			for _, ids := range tc.sections {
				for _, a := range ids {
					shown[a] = true
				}
			}
			for _, title := range tc.order {
				v := b.assemble(restrict(sel, digest.Sections{title}, shown), id)
				checkNoRepeat(t, "variant "+title, v)
			}
		})
	}
}

// An editor removes or swaps a sentence out of the lead or a blurb: it
// leaves the edition, so the blurb it came from does not bring it back
// once the lead no longer says it, nor keep it.
func TestStruckSentenceLeavesTheEdition(t *testing.T) {
	for _, tc := range planCases {
		t.Run(tc.name, func(t *testing.T) {
			b := ferryBuilder()
			sel := ferrySelection(tc.sections, tc.order)
			ed := b.assemble(sel, identity{id: "e", at: at})
			var edits []digest.SentenceEdit
			struck := map[string]bool{}
			for _, sec := range ed.Sections {
				for _, it := range sec.Items {
					if len(it.Summary) > 0 {
						edits = append(edits, digest.SentenceEdit{ArticleID: it.ID, Original: it.Summary[0]})
						struck[it.Summary[0]] = true
					}
				}
			}
			for _, l := range ed.Lead {
				struck[l.Text] = true
			}
			for i, l := range ed.Lead {
				e := digest.SentenceEdit{ArticleID: l.ItemID, Original: l.Text}
				if i%2 == 1 { // swap every other one for a sentence of its article no edit strikes
					for _, alt := range engineFor(b, sel).Sentences(l.ItemID) {
						if !struck[alt] {
							e.Replacement = alt
							break
						}
					}
				}
				edits = append(edits, e)
			}
			got := b.assemble(sel, identity{id: "e", at: at, editorial: editorial{edits: edits}})
			for _, e := range edits {
				for _, s := range got.Sentences() {
					if s == e.Original {
						t.Errorf("struck sentence still shown: %q", s)
					}
				}
			}
		})
	}
}

// checkNoRepeat fails when any sentence is said twice in an edition:
// in the lead, a section summary or a blurb.
func checkNoRepeat(t *testing.T, name string, ed *digest.Edition) {
	t.Helper()
	said := map[string]string{}
	say := func(where, s string) {
		if prev, ok := said[s]; ok {
			t.Errorf("%s: %q in %s and %s", name, s, prev, where)
		}
		said[s] = where
	}
	for _, s := range ed.Lead {
		say("the lead", s.Text)
	}
	for _, sec := range ed.Sections {
		for _, s := range sec.Summary {
			say(sec.Title+"'s summary", s.Text)
		}
		for _, it := range sec.Items {
			for _, s := range it.Summary {
				say(fmt.Sprintf("%s's blurb", it.ID), s)
			}
		}
	}
}

// checkShare fails when one article gives more than half of a section's
// summary.
func checkShare(t *testing.T, sec digest.Section) {
	t.Helper()
	by := map[string]int{}
	for _, s := range sec.Summary {
		by[s.ItemID]++
	}
	for id, n := range by {
		if 2*n > len(sec.Summary) {
			t.Errorf("section %q: %d of %d summary sentences from %s", sec.Title, n, len(sec.Summary), id)
		}
	}
}
