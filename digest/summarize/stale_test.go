package summarize

import (
	"slices"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

func TestStaleFuture(t *testing.T) {
	now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		s    string
		year int // the article's year
		want bool
	}{
		{"Japan will again join the summit to be held in Lithuania in July 2023.", 0, true},
		{"On July 11, Kishida will attend the two-day summit in Vilnius.", 2023, true},
		{"On July 11, Kishida will attend the two-day summit in Vilnius.", 0, false},         // no year to read it in
		{"On July 11, Kishida will attend the two-day summit in Vilnius.", 2027, false},      // still to come
		{"A joint task force will launch in 2025 to speed up testing.", 2024, true},          // a year alone
		{"The fleet will double by 2030 from its 2020 size.", 2024, false},                   // the latest date counts
		{"The summit was held in July 2023 and ended with a declaration.", 2023, false},      // not future
		{"Ministers are expected to meet on 3 December 2026 in Brussels.", 2026, true},       // the day is over
		{"Ministers are expected to meet on 9 December 2026 in Brussels.", 2026, false},      // still to come
		{"The minister will decide; officials say he may in time agree to it.", 2023, false}, // "may" is no month
		{"Japan will open an office in May.", 2023, true},
		{"The agency is set to publish its findings next spring.", 2023, false}, // no date named
	}
	for _, tt := range tests {
		if got := staleFuture(tt.s, tt.year, now); got != tt.want {
			t.Errorf("staleFuture(%q, %d) = %v, want %v", tt.s, tt.year, got, tt.want)
		}
	}
	if staleFuture("Japan will join the summit in July 2023.", 0, time.Time{}) {
		t.Error("a zero now must turn the rule off")
	}
}

func TestAnnouncesList(t *testing.T) {
	for s, want := range map[string]bool{
		"Regional security experts highlight three critical implications: First, Japan's constraints create unique roles.": true,
		"The plan rests on two pillars: industry and training.":                                                            true,
		"Officials listed the following:":                                                                                  true,
		"The ministry named three officials to the panel on Monday.":                                                       false,
		"Two ministers met: the talks went well.":                                                                          true,
		"Japan and NATO signed the agreement in 2023.":                                                                     false,
	} {
		if got := announcesList(s); got != want {
			t.Errorf("announcesList(%q) = %v, want %v", s, got, want)
		}
	}
}

// Neither a stale future sentence nor an unfinished list is chosen, in an
// item's blurb or across articles, however central; without a date to
// read against, the future sentence is chosen as any other.
func TestStaleSentencesNotChosen(t *testing.T) {
	stale := "The alliance will hold its summit in Vilnius in July 2023, where leaders will sign the defence industry plan."
	list := "Experts see three implications for the plan: First, the defence industry plan gives the alliance a partner in Asia."
	a := &digest.Article{ID: "a", Title: "Alliance plans", Published: time.Date(2023, 5, 2, 0, 0, 0, 0, time.UTC), Paragraphs: []string{
		stale + " " + list,
		"The defence industry plan brings the alliance and Japan closer on production and research.",
		"Officials said the defence industry plan covers shipbuilding, munitions and cyber defence research.",
	}}
	b := &digest.Article{ID: "b", Title: "Japan and the alliance", Published: time.Date(2023, 5, 3, 0, 0, 0, 0, time.UTC), Paragraphs: []string{
		"Japan and the alliance agreed a defence industry plan for production and research.",
	}}
	chosen := func(now time.Time) map[string]bool {
		e := New([]*digest.Article{a, b}, Options{Now: now})
		got := map[string]bool{}
		for _, s := range e.Article("a", 5, 200, NewSeen()) {
			got[s] = true
		}
		for _, s := range e.Multi([]string{"a", "b"}, 200, nil) {
			got[s.Text] = true
		}
		return got
	}
	later := chosen(time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC))
	if later[stale] || later[list] {
		t.Errorf("chosen in December 2026: stale %v, unfinished list %v", later[stale], later[list])
	}
	if !chosen(time.Time{})[stale] {
		t.Error("without a date to read against, the future sentence should be chosen: the fixture proves nothing")
	}
}

// A title cut from the article's first sentence ("… signed a defence…")
// is never printed beside that same sentence: not in the blurb below it,
// nor in an edition's lead or section summaries above the items, nor on
// the swap list. A summary printed without titles (Multi, `digest
// summarize`) quotes no title, so there the sentence is the article's
// lead like any other: what happened, and it may be chosen.
func TestCutTitleNotRepeated(t *testing.T) {
	first := "Japan and the alliance signed a defence industry agreement in Tokyo on Monday covering production, research and training."
	cut := "Japan and the alliance signed a defence industry agreement in Tokyo on…"
	article := func(title string) *digest.Article {
		return &digest.Article{ID: "a", Title: title, Paragraphs: []string{
			first + " The agreement covers joint production of munitions and research on cyber defence.",
			"Officials said the defence industry agreement would bring Japan and the alliance closer on production.",
		}}
	}
	// A section summary needs a second article to speak with.
	other := &digest.Article{ID: "b", Title: "Shipyards expect orders", Paragraphs: []string{
		"Shipyards in Nagasaki expect new orders for patrol vessels after the defence industry agreement was signed in Tokyo.",
		"The yards employ about 4,000 people and have asked the government for help with training welders.",
	}}
	texts := func(ss []digest.Sentence) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.Text)
		}
		return out
	}
	selectors := []struct {
		name   string
		titled bool // the title is printed beside the summary
		run    func(e *Engine) []string
	}{
		{"blurb", true, func(e *Engine) []string { return e.Article("a", 3, 200, NewSeen()) }},
		{"swap list", true, func(e *Engine) []string { return e.Ranked("a") }},
		{"lead", true, func(e *Engine) []string { return texts(e.Lead([]string{"a"}, 200, nil)) }},
		{"section", true, func(e *Engine) []string { return texts(e.Section([]string{"a", "b"}, 60, nil)) }},
		{"multi", false, func(e *Engine) []string { return texts(e.Multi([]string{"a"}, 200, nil)) }},
	}
	for _, sel := range selectors {
		has := func(title string) bool {
			return slices.Contains(sel.run(New([]*digest.Article{article(title), other}, Options{})), first)
		}
		if !has("Defence agreement signed") {
			t.Errorf("%s: with another title the first sentence is not chosen either: the fixture proves nothing", sel.name)
			continue
		}
		if got := has(cut); got == sel.titled {
			t.Errorf("%s: the sentence the title was cut from chosen = %v, want %v", sel.name, got, !sel.titled)
		}
	}
	if r := New([]*digest.Article{article(cut)}, Options{}).Refusal("a", first); r == "" {
		t.Error("forcing the sentence the title was cut from is not refused")
	}
}
