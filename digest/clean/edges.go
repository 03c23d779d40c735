package clean

import (
	"strings"
	"unicode"

	"github.com/digest-newsletter/digest/digest/text"
)

// ReasonDetachedEdge is the reason for a note at the article's edge.
const ReasonDetachedEdge = "furniture: a note at the article's edge, not about the story"

// The first and last paragraphs of an article are where a site puts what
// it says to the reader about the page rather than the story: that the
// story is developing or was corrected, how cookies are used, what a
// subscription costs. Whatever their wording, such a note has two marks.
// It names the page's things, not the story's, so few of its content
// words are words of the rest of the article; and it speaks of the page
// or to its reader ("we", "you", "this article"). A story's own lead and
// close name its people, places and subject, which the rest of it names
// again, and a closing fact of its own ("the line cost 1.4 billion")
// speaks of the world, not of the page.
const (
	// minEdgeContext is the fewest other paragraphs an article needs for
	// "the rest of it" to be a fair test of a paragraph's words: in a
	// three-paragraph brief each paragraph may name its own things.
	minEdgeContext = 3
	// maxEdgeDepth is how many paragraphs in from each end are judged:
	// a site puts one or two notes there (a correction above a cookie
	// notice), and deeper in the story a paragraph of its own subject
	// is the unrelated-paragraph rule's to judge, with the theme.
	maxEdgeDepth = 2
	// maxEdgeWords: notes are a sentence or two. Longer paragraphs at
	// the edge are prose of the story's whose words may be its own.
	maxEdgeWords = 30
	// minEdgeShare is the share of a paragraph's content words the rest
	// of the article must use for it to be the story's. Measured on the
	// BBC articles, a story's first and last paragraphs share 0.6–0.8 of
	// their words with the rest; a note shares its words by chance.
	minEdgeShare = 1.0 / 3
)

// dropDetachedEdges drops notes at either end of the article's kept
// prose, working inward from each end and stopping at the first
// paragraph that is the story's.
func dropDetachedEdges(units []unit, title string) {
	var prose []int
	for i := range units {
		if units[i].kept() && !units[i].headingLike() {
			prose = append(prose, i)
		}
	}
	if len(prose) < minEdgeContext+1 {
		return
	}
	// df counts, for each content word, the paragraphs (and the title)
	// that use it, so "the rest of the article" is df less the
	// paragraph's own use, for every paragraph judged. It is counted
	// only for an article with a note-shaped paragraph at an edge, which
	// most have not.
	var df map[string]int
	keysOf := make(map[int][]string, len(prose))
	count := func(keys []string, delta int) {
		seen := make(map[string]bool, len(keys))
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				df[k] += delta
			}
		}
	}
	counted := func() {
		if df != nil {
			return
		}
		df = make(map[string]int)
		count(termKeys(title), 1)
		for _, i := range prose {
			keysOf[i] = termKeys(units[i].text)
			count(keysOf[i], 1)
		}
	}
	judge := func(i int) bool {
		s := units[i].text
		if text.WordCount(s) > maxEdgeWords || reportsSpeech(s) || !speaksOfPage(s) {
			return false
		}
		counted()
		keys := keysOf[i]
		if len(keys) == 0 {
			return false
		}
		count(keys, -1)
		hits := 0
		for _, k := range keys {
			if df[k] > 0 {
				hits++
			}
		}
		if float64(hits) >= minEdgeShare*float64(len(keys)) {
			count(keys, 1)
			return false
		}
		units[i].drop = ReasonDetachedEdge
		return true
	}
	for k := 0; k < maxEdgeDepth && judge(prose[k]); k++ {
	}
	for k := 0; k < maxEdgeDepth && judge(prose[len(prose)-1-k]); k++ {
	}
}

// reportsSpeech reports a paragraph that quotes someone or goes on from
// the paragraph before with a pronoun: the story's reporting, which a
// note to the reader never is.
func reportsSpeech(s string) bool {
	if strings.ContainsAny(s, "\"“”") {
		return true
	}
	first, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	switch strings.ToLower(first) {
	case "he", "she", "they", "it", "his", "her", "their", "its":
		return true
	}
	return false
}

// speaksOfPage reports a paragraph that addresses its reader or names
// the page it is on: the voice of a site's notes, prompts and banners.
// The words are the grammar of address and the few nouns a page uses
// for itself, not phrases of any note.
func speaksOfPage(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if w == "US" {
			continue // the country, not the pronoun
		}
		switch strings.ToLower(w) {
		case "you", "your", "we", "our", "us",
			"article", "story", "page", "site", "website", "post", "report", "version", "cookies", "newsletter":
			return true
		}
	}
	return false
}
