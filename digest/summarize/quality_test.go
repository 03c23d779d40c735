package summarize

import (
	"slices"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// ferryArticle holds one sentence of each flaw among plain news about a
// made-up ferry route; each flawed sentence shares the article's words
// (but the filler), so only the filter keeps it out.
var ferryArticle = &digest.Article{ID: "ferry", Title: "Skerra ferry route reopens", Paragraphs: []string{
	"The harbour board reopened the northern ferry route to Skerra Island on Tuesday after a six-week closure for dock repairs.",
	"Passengers can again reach the island twice a day from the rebuilt Skerra dock, according to the harbour board.",
	"The reopened ferry route will cut the island journey to the mainland harbour by an hour, Marwick said.",
	"The new timetable is… a promise kept to every island family who relies on the ferry route.",
	"and the harbour board expects the northern ferry route to carry more island passengers next summer.",
	"Book your Skerra ferry crossing on the northern route before the summer timetable fills up.",
	"The skipper said the dock repairs on the ferry route had been finished two days early.",
	"In an ever-changing world, many communities continue to face challenges that require careful thought and patience.",
	"Harbour board engineers replaced forty timber piles under the Skerra dock and widened its ferry ramp.",
}}

// flawed maps each flawed sentence of ferryArticle to its flaw.
var flawed = map[string]string{
	"The reopened ferry route will cut the island journey to the mainland harbour by an hour, Marwick said.":             FlawUnnamed,
	"The new timetable is… a promise kept to every island family who relies on the ferry route.":                         FlawElided,
	"and the harbour board expects the northern ferry route to carry more island passengers next summer.":                FlawFragment,
	"Book your Skerra ferry crossing on the northern route before the summer timetable fills up.":                        FlawPromotion,
	"The skipper said the dock repairs on the ferry route had been finished two days early.":                             FlawReference,
	"In an ever-changing world, many communities continue to face challenges that require careful thought and patience.": FlawFiller,
}

// Every selector and the desk's swap list draw on Ranked's sentences: no
// flawed one is offered, no flawed one is chosen for a blurb or a
// summary, and the plain ones still are.
func TestQualityFilterKeepsFlawsOut(t *testing.T) {
	e := New([]*digest.Article{ferryArticle}, Options{})
	ranked := e.Ranked("ferry")
	for s, flaw := range flawed {
		if slices.Contains(ranked, s) {
			t.Errorf("%s sentence offered: %q", flaw, s)
		}
	}
	if len(ranked) < 2 {
		t.Errorf("the plain sentences are refused too: %q", ranked)
	}
	blurb, summary := e.Article("ferry", 3, 200, nil), texts(e.Multi([]string{"ferry"}, 200, nil))
	for _, s := range append(blurb, summary...) {
		flaw, ok := flawed[s]
		// An item's blurb stands under its title, which names what a
		// reference points to (see openingReference); a summary does
		// not.
		if ok && (flaw != FlawReference || slices.Contains(summary, s)) {
			t.Errorf("%s sentence chosen: %q", flaw, s)
		}
	}
	for i, s := range e.docs["ferry"].sentences {
		if want := flawed[s.text]; verdict(s) != want {
			t.Errorf("sentence %d: flaw %q, want %q (%q)", i, verdict(s), want, s.text)
		}
	}
}

func TestFlawRules(t *testing.T) {
	people := map[string]string{"Ostrand": "Lena Ostrand"}
	tests := []struct {
		s    string
		want string
	}{
		{"Crews worked… through the night to clear the flooded rail line near the depot.", FlawElided},
		{"...to clear the flooded rail line near the depot before dawn.", FlawElided},
		{"Crews worked through the night to clear the flooded rail line near the depot.", ""},
		{"[T]he flooded rail line is a warning for every depot along the coast, the engineer said.", FlawElided},
		{"The depot manager said [they] had never seen the line so deeply flooded.", FlawElided},
		{"The depot manager named three flooded sections [see map] along the rail line.", ""},
		{"which left the flooded rail line near the depot closed for another week.", FlawFragment},
		{"Crews worked through the night to clear the flooded rail line near the depot", FlawFragment},
		{"iPhone owners in the valley lost their signal when the mast near the depot flooded.", ""},
		{"Follow us on the depot's page for hourly updates on the flooded rail line.", FlawPromotion},
		{"Visit our depot blog for the latest pictures of the flooded rail line.", FlawPromotion},
		{"You can read every update on the flooded line at railvalleynews.com today.", FlawPromotion},
		{"“Give us two more days and the line will open,” the depot manager told reporters.", ""},
		{"Engineers said you could see the water reach the top of the depot's doors on Friday.", ""},
		{"The flooded rail line near the depot will stay closed for another week, Ostrand said.", ""},
		{"The flooded rail line near the depot will stay closed for another week, Brackley said.", FlawUnnamed},
		{"The flooded rail line near the depot will stay closed for another week, Mr Brackley said.", ""},
		{"The flooded rail line near the depot will stay closed for another week, Tove Brackley said.", ""},
	}
	for _, tt := range tests {
		if got := flawOf(tt.s, people); got != tt.want {
			t.Errorf("flawOf(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestOpeningReference(t *testing.T) {
	tests := []struct{ s, want string }{
		{"The contractor's engineers inspected the culvert on Monday.", "contractor"},
		{"The inspector, speaking on Monday, blamed the culvert.", "inspector"},
		{"The decision angered the union that runs the depot workshops.", "decision"},
		{"The engineer's report blamed a blocked culvert for the flood.", "engineer"},
		{"This agreement ends a strike at the depot workshops.", "agreement"},
		{"These repairs will take until the spring at the earliest.", "repairs"},
		{"The new culvert under the depot will cost four million pounds.", ""}, // described, not pointed to
		{"The Environment Agency issued a flood warning for the valley.", ""},  // a name
		{"This week the depot reopened after the flood.", ""},                  // a date
		{"Engineers blamed a blocked culvert for the flood at the depot.", ""},
	}
	for _, tt := range tests {
		if got, _ := openingReference(tt.s); got != tt.want {
			t.Errorf("openingReference(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
	if !pointsBackMidway("Engineers say this means the depot stays shut until spring.") {
		t.Error("a bare midway 'this' as subject not seen")
	}
	if pointsBackMidway("Engineers say this week the depot stays shut.") {
		t.Error("'this week' read as a reference")
	}
}

// In a multi-article summary, a sentence opening on a reference whose
// antecedent is in the article is chosen only together with the
// sentence that carries it.
func TestReferenceNeedsItsAntecedent(t *testing.T) {
	a := &digest.Article{ID: "depot", Title: "Valley line flooded", Paragraphs: []string{
		"Heavy rain on Sunday flooded the valley rail line and the workshops of the Larch depot, halting all trains between the two market towns for the whole week while pumps ran.",
		"Rail managers then ordered a temporary replacement bus service for the stranded valley commuters.",
		"The service will run every half hour between the two valley market towns and the Larch depot station.",
	}}
	e := New([]*digest.Article{a}, Options{})
	tempting := a.Paragraphs[2]
	for budget := 18; budget <= 34; budget += 8 {
		got := texts(e.Multi([]string{"depot"}, budget, nil))
		if slices.Contains(got, tempting) {
			t.Errorf("budget %d: chose %q without the sentence naming the service: %q", budget, tempting, got)
		}
	}
	d := e.docs["depot"]
	if !slices.Equal(d.sentences[2].antecedents, []int{1}) {
		t.Errorf("antecedents = %v, want [1]", d.sentences[2].antecedents)
	}
	if got := texts(e.Multi([]string{"depot"}, 60, nil)); slices.Contains(got, tempting) && !slices.Contains(got, a.Paragraphs[1]) {
		t.Errorf("chose the reference without its antecedent: %q", got)
	}
}
