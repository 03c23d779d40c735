package clean

import (
	"strings"
	"unicode/utf8"
)

// unit is a paragraph candidate: a heading, a list item or a run of
// lines joined into one paragraph. Cleaning passes mark units dropped
// rather than deleting them, so each pass sees the document's shape.
type unit struct {
	text     string
	heading  bool // a Markdown heading
	bullet   bool
	numbered bool
	lines    int
	// drop is why the unit is taken out of the body; meta marks a unit
	// that became metadata and needs no record.
	drop string
	meta bool
	// label is a callout label cut from the front of the text.
	label string
}

func (u *unit) kept() bool { return u.drop == "" && !u.meta }

// headingLike reports whether u reads as a heading: a Markdown heading, or
// one short line that does not end a sentence.
func (u *unit) headingLike() bool {
	return u.heading || (!u.bullet && u.lines == 1 && isShortLine(u.text))
}

// maxWrappedLine is the longest line taken for hard-wrapped text; editors
// and mail programs wrap at 72–80 characters.
const maxWrappedLine = 100

// buildUnits groups lines into paragraphs. Blank lines always separate
// paragraphs. Within a block of lines, each line is its own paragraph
// (the one-paragraph-per-line files) unless the block is hard-wrapped
// prose, whose lines are joined back; headings, list items and metadata
// lines always stand alone.
func buildUnits(lines []line) []unit {
	var units []unit
	var block []line
	flush := func() {
		units = append(units, joinBlock(block)...)
		block = block[:0]
	}
	for _, l := range lines {
		switch {
		case l.blank:
			flush()
		case l.separator:
			flush()
			units = append(units, unit{text: l.text, lines: 1, drop: ReasonSeparator})
		default:
			block = append(block, l)
		}
	}
	flush()
	for i := range units {
		if units[i].drop == "" {
			units[i].text = tidy(units[i].text)
		}
	}
	return units
}

func joinBlock(block []line) []unit {
	for i := range block {
		block[i].alone = standsAlone(block[i])
	}
	wrapped := isWrapped(block)
	var units []unit
	var parts []string // lines of the last unit, joined once at the end
	flush := func() {
		if len(parts) > 0 {
			units[len(units)-1].text = strings.Join(parts, " ")
			parts = parts[:0]
		}
	}
	for i, l := range block {
		if i > 0 && joins(block, i, wrapped) {
			units[len(units)-1].lines++
			parts = append(parts, l.text)
			continue
		}
		flush()
		units = append(units, unit{heading: l.heading, bullet: l.bullet, numbered: l.numbered, lines: 1})
		parts = append(parts, l.text)
	}
	flush()
	return units
}

// joins reports whether line i continues the paragraph of line i-1.
func joins(block []line, i int, wrapped bool) bool {
	a, b := block[i-1], block[i]
	if b.alone || a.alone && !a.bullet && !a.numbered || a.numbered && !startsLower(b.text) {
		return false
	}
	if startsLower(b.text) && !endsSentence(a.text) {
		return true // a wrapped list item, or prose split mid-sentence
	}
	if a.bullet {
		return false
	}
	if opensParagraph(block, i-1) && isShortLine(a.text) && startsUpper(b.text) && (!wrapped || isTitleCase(a.text)) {
		return false // a heading above its paragraph
	}
	if endsSentence(a.text) {
		return wrapped
	}
	if startsUpper(b.text) && (!wrapped || isGlued(block, i-1)) {
		return false // a header line pasted above a sentence: its own line
	}
	return utf8.RuneCountInString(a.text) <= maxWrappedLine
}

// gluedShare: in hard-wrapped text every line but a paragraph's last
// runs close to the wrap width. A line that ends mid-sentence at less
// than this share of the block's longest line was not wrapped: it is a
// line of its own (a date, a byline, a headline, a label) that a paste
// with single newlines put above the text.
const gluedShare = 0.6

// isGlued reports whether line i of a wrapped block is too short to
// have been wrapped.
func isGlued(block []line, i int) bool {
	width := 0
	for _, l := range block {
		width = max(width, utf8.RuneCountInString(l.text))
	}
	return float64(utf8.RuneCountInString(block[i].text)) < gluedShare*float64(width)
}

// opensParagraph reports whether line i starts something new: the block's
// first line, or one after a line that ended a sentence.
func opensParagraph(block []line, i int) bool {
	return i == 0 || endsSentence(block[i-1].text) || block[i-1].alone
}

// standsAlone is true for lines that are never part of a paragraph, bar
// the lower-case continuation of a list item.
func standsAlone(l line) bool {
	return l.heading || l.bullet || l.numbered || isMetaLine(l.text) || boilerplateReason(l.text) != ""
}

// isWrapped reports whether a block is hard-wrapped prose: several lines,
// none longer than a wrap width, most ending mid-sentence close to the
// block's widest line (gluedShare of it): a wrap cuts a line near the
// width, while a head pasted line by line (a long headline, a short
// credit under it) stops its lines wherever they end.
func isWrapped(block []line) bool {
	var prose, open, chars, width int
	for _, l := range block {
		if !l.alone {
			width = max(width, utf8.RuneCountInString(l.text))
		}
	}
	for i, l := range block {
		if l.alone {
			continue
		}
		n := utf8.RuneCountInString(l.text)
		if n > maxWrappedLine {
			return false
		}
		if i == len(block)-1 {
			continue
		}
		prose++
		chars += n
		if !endsSentence(l.text) && float64(n) >= gluedShare*float64(width) {
			open++
		}
	}
	return prose >= 1 && 2*open > prose && chars >= minWrapWidth*prose
}

// minWrapWidth is the shortest mean length of the lines of hard-wrapped
// text (bar each paragraph's last): editors wrap at 60–80 characters,
// and even narrow columns hold more than this. A block of shorter lines
// that end mid-sentence is a menu or a header pasted line by line.
const minWrapWidth = 40

// isMetaLine reports lines that carry metadata: dates, bylines, labels.
func isMetaLine(s string) bool {
	if _, ok := parseDateLine(s); ok {
		return true
	}
	if _, ok := parseByline(s); ok {
		return true
	}
	_, _, ok := parseLabel(s)
	return ok
}
