package summarize

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// A stale sentence is not offered to the desk's swap list, and forcing
// it is refused with the stale rule's reason; so is a flawed one.
func TestRefusalSaysWhy(t *testing.T) {
	a := &digest.Article{ID: "pier", Title: "Pier repairs", Published: time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC),
		Paragraphs: []string{
			"The port company closed the Westhaven pier in February after winter storms cracked its deck.",
			"Repairs to the Westhaven pier deck will be finished by June 2024, the port company said in a statement.",
			"Engineers from the port company found rust in the steel piles under the pier deck and replaced twelve.",
			"The pier deck was… the worst the port company engineers had seen in years.",
		}}
	now := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	e := New([]*digest.Article{a}, Options{Now: now})
	stale := a.Paragraphs[1]
	if slices.Contains(e.Ranked("pier"), stale) {
		t.Errorf("a stale sentence is offered: %q", stale)
	}
	if got := e.Refusal("pier", stale); !strings.Contains(got, "stale") {
		t.Errorf("Refusal(stale) = %q, want the stale rule named", got)
	}
	if got := e.Refusal("pier", a.Paragraphs[3]); !strings.Contains(got, FlawElided) {
		t.Errorf("Refusal(elided) = %q, want the elided rule named", got)
	}
	if got := e.Refusal("pier", a.Paragraphs[2]); got != "" {
		t.Errorf("Refusal(plain) = %q, want none", got)
	}
	if then := New([]*digest.Article{a}, Options{Now: time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)}); then.Refusal("pier", stale) != "" {
		t.Errorf("in March 2024 the sentence is news, yet refused: %q", then.Refusal("pier", stale))
	}
}
