package cleaning

import (
	"bytes"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/eval/synth"
)

// TestWriteSynthFurnitureGroups: the fresh families are rows of their
// own split and total; the held-out totals hold both groups, the
// not-inspected one neither note nor cookie; the off-topic paragraph is
// in no total and no furn.kept, only on its own line.
func TestWriteSynthFurnitureGroups(t *testing.T) {
	tally := func(lines, hit int) *Tally { return &Tally{Lines: lines, Hit: hit} }
	results := []SynthResult{
		{Article: &synth.Article{Split: synth.SplitTuned, Families: []string{"ad", synth.OffTopic}},
			Furniture: map[string]*Tally{"ad": tally(4, 1), synth.OffTopic: tally(2, 2)}},
		{Article: &synth.Article{Split: synth.SplitHeldOut, Families: []string{"note", "bio", "poll"}},
			Furniture: map[string]*Tally{"note": tally(2, 2), "bio": tally(3, 0), "poll": tally(5, 1)}},
		{Article: &synth.Article{Split: synth.SplitHeldOut, Families: []string{"event"}},
			Furniture: map[string]*Tally{"event": tally(10, 3)}},
	}
	var b bytes.Buffer
	WriteSynthFurniture(&b, results)
	WriteSynthArticles(&b, results)
	out := b.String()
	for _, want := range []string{
		"  poll                         fresh          5        1   20.0%",
		"  event                        fresh         10        3   30.0%",
		"  all tuned                    tuned          4        1   25.0%",
		"  all held out                 held out      20        6   30.0%",
		"  all held out, not inspected  held out      18        4   22.2%",
		"  all fresh held out           fresh         15        4   26.7%",
		"  all                                        24        7   29.2%",
		"  off-topic paragraphs (removed with a theme, not by furniture cleaning): 2 of 2 in the cleaned body (100.0%)",
		"  all fresh held out           fresh         2 ",
		"  all held out, not inspected  held out      1 ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	furniture, articles, _ := strings.Cut(out, "articles, by family")
	if strings.Contains(furniture, "  offtopic ") {
		t.Errorf("the off-topic paragraph has a furniture row:\n%s", furniture)
	}
	// The tuned article's furn.kept: 1 of its 4 ad lines, its off-topic
	// paragraph not counted.
	if !strings.Contains(articles, "\n  all tuned                    tuned         1       0      0   0.0%           0          0       0.0%      25.0%\n") {
		t.Errorf("all tuned articles: furn.kept counts the off-topic paragraph:\n%s", articles)
	}
}
