package clean

import (
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// An article without a title gets a headline-like one: a leading bullet
// point before a cut first sentence, and the bullet then leaves the body.
func TestDerivedTitleIsHeadlineLike(t *testing.T) {
	prose := "The port authority approved a plan on Monday to deepen the northern channel so that the largest container ships can reach the new terminal at any tide. " +
		"Dredging is to begin next year and to take about eighteen months, the authority said."
	more := "Shipping lines welcomed the decision, saying the channel had limited their schedules for a decade."
	tests := []struct {
		name, text, title string
		bodyHas           string // a paragraph the body keeps
	}{
		{"leading bullets", "- Port approves deeper northern channel\n- Dredging to take eighteen months\n" + prose + "\n" + more,
			"Port approves deeper northern channel", "Dredging to take eighteen months"},
		{"a bullet too long for a headline", "- " + strings.Repeat("word ", 20) + "end\n" + prose + "\n" + more,
			"The port authority approved a plan on Monday to deepen the northern channel so that the largest…", ""},
		{"prose only", prose + "\n\n" + more,
			"The port authority approved a plan on Monday to deepen the northern channel so that the largest…", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Article(digest.Document{Name: "x.txt", Text: tt.text}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			has := tt.bodyHas == ""
			for _, p := range a.Paragraphs {
				if p == a.Title {
					t.Errorf("the title stays in the body as a paragraph: %q", p)
				}
				has = has || p == tt.bodyHas
			}
			if !has {
				t.Errorf("body lost %q: %q", tt.bodyHas, a.Paragraphs)
			}
		})
	}
}

// A file without a headline whose first line is a widget's, sharing none
// of the story's words, gets its title from the first sentence: a leading
// short line is the title only if it passes the headline test.
func TestDerivedTitleMustBeAboutTheStory(t *testing.T) {
	body := "Volunteers on the island of Skarholm have finished restoring the old lighthouse, which had stood dark since 1987.\n\n" +
		"The restoration of the lighthouse took four years and cost the island trust about 900,000 crowns.\n\n" +
		"The lamp now turns again every night above the harbour."
	tests := []struct {
		name, first, want string
	}{
		{"a widget line", "Tap twice to enlarge every picture", "Volunteers on the island of Skarholm have finished restoring the old lighthouse, which had stood…"},
		{"a headline line", "Skarholm lighthouse restored by volunteers", "Skarholm lighthouse restored by volunteers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art, err := Article(digest.Document{Name: "x.txt", Text: tt.first + "\n\n" + body}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if art.Title != tt.want {
				t.Errorf("title = %q, want %q", art.Title, tt.want)
			}
		})
	}
}
