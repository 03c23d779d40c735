package clean

import (
	"slices"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// story is a small article that boilerplate is inserted into.
var story = []string{
	"The regional rail company will add a late train on Fridays and Saturdays from next month, leaving the capital at half past midnight.",
	"The company said the extra service answered years of requests from people working evening shifts in restaurants and theatres.",
	"Tickets for the late train will cost the same as for any other off-peak service.",
}

func TestBoilerplateKinds(t *testing.T) {
	tests := []struct {
		name   string
		insert []string // paragraphs inserted after the first paragraph
		reason []string // the reason recorded for each
	}{
		{"leave a comment", []string{"Leave a Comment"}, []string{ReasonComment}},
		{"comment heading and prompt", []string{"Join the Conversation", "Do you think late trains are worth the cost?"}, []string{ReasonComment, ReasonComment}},
		{"share your thoughts", []string{"Share your thoughts in the comments below."}, []string{ReasonComment}},
		{"comment count", []string{"12 Comments"}, []string{ReasonComment}},
		{"newsletter", []string{"Subscribe to our newsletter for weekly travel news."}, []string{ReasonShare}},
		{"share this", []string{"Share this article"}, []string{ReasonShare}},
		{"follow us", []string{"Follow us on Facebook and X for live updates"}, []string{ReasonShare}},
		{"you may also like with links", []string{"You may also like", "Night Buses Return to the Old Town", "Ten Scenic Train Journeys"}, []string{ReasonRelated, ReasonRelated, ReasonRelated}},
		{"related line", []string{"Related: Rail company cuts weekend fares"}, []string{ReasonRelated}},
		{"read more line", []string{"Read more: How the timetable is made"}, []string{ReasonRelated}},
		{"see also", []string{"See also: Our guide to regional rail passes"}, []string{ReasonRelated}},
		{"for more see our analysis", []string{"For more on how rail subsidies work, see our analysis of regional transport budgets."}, []string{ReasonRelated}},
		{"instagram attribution", []string{"From Instagram — related to trains, nightlife"}, []string{ReasonCredit}},
		{"photo caption", []string{"Photo: A regional train at the central station"}, []string{ReasonCredit}},
		{"image colon", []string{"Image: Rail Company Press Office"}, []string{ReasonCredit}},
		{"image credit", []string{"Image credit Jan Novak"}, []string{ReasonCredit}},
		{"getty", []string{"A train leaves the station at dusk. (Jan Novak/Getty Images)"}, []string{ReasonCredit}},
		{"pro tip", []string{"Pro Tip for Travellers: Book a seat online. It costs nothing and saves a scramble on busy nights."}, []string{ReasonCallToAction}},
		{"empty callout", []string{"Did you know?"}, []string{ReasonCallout}},
		{"advertisement", []string{"Advertisement"}, []string{ReasonShare}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paras := append([]string{"Late Trains Return on Weekends", story[0]}, tt.insert...)
			paras = append(paras, story[1:]...)
			a, err := Article(digest.Document{Name: "x.txt", Text: strings.Join(paras, "\n\n")}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(a.Paragraphs, story) {
				t.Errorf("paragraphs = %q\nwant %q", a.Paragraphs, story)
			}
			var want []digest.Removal
			for i, s := range tt.insert {
				want = append(want, digest.Removal{Text: s, Reason: tt.reason[i]})
			}
			if !slices.Equal(a.Removed, want) {
				t.Errorf("removed = %q\nwant %q", a.Removed, want)
			}
		})
	}
}

// TestBoilerplateWordsInProse checks that the words furniture is made of
// do not remove a paragraph of reporting that happens to contain them.
func TestBoilerplateWordsInProse(t *testing.T) {
	prose := []string{
		"Commuters who subscribe to the monthly pass will pay less, and the company said it would share more data on delays with passenger groups, which follow the service closely.",
		"By contrast, the bus operator has no late services planned.",
		"Related talks with the unions are expected to conclude before the summer, officials said on Tuesday.",
	}
	for _, p := range prose {
		text := "Late Trains Return on Weekends\n\n" + story[0] + "\n\n" + p + "\n\n" + story[1]
		a, err := Article(digest.Document{Name: "x.txt", Text: text}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(a.Paragraphs, p) || a.Removed != nil {
			t.Errorf("%q was removed (%q)", p, a.Removed)
		}
	}
}

// TestCalloutBox checks the documented rule: a "Did you know?" box with a
// substantive sentence stays, without its label.
func TestCalloutBox(t *testing.T) {
	fact := "The first night train on this line ran in 1921 and carried mail as well as passengers to the coast."
	text := "Late Trains Return on Weekends\n\n" + story[0] + "\n\nDid you know? " + fact + "\n\n" + story[1]
	a, err := Article(digest.Document{Name: "x.txt", Text: text}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{story[0], fact, story[1]}
	if !slices.Equal(a.Paragraphs, want) {
		t.Errorf("paragraphs = %q\nwant %q", a.Paragraphs, want)
	}
	if wantRemoved := []digest.Removal{{Text: "Did you know?", Reason: ReasonCalloutLabel}}; !slices.Equal(a.Removed, wantRemoved) {
		t.Errorf("removed = %q, want %q", a.Removed, wantRemoved)
	}
}
