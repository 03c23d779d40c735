package pipeline

import (
	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/text"
)

// wordsPerMinute is an adult's silent reading speed for non-fiction
// (Brysbaert, 2019: 238), rounded down for text read on a phone.
const wordsPerMinute = 230

// numberItems gives every item its number in reading order and every
// lead and section-summary sentence the number of the item it was taken
// from, the marker a reader sees beside it; then counts what a reader
// reads (the editor's intro too) and how long that takes.
func numberItems(ed *digest.Edition) {
	numbers := map[string]int{}
	words := text.WordCount(ed.Intro)
	for s := range ed.Sections {
		for i := range ed.Sections[s].Items {
			it := &ed.Sections[s].Items[i]
			it.Number = len(numbers) + 1
			numbers[it.ID] = it.Number
			words += text.WordCount(it.Title)
			for _, sent := range it.Summary {
				words += text.WordCount(sent)
			}
		}
	}
	refer := func(ss []digest.Sentence) {
		for i := range ss {
			ss[i].Ref = numbers[ss[i].ItemID]
			words += text.WordCount(ss[i].Text)
		}
	}
	refer(ed.Lead)
	for s := range ed.Sections {
		refer(ed.Sections[s].Summary)
	}
	ed.Words = words
	ed.ReadingMinutes = max(1, (words+wordsPerMinute-1)/wordsPerMinute)
}
