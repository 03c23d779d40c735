package clean

import (
	"strings"

	"github.com/digest-newsletter/digest/digest/text"
)

// dropBlocks removes the blocks that site furniture comes in, headed by a
// line that names them: an FAQ, a comment prompt, a list of related links.
// What follows such a heading is dropped as long as it has the block's
// shape, so real text after the block survives.
func dropBlocks(units []unit) {
	for i := range units {
		u := &units[i]
		if !u.kept() || !u.headingLike() {
			continue
		}
		switch {
		case faqHeading.MatchString(u.text):
			u.drop = ReasonFAQ
			dropFAQ(units, i+1)
		case relatedHeading.MatchString(u.text):
			u.drop = ReasonRelated
			dropRelated(units, i+1)
		case boilerplateReason(u.text) == ReasonComment:
			u.drop = ReasonComment
			dropCommentPrompts(units, i+1)
		}
	}
}

// dropFAQ drops questions and answers up to the end or to a heading that
// is not followed by a question; a heading followed by a question is one
// more part of the FAQ. Another block's heading ends it.
func dropFAQ(units []unit, from int) {
	for j := from; j < len(units); j++ {
		u := &units[j]
		if !u.kept() {
			continue
		}
		if boilerplateReason(u.text) != "" || relatedHeading.MatchString(u.text) {
			return
		}
		if u.headingLike() && !isQuestion(u.text) {
			next := nextKept(units, j+1)
			if next < 0 || !isQuestion(units[next].text) {
				return
			}
		}
		u.drop = ReasonFAQ
	}
}

// dropRelated drops the link titles under a related-links heading: short
// lines and short list items that end no sentence. Other furniture in the
// list goes with its own reason.
func dropRelated(units []unit, from int) {
	for j := from; j < len(units); j++ {
		u := &units[j]
		if !u.kept() {
			continue
		}
		if reason := boilerplateReason(u.text); reason != "" {
			u.drop = reason
			continue
		}
		link := u.headingLike() || (u.bullet && text.WordCount(u.text) <= 20 && !endsSentence(u.text))
		if !link || faqHeading.MatchString(u.text) {
			return
		}
		u.drop = ReasonRelated
	}
}

// dropCommentPrompts drops the questions put to readers under a comment
// heading ("Do you think …?") and any furniture around them.
func dropCommentPrompts(units []unit, from int) {
	for j := from; j < len(units); j++ {
		u := &units[j]
		if !u.kept() {
			continue
		}
		reason := boilerplateReason(u.text)
		switch {
		case reason != "":
			u.drop = reason
		case isQuestion(u.text):
			u.drop = ReasonComment
		default:
			return
		}
	}
}

// dropBoilerplate drops single paragraphs of site furniture and handles
// callout boxes. A "Did you know?" box is kept, without its label, when
// what follows the label is substantive (a sentence of a dozen words or
// more): it states facts of the story. An empty one goes. Tips ("Pro Tip
// for …") are advice to the reader, not reporting, and always go.
func dropBoilerplate(units []unit) {
	for i := range units {
		u := &units[i]
		if !u.kept() {
			continue
		}
		if reason := boilerplateReason(u.text); reason != "" {
			u.drop = reason
			continue
		}
		label := calloutLabel.FindString(u.text)
		if label == "" {
			continue
		}
		rest := u.text[len(label):]
		if text.WordCount(rest) >= 12 && endsSentence(rest) {
			u.text = rest
			u.label = strings.TrimSpace(label)
		} else {
			u.drop = ReasonCallout
		}
	}
}

// dropTrailingHeadings drops headings left at the end of the body with
// nothing under them once what they headed was removed.
func dropTrailingHeadings(units []unit) {
	removedAfter := false
	for j := len(units) - 1; j >= 0; j-- {
		u := &units[j]
		if u.drop != "" {
			removedAfter = true
		}
		if !u.kept() {
			continue
		}
		if !removedAfter || !u.headingLike() || endsSentence(u.text) {
			return
		}
		u.drop = ReasonEmptyHeading
	}
}

func nextKept(units []unit, from int) int {
	for j := from; j < len(units); j++ {
		if units[j].kept() {
			return j
		}
	}
	return -1
}
