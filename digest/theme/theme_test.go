package theme

import (
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

var testTheme = digest.Theme{
	Name:        "Arctic shipping and climate",
	Description: "Sea ice, polar shipping routes, icebreakers and the climate science of the Arctic.",
	Keywords:    []string{"Arctic", "sea ice", "icebreaker", "shipping", "polar"},
}

func art(id, title string, paras ...string) *digest.Article {
	return &digest.Article{ID: id, Title: title, Paragraphs: paras}
}

func TestRelevanceSeparatesOnAndOffTheme(t *testing.T) {
	on := art("on", "Icebreakers open a new Arctic shipping lane",
		"Shipping companies sent three icebreakers through the Arctic this summer as sea ice retreated to a record low.",
		"Polar researchers say the route will stay open longer each year as the climate warms.")
	off := art("off", "Local bakery wins bread award",
		"The bakery on Main Street won first prize for its sourdough loaf at the county fair.",
		"The owners thanked customers and said the recipe came from a grandmother.")
	rOn, rOff := Relevance(on, testTheme), Relevance(off, testTheme)
	if rOn < 0.2 {
		t.Errorf("on-theme relevance %.3f, want ≥ 0.2", rOn)
	}
	if rOff > 0.02 {
		t.Errorf("off-theme relevance %.3f, want ≤ 0.02", rOff)
	}
	if got := ReasonOffTheme(0.0812); got != "off theme (score 0.08)" {
		t.Errorf("reason %q", got)
	}
}

func TestRelevanceIgnoresRepetition(t *testing.T) {
	broad := art("b", "Arctic shipping", "Sea ice retreat opens polar shipping routes for icebreakers.")
	spam := art("s", "Arctic", "Arctic Arctic Arctic Arctic Arctic Arctic Arctic Arctic Arctic Arctic.")
	if Relevance(spam, testTheme) >= Relevance(broad, testTheme) {
		t.Errorf("repeating one keyword (%.3f) outscored covering the theme (%.3f)",
			Relevance(spam, testTheme), Relevance(broad, testTheme))
	}
}

func TestPlace(t *testing.T) {
	specs := []digest.SectionSpec{
		{Title: "Ships and routes", Keywords: []string{"shipping", "route", "port", "vessel"}},
		{Title: "Climate science", Description: "Research on sea ice, temperature and climate models.", Keywords: []string{"climate", "research"}},
		{Title: "Politics", Keywords: []string{"treaty", "minister", "government", "council"}},
	}
	arts := []*digest.Article{
		art("1", "New port for Arctic vessels", "A port will serve vessels on the northern shipping route from next year."),
		art("2", "Sea ice models improve", "Climate researchers published a model of sea ice thickness and temperature."),
		art("3", "Arctic Council meets", "Ministers of the Arctic Council discussed a treaty; the government of Norway chaired."),
		art("4", "Container vessel crosses", "A container vessel crossed the route and reached port in record time."),
		art("5", "Temperature record", "Research stations measured a record temperature as climate change accelerates."),
	}
	want := []int{0, 1, 2, 0, 1}
	got := Place(arts, specs)
	if len(got) != len(arts) {
		t.Fatalf("%d placements for %d articles", len(got), len(arts))
	}
	for i, p := range got {
		if p.Section != want[i] {
			t.Errorf("article %s placed in %q, want %q", arts[i].ID, specs[p.Section].Title, specs[want[i]].Title)
		}
	}
	if len(Place(arts, nil)) != len(arts) {
		t.Error("no sections: placements missing")
	}
	if len(Place(nil, specs)) != 0 {
		t.Error("no articles: placements invented")
	}
}
