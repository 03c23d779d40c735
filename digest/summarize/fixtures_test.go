package summarize

import (
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// sharedQuote is said in two made-up articles, cut and typeset
// differently in each, as wire copy often is.
const (
	quoteInShips = `“The security of the North Atlantic and of the Pacific can no longer be separated,” the minister told reporters in Oslo.`
	quoteInChips = `The minister said in Oslo that "the security of the north Atlantic and of the Pacific can no longer be separated" by any ocean.`
)

// bareListItems are list items that lost their bullets in copying; no
// summary may quote them.
var bareListItems = []string{
	"Radar Networks: Linking the radar networks of all patrol ships in the western Pacific.",
	"Officer Training: Running a joint school in Yokosuka for naval officers from Japan and Europe.",
}

// fixtures are made-up articles with the mess real pages carry: a
// repeated title, a byline, headings, bullets, a leaning sentence and a
// shared quote.
func fixtures() []*digest.Article {
	return []*digest.Article{
		{
			ID:      "ships",
			Title:   "Allies Plan Joint Naval Patrols in the Pacific",
			Authors: []string{"Jane Roe"},
			Paragraphs: []string{
				"Allies Plan Joint Naval Patrols in the Pacific",
				"By Jane Roe",
				"Japan and three European navies agreed on Monday to run joint patrols across the western Pacific from next spring. The patrols will cover the main shipping lanes between Japan and the Strait of Malacca.",
				"Naval Cooperation",
				"Officials said the ships would share radar data with a new command centre in Yokosuka. " + quoteInShips + " However, it will not be a formal alliance, officials stressed on Tuesday.",
				"The plan includes:\n• Shared radar data across all patrol ships\n• A joint training school for naval officers",
				"The agreement also covers:\n" + strings.Join(bareListItems, "\n"),
				"Critics in Tokyo warned that the patrols could raise tensions with China over the disputed islands. The first joint patrol is set to sail from Yokosuka in April with four ships.",
			},
		},
		{
			ID:    "chips",
			Title: "Japan Backs European Chip Plants",
			Paragraphs: []string{
				"Japanese chipmakers will invest $2.1B in three new semiconductor plants in Germany and the Netherlands, the trade ministry said on Friday. The plants are meant to secure supplies of chips for defence electronics on both continents.",
				quoteInChips + " He added that export rules for dual-use chips would be eased by 7.2% of listed items.",
				"Industry groups welcomed the deal. They said it would cut dependence on suppliers in China for chips used in radar and missile systems.",
			},
		},
		{
			ID:    "space",
			Title: "Satellite Data Deal Signed",
			Paragraphs: []string{
				"European and Japanese space agencies signed a deal to share satellite tracking data on orbital debris and missile launches. The deal gives NATO members access to Japanese radar images within minutes of a launch.",
				"Dr. Ken Ito, a space policy expert at the U.S. Naval War College, said the deal was overdue. Tracking data from Japan would fill a gap over the western Pacific, he said.",
			},
		},
	}
}

// paragraphsContain reports whether s is a substring of one of a's
// paragraphs: the faithfulness every summary must keep.
func paragraphsContain(a *digest.Article, s string) bool {
	for _, p := range a.Paragraphs {
		if strings.Contains(p, s) {
			return true
		}
	}
	return false
}

func wordCount(sentences []string) int {
	n := 0
	for _, s := range sentences {
		n += len(strings.Fields(s))
	}
	return n
}

func byID(t *testing.T, arts []*digest.Article, id string) *digest.Article {
	t.Helper()
	for _, a := range arts {
		if a.ID == id {
			return a
		}
	}
	t.Fatalf("no article %q", id)
	return nil
}

// indexOf is the place of s among sentences, or -1.
func indexOf(sentences []string, s string) int {
	for i, x := range sentences {
		if x == s {
			return i
		}
	}
	return -1
}
