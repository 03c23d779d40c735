package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest/text"
)

// The furniture model reads what a paragraph is, as jusText does
// (Pomikálek 2011): prose is long and dense in function words; site
// furniture (menus, labels, share rows, captions, crumbs) is short, made
// of names and labels, and seldom ends like a sentence. Each paragraph is
// classed on its own, then the classes of short and borderline ones are
// settled by their neighbours, and the article is the main run of prose.
type class uint8

const (
	classBad      class = iota // furniture: short of function words, or UI-shaped
	classShort                 // too short to judge alone
	classNearGood              // prose-like but not clearly so
	classGood                  // prose
)

const (
	// shortChars: below it a paragraph is too short to judge by its words
	// alone (jusText's length_low, 70). Most furniture lines are shorter.
	shortChars = 70
	// goodChars: above it a dense paragraph is prose outright (jusText's
	// length_high, 200); between the two it is only near-good.
	goodChars = 200
	// goodSentenceChars: a paragraph that ends like a sentence is prose
	// outright from this length, as wire copy's one-sentence paragraphs
	// seldom reach goodChars; captions, bios and prompts stay below it.
	goodSentenceChars = 140
	// Stopword density bounds (jusText's stopwords_low and _high for
	// English): prose runs 0.35–0.55; names, labels and headlines
	// 0–0.2.
	stopLow  = 0.30
	stopHigh = 0.32
	// maxSymbolShare: a paragraph whose characters are more than this
	// share digits and symbols (times, counts, separators, prices) is a
	// listing or widget, not prose.
	maxSymbolShare = 0.3
	// sentenceDensity: a paragraph shaped as a sentence of minSentenceWords
	// or more is near-good from this density up, whatever its length: one
	// BBC sentence in a hundred has fewer function words than that, while
	// most labels, names and menus have none.
	sentenceDensity  = 0.15
	minSentenceWords = 6
	// foreignDensity: a document whose words are below this share of
	// English function words is in another language; there a sentence
	// ending stands in for stopword density, as no word list is kept.
	foreignDensity = 0.12
)

// features is what the classifier reads of one paragraph.
type features struct {
	chars, words int
	stops        int
	stopDensity  float64
	symbolShare  float64
	sentence     bool // ends like a sentence
	capShare     float64
}

func measure(s string) features {
	f := features{chars: utf8.RuneCountInString(s), sentence: endsSentence(s) && !strings.HasSuffix(s, ":")}
	ws := text.Words(s)
	f.words = len(ws)
	caps, long := 0, 0
	for _, w := range ws {
		if text.IsStopWord(w) {
			f.stops++
		}
	}
	for _, w := range strings.Fields(s) {
		w = strings.TrimLeft(w, "\"“‘'(")
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		long++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	if f.words > 0 {
		f.stopDensity = float64(f.stops) / float64(f.words)
	}
	if long > 0 {
		f.capShare = float64(caps) / float64(long)
	}
	var sym, all int
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		all++
		if !unicode.IsLetter(r) && !strings.ContainsRune(".,'’\"“”-()!?;:", r) {
			sym++
		}
	}
	if all > 0 {
		f.symbolShare = float64(sym) / float64(all)
	}
	return f
}

// classOf is jusText's context-free classification of one paragraph.
// In a foreign document a sentence of eight words or more stands in for
// the density of function words, as no word list is kept for it.
func classOf(f features, foreign bool) class {
	if foreign && f.sentence && f.words >= 8 {
		f.stopDensity = stopHigh
	}
	switch {
	case f.symbolShare > maxSymbolShare:
		return classBad
	case f.stopDensity >= stopHigh && (f.chars > goodChars || f.sentence && f.chars > goodSentenceChars):
		return classGood
	case f.sentence && f.words >= minSentenceWords && f.stopDensity >= sentenceDensity:
		return classNearGood // a sentence of prose: a quote, a one-line paragraph
	case f.chars < shortChars:
		return classShort
	case f.stopDensity >= stopLow:
		return classNearGood
	}
	return classBad
}
