package extract

import (
	"reflect"
	"strings"
	"testing"
)

// candidateOf builds a candidate from paragraphs, as an extractor would
// return them.
func candidateOf(t *testing.T, name string, paras ...string) candidate {
	t.Helper()
	var b strings.Builder
	for _, p := range paras {
		b.WriteString("<p>" + p + "</p>")
	}
	return newCandidate(name, parseFragment(t, b.String()))
}

const (
	para1 = "The river rose by two metres overnight and the old bridge was closed to traffic before dawn."
	para2 = "Engineers said the arches were sound but that debris piling against them had to be cleared first."
	para3 = "Residents on the lower streets were told to move cars and valuables upstairs by the afternoon."
	aside = "Sign up to our newsletter for the best stories of the week delivered to your inbox every Friday."
	menu  = "Home News Sport"
)

func TestChooseKeepsTheMedoid(t *testing.T) {
	outlier := candidateOf(t, "outlier", aside, menu)
	a := candidateOf(t, "a", para1, para2, para3)
	b := candidateOf(t, "b", para1, para2, para3, "Photograph by the council press office, taken from the hill above the town.")
	c := candidateOf(t, "c", para1, para2)
	got, ok := choose([]candidate{outlier, a, b, c})
	if !ok || got.extractor != "a" {
		t.Errorf("chose %q (ok %v), want a: closest to all the others", got.extractor, ok)
	}
}

func TestChooseTieGoesToTheEarlier(t *testing.T) {
	first := candidateOf(t, "first", para1, para2)
	second := candidateOf(t, "second", para1, para2)
	got, ok := choose([]candidate{first, second})
	if !ok || got.extractor != "first" {
		t.Errorf("chose %q (ok %v), want first", got.extractor, ok)
	}
}

func TestChooseNeedsProse(t *testing.T) {
	short := candidateOf(t, "menu", menu, "Privacy Terms")
	empty := candidateOf(t, "empty")
	if got, ok := choose([]candidate{short, empty}); ok {
		t.Errorf("chose %q from boilerplate only", got.extractor)
	}
	if _, ok := choose(nil); ok {
		t.Error("chose from no candidates")
	}
	// Prose in another script: a Japanese sentence is one "word" to
	// the word pattern but well over the letter count.
	ja := candidateOf(t, "ja", "先日、不正に改造したスマートフォンを販売したとして、商標法違反の疑いで二十代の男性が逮捕されたというニュースを耳にしました。報道によると、販売されたのは改造品です。")
	if got, ok := choose([]candidate{short, ja}); !ok || got.extractor != "ja" {
		t.Errorf("chose %q (ok %v), want ja", got.extractor, ok)
	}
}

func TestVote(t *testing.T) {
	best := candidateOf(t, "best", "By Ana Ruiz", para1, aside, para2, para3)
	others := []candidate{
		best,
		candidateOf(t, "x", "By Ana Ruiz", para1, para2, para3),
		candidateOf(t, "y", para1, para2, para3+" Updated at noon."),
		candidateOf(t, "z", para1, para2, aside),
	}
	// Voters: best, x, y, z. para3 is in best, x and y (y adds a
	// sentence, but holds most of its 4-grams); the aside in best and z
	// only; the byline in best and x only.
	want := []string{para1, para2, para3}
	if got := vote(best, others); !reflect.DeepEqual(got, want) {
		t.Errorf("vote = %q, want %q", got, want)
	}
}

func TestVoteKeepsTextWhenExtractorsDisagree(t *testing.T) {
	best := candidateOf(t, "best", para1, para2, para3)
	others := []candidate{best, candidateOf(t, "x", aside), candidateOf(t, "y", menu, aside)}
	want := []string{para1, para2, para3}
	if got := vote(best, others); !reflect.DeepEqual(got, want) {
		t.Errorf("vote = %q, want the whole text %q", got, want)
	}
	alone := []candidate{best}
	if got := vote(best, alone); !reflect.DeepEqual(got, want) {
		t.Errorf("vote with no other extractor = %q", got)
	}
}

func TestSimilarity(t *testing.T) {
	a := shingles("a b c d e")   // [a b c d] [b c d e]
	b := shingles("a b c d x y") // [a b c d] [b c d x] [c d x y]
	if got, want := similarity(a, b), 2.0*1/5; got != want {
		t.Errorf("similarity = %v, want %v", got, want)
	}
	if got := similarity(a, a); got != 1 {
		t.Errorf("similarity to itself = %v", got)
	}
	if got := similarity(a, shingles("")); got != 0 {
		t.Errorf("similarity to nothing = %v", got)
	}
}
