package clean

import (
	"strings"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/lazyre"
	"github.com/digest-newsletter/digest/digest/text"
)

// ReasonDateline marks the wire-service dateline cut from the front of
// an article's first paragraph.
const ReasonDateline = "dateline"

// wireDateline is the shape of the dateline wire copy opens with: a
// place of one to four capitalised words (in capitals or not), perhaps a
// state, country or date after commas, perhaps a short agency name in
// brackets, then a dash or a colon; or the bracketed agency alone. It
// belongs to the wire, not to the first sentence, and a summary quoting
// that sentence should not start with it. Nothing here names a place or
// an agency: a new one has the same shape.
var wireDateline = lazyre.New(`^(?:` +
	`(?P<place>` + placeWord + `(?: ` + placeWord + `){0,3})` + // the place
	`(?P<region>(?:, ` + placeWord + `(?: ` + placeWord + `){0,2}(?: [0-9]{1,2}(?:, [0-9]{4})?)?){0,2})` + // ", State", ", Jan. 5"
	`(?P<agency> ?\([A-Za-z][A-Za-z.&' -]{1,24}\)?)?` + // " (Agency)" (and the odd "(Agency")
	`|(?P<alone>\([A-Za-z][A-Za-z.&' -]{1,24}\))` + // "(Agency)" alone
	`)(?P<sep> ?(?:--|—|–|_|-)|:) +`)

// placeWord is one word of a place name: a capital, then letters, dots
// and apostrophes ("N.Y.", "D'Ivoire", "Port-au-Prince").
const placeWord = `[A-Z][A-Za-z.'’-]*`

// datelineAt returns the length of the dateline s opens with, or 0. A
// colon ends a dateline only after a place in capitals, a region or an
// agency, as "Minister Jane Doe: we will" is a quotation's speaker, not a
// dateline; and what follows must start a sentence.
func datelineAt(s string) int {
	re := wireDateline.Re()
	m := re.FindStringSubmatchIndex(s)
	if m == nil {
		return 0
	}
	group := func(name string) string {
		i := re.SubexpIndex(name)
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	rest := s[m[1]:]
	if !startsUpper(rest) {
		return 0
	}
	place := group("place")
	if strings.TrimSpace(group("sep")) == ":" && group("agency") == "" && group("alone") == "" && group("region") == "" &&
		(strings.ToUpper(place) != place || utf8.RuneCountInString(place) < 3) {
		return 0
	}
	if place != "" && group("agency") == "" && group("region") == "" && strings.ToUpper(place) == place && utf8.RuneCountInString(place) < 2 {
		return 0
	}
	return m[1]
}

// maxHeadingsAbove is how many subheadings or short lines (a kicker, a
// section line the head's reading left, a caption) may stand above the
// paragraph a dateline opens.
const maxHeadingsAbove = 2

// cutDateline removes a wire dateline from the first paragraph of prose
// (under at most maxHeadingsAbove headings) and records it; a dateline
// that stands as its own line there goes whole. Only a paragraph that
// goes on for a sentence afterwards is cut, so a heading such as
// "NATO -- the next decade" stays. It returns the kept units.
func cutDateline(kept []unit, art *digest.Article) []unit {
	for i := 0; i < len(kept) && i <= maxHeadingsAbove; i++ {
		u := &kept[i]
		if u.bullet {
			return kept
		}
		if n := datelineAt(u.text + " A"); n == len(u.text)+1 && i+1 < len(kept) {
			art.Removed = append(art.Removed, digest.Removal{Text: u.text, Reason: ReasonDateline})
			return append(kept[:i], kept[i+1:]...)
		}
		if u.heading || u.headingLike() || text.WordCount(u.text) <= maxCaptionWords && datelineAt(u.text) == 0 {
			continue // a kicker, or a caption left above the story
		}
		n := datelineAt(u.text)
		if n == 0 || len(strings.Fields(u.text[n:])) < minUsableWords {
			return kept
		}
		art.Removed = append(art.Removed, digest.Removal{Text: strings.TrimSpace(u.text[:n]), Reason: ReasonDateline})
		u.text = u.text[n:]
		return kept
	}
	return kept
}
