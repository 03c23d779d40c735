package summarize

import (
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// gardenArticles are made up: one long roundup that restates the news
// of three short reports, as a weekly column does.
func gardenArticles() []*digest.Article {
	return []*digest.Article{
		{ID: "roundup", Title: "The week in community gardens", Paragraphs: []string{
			"Community gardens across the city had a busy week of harvests and repairs.",
			"The Elm Street garden opened a seed library for allotment holders.",
			"Volunteers at Mill Lane rebuilt the raised beds the spring floods washed away.",
			"A rooftop garden on the library now grows salad for the school canteen.",
			"The council promised water butts for every allotment by the autumn.",
			"Garden volunteers will meet the council about composting next month.",
		}},
		{ID: "seeds", Title: "Seed library opens", Paragraphs: []string{
			"The Elm Street community garden opened a seed library on Saturday.",
			"Allotment holders may borrow ten packets of seed each season.",
		}},
		{ID: "beds", Title: "Raised beds rebuilt", Paragraphs: []string{
			"Volunteers rebuilt the Mill Lane raised beds after the spring floods.",
			"The timber came from a demolished warehouse nearby.",
		}},
		{ID: "roof", Title: "Salad from the roof", Paragraphs: []string{
			"The rooftop garden on the central library grows salad for the school canteen.",
			"Pupils pick the leaves themselves twice a week.",
		}},
	}
}

// A section summary takes at most half its sentences from one article,
// and says nothing when only one article could speak.
func TestSectionShare(t *testing.T) {
	e := New(gardenArticles(), Options{Query: "community gardens"})
	for _, tc := range []struct {
		name  string
		ids   []string
		words int
		empty bool
	}{
		{"roundup among reports", []string{"roundup", "seeds", "beds", "roof"}, 120, false},
		{"roundup first, a long budget", []string{"roundup", "seeds", "beds"}, 200, false},
		{"one article alone", []string{"roundup"}, 120, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := e.Section(tc.ids, tc.words, nil)
			if tc.empty != (len(got) == 0) {
				t.Fatalf("got %d sentences, want empty %v: %+v", len(got), tc.empty, got)
			}
			by := map[string]int{}
			for _, s := range got {
				by[s.ItemID]++
			}
			for id, n := range by {
				if 2*n > len(got) {
					t.Errorf("%d of %d sentences from %s: %+v", n, len(got), id, got)
				}
			}
		})
	}
}

// A lead names each story once, in at most three sentences, however
// many words it may use.
func TestLeadOneSentenceAStory(t *testing.T) {
	e := New(gardenArticles(), Options{Query: "community gardens"})
	for _, words := range []int{40, 70, 200} {
		got := e.Lead([]string{"roundup", "seeds", "beds", "roof"}, words, nil)
		if len(got) == 0 || len(got) > maxLeadSentences {
			t.Errorf("%d words: %d sentences: %+v", words, len(got), got)
		}
		by := map[string]int{}
		for _, s := range got {
			if by[s.ItemID]++; by[s.ItemID] > 1 {
				t.Errorf("%d words: two sentences from %s: %+v", words, s.ItemID, got)
			}
		}
	}
}
