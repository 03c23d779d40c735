package clean

import (
	"strings"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/lazyre"
)

// headUnits is how many paragraphs from the top are searched for the
// title and its metadata; a byline or date further down is body text.
const headUnits = 8

var labelLine = lazyre.New(`(?i)^(title|headline|source|publication|publisher|published in|site|author|authors|written by|url|link|original url|canonical url|published|publication date|date|posted|updated|last updated)\s*:\s*(.+)$`)

// parseLabel reads a labelled metadata line, "Source: The Diplomat", and
// names the field it fills: title, publication, author, url or date.
func parseLabel(s string) (field, value string, ok bool) {
	m := labelLine.FindStringSubmatch(s)
	if m == nil || utf8.RuneCountInString(m[2]) > 100 {
		return "", "", false
	}
	value = strings.Trim(strings.TrimSpace(m[2]), `"'`)
	switch key := strings.ToLower(m[1]); key {
	case "title", "headline":
		field = "title"
	case "source", "publication", "publisher", "published in", "site":
		field = "publication"
	case "author", "authors", "written by":
		field = "author"
	case "url", "link", "original url", "canonical url":
		field = "url"
	case "updated", "last updated":
		field = "updated" // not a publication date; the line goes
	default:
		field = "date"
	}
	return field, value, true
}

// meta fills the article's metadata from the lines that carry it.
type meta struct {
	art *digest.Article
	// extracted is set for an extractor's text, which is the main text
	// already (see digest.Document.Extracted): a short line at its top
	// is the article's own (a kicker, a subheading), not furniture.
	extracted bool
}

// take reads u as a metadata line (label, date or byline), fills what it
// says and marks u as metadata. It reports whether u was one.
func (m meta) take(u *unit) bool {
	if field, value, ok := parseLabel(u.text); ok {
		m.fill(field, value)
		u.meta = true
		return true
	}
	if d, ok := parseDateLine(u.text); ok {
		if d.published && m.art.Published.IsZero() {
			m.art.Published = d.date
		}
		u.meta = true
		return true
	}
	b, ok := parseByline(u.text)
	if !ok {
		b, ok = parseCredits(u.text)
	}
	if ok {
		m.addAuthors(b.names...)
		if !b.date.IsZero() && m.art.Published.IsZero() {
			m.art.Published = b.date
		}
		if len(b.names) == 0 {
			u.drop = ReasonNamelessByline
		} else {
			u.meta = true
		}
		return true
	}
	return false
}

func (m meta) fill(field, value string) {
	a := m.art
	if field == "publication" && (strings.HasPrefix(value, "http://") || strings.HasPrefix(value, "https://")) {
		field = "url"
	}
	switch field {
	case "title":
		if a.Title == "" {
			a.Title = value
		}
	case "publication":
		if a.Publication == "" {
			a.Publication = value
		}
	case "url":
		if a.URL == "" {
			a.URL = value
		}
	case "author":
		if b, ok := parseByline("By " + value); ok {
			m.addAuthors(b.names...)
		}
	case "date":
		if d, ok := parseDateLine(value); ok && a.Published.IsZero() {
			a.Published = d.date
		}
	}
}

func (m meta) addAuthors(names ...string) {
	for _, n := range names {
		if !containsFold(m.art.Authors, n) {
			m.art.Authors = append(m.art.Authors, n)
		}
	}
}

// readHead finds the title, publication, date and byline at the top of
// the text. Key-point bullets before the title are left in the body. A
// short line next to a date line is the publication's name when the title
// is elsewhere. The title repeated is dropped. The first paragraph that is
// none of these ends the head.
func (m meta) readHead(units []unit) {
	seen := 0
	for i := 0; i < len(units) && seen < headUnits; i++ {
		u := &units[i]
		if !u.kept() || boilerplateReason(u.text) != "" {
			continue
		}
		seen++
		if m.take(u) {
			continue
		}
		title := m.art.Title
		switch {
		case u.bullet && title == "":
		case isPublicationName(u.text) && isPublicationLine(units, i, title != ""):
			if m.art.Publication == "" {
				m.art.Publication = u.text
			}
			u.meta = true
		case title == "" && u.headingLike() && !isLabelledName(u.text) && !isListRow(u.text):
			// The headline test of chooseTitle, in short: about what the
			// rest is about. A widget's or banner's line at the top of a
			// file with no headline is furniture, not its title.
			if !restOf(units, i).shares(u.text) {
				if m.extracted {
					return
				}
				u.drop = ReasonOutside
				continue
			}
			m.art.Title = u.text
			u.meta = true
		case title != "" && sameText(u.text, title):
			u.drop = ReasonRepeatedTitle
		default:
			return
		}
	}
}

// readTail takes labelled lines ("Source: …"), wire-service credit lines
// and author biographies off the end of the body.
func (m meta) readTail(units []unit) {
	var bios []string // found last first
	for j := len(units) - 1; j >= 0; j-- {
		if stop := m.takeTail(&units[j], &bios); stop {
			break
		}
	}
	for i := len(bios) - 1; i >= 0; i-- {
		m.addAuthors(bios[i])
	}
}

// takeTail reads one paragraph from the end; it reports true at the
// first paragraph of the body proper, where reading stops.
func (m meta) takeTail(u *unit, bios *[]string) (stop bool) {
	if !u.kept() {
		return false
	}
	if _, _, ok := parseLabel(u.text); ok && m.take(u) {
		return false
	}
	if _, ok := parseCredits(u.text); ok && m.take(u) {
		return false
	}
	if name, ok := parseBio(u.text); ok {
		*bios = append(*bios, name)
		u.drop = ReasonBio
		return false
	}
	return true
}

// isPublicationName reports a short name in title case with no sentence
// in it: "National Defense", "The Diplomat", "War on the Rocks".
func isPublicationName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 || utf8.RuneCountInString(s) > 40 || strings.ContainsAny(s, "0123456789,;:!?") {
		return false
	}
	for i, w := range words {
		if i > 0 && i < len(words)-1 && isSmallWord(w) {
			continue
		}
		if !isCapitalisedWord(strings.TrimSuffix(w, "&")) && w != "&" {
			return false
		}
	}
	return true
}

func isSmallWord(w string) bool {
	switch w {
	case "of", "the", "on", "and", "for", "in", "at", "a", "an", "&", "de":
		return true
	}
	return false
}

// isPublicationLine reports whether the publication-like line i names the
// publication rather than the article: it sits next to a date line and
// the title is elsewhere. Before the title, the date may be on either
// side and a title must follow; after it, the date must come right after
// the name ("The Diplomat", "May 1, 2023"), as a subtitle never is.
func isPublicationLine(units []unit, i int, titleFound bool) bool {
	if titleFound {
		return isDateUnit(units, i+1)
	}
	return (isDateUnit(units, i-1) || isDateUnit(units, i+1)) && titleFollows(units, i)
}

func isDateUnit(units []unit, i int) bool {
	if i < 0 || i >= len(units) || units[i].drop == ReasonSeparator {
		return false
	}
	_, ok := parseDateLine(units[i].text)
	return ok
}

// titleFollows reports whether a title-like line comes within the next
// few paragraphs after i, so i itself need not be the title.
func titleFollows(units []unit, i int) bool {
	for j := i + 1; j < len(units) && j <= i+3; j++ {
		u := &units[j]
		if !u.kept() || isMetaLine(u.text) {
			continue
		}
		return u.headingLike()
	}
	return false
}

// sameText compares two lines ignoring case, spacing and end punctuation.
func sameText(a, b string) bool {
	norm := func(s string) string {
		return strings.TrimRight(strings.ToLower(strings.Join(strings.Fields(s), " ")), ".:!?")
	}
	return norm(a) == norm(b)
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// restOf is the words of the kept units after i.
func restOf(units []unit, i int) *termSet {
	return &termSet{build: unitTexts(units, func(j int) bool { return j > i })}
}
