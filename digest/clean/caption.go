package clean

import (
	"strings"

	"github.com/digest-newsletter/digest/digest/lazyre"
	"github.com/digest-newsletter/digest/digest/text"
)

// Captions, credits and labels sit inside the article's text but are not
// its prose: a summary that quotes one opens the digest with a picture's
// description. They are told by shape, not by wording.
const (
	// maxCaptionWords: a caption describes one picture in one short
	// sentence; a paragraph of the story that short is rare, and one that
	// is also dense in names (see minCaptionCaps) and quotes no one rarer.
	maxCaptionWords = 14
	// minCaptionCaps is the share of capitalised words from which a short
	// lone sentence reads as a caption (who, where, when: names, places,
	// days), where story sentences run lower.
	minCaptionCaps = 0.3
	// maxSceneWords: a lone sentence this short describes a scene
	// ("Crowds at the station in the rain.") whatever its capitals; the
	// classifier still keeps it when it shares the story's words.
	maxSceneWords = 10
	// maxLabelWords is the longest text after a one- or two-word label
	// and a colon ("Left: …", "Image: …") taken for a labelled caption or
	// credit rather than a sentence.
	maxLabelWords = 8
)

// labelPrefix is a one- or two-word label and a colon opening a line.
var labelPrefix = lazyre.New(`^[\p{Lu}][\p{L}]*(?: [\p{L}]+)?\s?:\s+`)

// isLabelled reports a labelled caption or credit: a short label and a
// colon before a few words that end no sentence.
func isLabelled(s string) bool {
	loc := labelPrefix.FindStringIndex(s)
	if loc == nil {
		return false
	}
	rest := s[loc[1]:]
	return text.WordCount(rest) <= maxLabelWords && !endsSentence(rest)
}

// maxLabelledName is the longest text after a label that is read as the
// name of what a picture shows ("Left: the harbour master") rather than
// a headline after its kicker, which says something and runs longer.
const maxLabelledName = 4

// isLabelledName reports a labelled caption naming what is pictured,
// which is never a title.
func isLabelledName(s string) bool {
	loc := labelPrefix.FindStringIndex(s)
	return loc != nil && text.WordCount(s[loc[1]:]) <= maxLabelledName && !endsSentence(s)
}

// isCaptionSentence reports a paragraph shaped like a picture's caption:
// one short sentence dense in names (or shorter than a story's sentences
// run) that quotes no one, speaks to no one and points back to nothing
// (a pronoun such as "it" or "they" continues a story; a caption stands
// alone). The classifier takes it for one only when it is also not about
// what the story is about, as a story's one-line lead is.
func isCaptionSentence(s string, f features) bool {
	if f.words > maxCaptionWords || f.words < 3 || f.capShare < minCaptionCaps && f.words > maxSceneWords || strings.ContainsAny(s, "\"“”‘’?!") {
		return false
	}
	if len(text.Sentences(s)) != 1 {
		return false
	}
	for _, w := range text.Words(s) {
		switch w {
		case "i", "we", "you", "my", "our", "your", "me", "us", "it", "its", "he", "she", "his", "her", "they", "their", "this", "these":
			return false
		}
	}
	return true
}
