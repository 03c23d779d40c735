package summarize

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Two short articles that share the concepts the tempting sentence
// carries, so it is the best single sentence of the group.
var supporting = []*digest.Article{
	{ID: "b", Title: "Patrols", Paragraphs: []string{"The joint naval patrols across the western Pacific begin in the spring."}},
	{ID: "c", Title: "Agreement", Paragraphs: []string{"A new patrol agreement was signed by the four navies on Friday."}},
}

// longWinded is a predecessor too long for the budget: the sentence
// after it can only be chosen alone.
const longWinded = "Officials from several ministries gathered in a large hall near the harbour on a rainy Monday " +
	"morning for a long meeting about many unrelated administrative matters that took up most of the day."

func TestMultiReadableOnItsOwn(t *testing.T) {
	cases := []struct {
		name string
		// paragraphs of article "a"; tempting is the sentence that
		// must not be chosen where it would not read.
		paragraphs []string
		tempting   string
		// structural: the rule is kept by how sentences are split, so
		// even without the selection rules the half cannot be chosen.
		structural bool
	}{
		{
			name:       "a connective chosen alone",
			paragraphs: []string{longWinded + " However, the joint naval patrols across the western Pacific will double under the new patrol agreement."},
			tempting:   "However, the joint naval patrols across the western Pacific will double under the new patrol agreement.",
		},
		{
			name:       "a pronoun at the start",
			paragraphs: []string{longWinded + " She said the joint naval patrols across the western Pacific will double under the new patrol agreement."},
			tempting:   "She said the joint naval patrols across the western Pacific will double under the new patrol agreement.",
		},
		{
			name: "a surname before its full name",
			paragraphs: []string{
				"Foreign Minister Yoko Kamikawa opened a long day of talks with her counterparts from several European capitals " +
					"in a crowded hall near the harbour, where officials discussed many unrelated administrative matters.",
				"Kamikawa said the joint naval patrols across the western Pacific will double under the new patrol agreement.",
			},
			tempting: "Kamikawa said the joint naval patrols across the western Pacific will double under the new patrol agreement.",
		},
		{
			name: "a split quote",
			paragraphs: []string{"“The joint naval patrols across the western Pacific will double under the new patrol agreement. " +
				"That is a promise to every ally in the region and to the many officials who have worked on it for years,” the minister told reporters."},
			tempting:   "“The joint naval patrols across the western Pacific will double under the new patrol agreement.",
			structural: true,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := &digest.Article{ID: "a", Title: "Talks", Paragraphs: c.paragraphs}
			arts := append([]*digest.Article{a}, supporting...)
			budget := len(strings.Fields(c.tempting)) + 2
			e := New(arts, Options{})
			got := texts(e.Multi([]string{"a", "b", "c"}, budget, nil))
			if slices.Contains(got, c.tempting) {
				t.Errorf("chose %q where it cannot be read: %q", c.tempting, got)
			}
			for _, s := range got {
				if opensQuote(s) {
					t.Errorf("chose half a quote: %q", s)
				}
			}
			e.noRules = true
			if off := texts(e.Multi([]string{"a", "b", "c"}, budget, nil)); !c.structural && !slices.Contains(off, c.tempting) {
				t.Errorf("fixture does not tempt the selector: without the rules it chose %q", off)
			}
		})
	}
}

// The quote is one unit: a summary quotes all of it or none.
func TestJoinQuotes(t *testing.T) {
	p := "“We will patrol. We will not stop,” she said. Officials agreed. He added: \"It is done. Finally.\" Then he left."
	got, parts := joinQuotes(p, []string{"“We will patrol.", "We will not stop,” she said.", "Officials agreed.",
		"He added: \"It is done.", "Finally.\"", "Then he left."})
	want := []string{"“We will patrol. We will not stop,” she said.", "Officials agreed.", "He added: \"It is done. Finally.\"", "Then he left."}
	if !slices.Equal(got, want) {
		t.Errorf("joinQuotes = %q, want %q", got, want)
	}
	if !slices.Equal(parts, []int{2, 1, 2, 1}) {
		t.Errorf("parts = %v", parts)
	}
	// A closing straight quote does not open one.
	if opensQuote(`It is certain," he added.`) {
		t.Error(`a sentence that only closes a quote read as opening one`)
	}
}

func TestPersonNames(t *testing.T) {
	units := []string{
		"Japanese Prime Minister Shigeru Ishiba and NATO Secretary General Mark Rutte met in Tokyo.",
		"Rutte confirmed the plan.",
		"President Clinton spoke in Pine Ridge.",
		"Clinton left Pine Ridge at noon.",
	}
	got := personNames(units)
	if got["Rutte"] != "Mark Rutte" {
		t.Errorf("Rutte: %q (all %v)", got["Rutte"], got)
	}
	if _, ok := got["Ishiba"]; ok {
		t.Errorf("Ishiba is never used alone, yet listed: %v", got)
	}
	if _, ok := got["Clinton"]; ok {
		t.Errorf("a title is not a given name: %v", got)
	}
	if _, ok := got["Ridge"]; ok {
		t.Errorf("a place repeated whole is not a person: %v", got)
	}
	u := namesIn("Rutte confirmed the plan.", got)
	if !slices.Equal(u.needs, []string{"Rutte"}) || len(u.introduces) != 0 {
		t.Errorf("namesIn: %+v", u)
	}
}

// The lead keeps the callers' order, most important first, and leaves
// out background; sections read in date order.
func TestLeadAndSectionOrder(t *testing.T) {
	older := &digest.Article{ID: "old", Title: "Earlier", Published: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		Paragraphs: []string{"The defence ministers of the two countries signed a radar sharing pact in Brussels on Monday."}}
	newer := &digest.Article{ID: "new", Title: "Later", Published: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
		Paragraphs: []string{"In 2019, the two navies held their first small exercise off the coast of Hokkaido.",
			"The two navies will double their joint patrols in the western Pacific from next spring."}}
	e := New([]*digest.Article{older, newer}, Options{})
	lead := e.Lead([]string{"new", "old"}, 60, nil)
	if len(lead) == 0 || lead[0].ItemID != "new" {
		t.Fatalf("lead does not open with the first article: %+v", lead)
	}
	for _, s := range lead {
		if strings.HasPrefix(s.Text, "In 2019") {
			t.Errorf("lead carries background: %q", s.Text)
		}
	}
	section := e.Multi([]string{"new", "old"}, 200, nil)
	if len(section) < 2 || section[0].ItemID != "old" {
		t.Errorf("section is not in date order: %+v", section)
	}
}

func texts(ss []digest.Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}
