package clean

import (
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// The story every edge fixture wraps: six paragraphs about a made-up
// lighthouse restoration, each naming things the others name again.
var lighthouseStory = []string{
	"Volunteers on the island of Skarholm have finished restoring the old lighthouse, which had stood dark since the keepers left in 1987.",
	"The restoration took four years and cost the island trust about 900,000 crowns, most of it raised from visitors and local firms.",
	"The lighthouse lamp now turns again every night, though ships no longer need it to find the harbour.",
	"Trust members said the tower would open to visitors in June, with a small museum about the keepers in the old oil store.",
	"The island council has promised to pay for the lamp's electricity for the next ten years.",
	"Visitors will reach the lighthouse by a new path from the harbour, built by the same volunteers.",
}

func TestDetachedEdges(t *testing.T) {
	tests := []struct {
		name        string
		before      []string // paragraphs above the story
		after       []string // paragraphs below it
		wantDropped []string
	}{
		{"a note to the reader above the story goes",
			[]string{"Revision notice: this page was reissued after its first posting to fix a spelling."}, nil,
			[]string{"Revision notice: this page was reissued after its first posting to fix a spelling."}},
		{"two notes below the story go, outermost first",
			nil, []string{
				"Membership starts at four pounds a month and can be ended whenever you like.",
				"Our partners keep small files on your computer to count readers and tailor offers.",
			}, []string{
				"Membership starts at four pounds a month and can be ended whenever you like.",
				"Our partners keep small files on your computer to count readers and tailor offers.",
			}},
		{"a closing line about the story stays",
			nil, []string{"The first guided tours of the lighthouse are planned for the June opening."}, nil},
		{"a closing quote stays even with words of its own",
			nil, []string{"“We simply wanted to see it shine once more,” one volunteer remarked."}, nil},
		{"a closing line going on with a pronoun stays",
			nil, []string{"It is the third such beacon relit along that coast this decade."}, nil},
		{"a long paragraph at the edge is not judged",
			nil, []string{"Elsewhere in the region, a ferry operator has announced higher winter fares on four routes, blaming fuel prices, and says timetables will be cut on two of them from November until the spring, when demand usually recovers again."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paras := append(append(append([]string{}, tt.before...), lighthouseStory...), tt.after...)
			doc := digest.Document{Name: "edge.txt", Text: "Lighthouse on Skarholm shines again\n\n" + strings.Join(paras, "\n\n")}
			art, err := Article(doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range art.Removed {
				if r.Reason == ReasonDetachedEdge {
					got = append(got, r.Text)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.wantDropped, "|") {
				t.Errorf("dropped at the edges:\n%q\nwant\n%q", got, tt.wantDropped)
			}
			for _, p := range lighthouseStory {
				if !containsString(art.Paragraphs, p) {
					t.Errorf("story paragraph lost: %q", p)
				}
			}
		})
	}
}

// A brief of a few paragraphs is not judged: each may name its own things.
func TestDetachedEdgesNeedContext(t *testing.T) {
	doc := digest.Document{Name: "brief.txt", Text: "Lighthouse relit\n\n" + strings.Join(append(lighthouseStory[:2:2], "Membership starts at four pounds a month and can be ended whenever you like."), "\n\n")}
	art, err := Article(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range art.Removed {
		if r.Reason == ReasonDetachedEdge {
			t.Errorf("a three-paragraph brief lost %q at its edge", r.Text)
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestSpeaksOfPage(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"We keep small files on your computer.", true},
		{"This report was reissued with a fixed spelling.", true},
		{"Profits at US carmakers rose 4% in the quarter.", false},
		{"The line cost 1.4 billion euros and took six years to build.", false},
		{"Let us know what you think.", true},
	}
	for _, tt := range tests {
		if got := speaksOfPage(tt.s); got != tt.want {
			t.Errorf("speaksOfPage(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
