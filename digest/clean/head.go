package clean

// readAbove reads what lies above the article's main text: the title
// chosen by chooseTitle, the dates, bylines and publication name, and a
// repeated copy of the title. Everything else there is the page's
// furniture (menus, crumbs, banners, captions, share rows) and goes.
// It reports whether it found the title; when not, readHead reads the
// head as it always has, from what the classifier left.
func (m meta) readAbove(units []unit, b body) bool {
	t := -1
	if m.art.Title == "" {
		if t = chooseTitle(units, b); t < 0 {
			return false
		}
		m.art.Title = units[t].text
		units[t].meta = true
	}
	keyPoints := keyPointsFrom(units, b)
	for i := 0; i < b.start; i++ {
		u := &units[i]
		switch {
		case !u.kept() || boilerplateReason(u.text) != "":
		case sameText(u.text, m.art.Title):
			u.drop = ReasonRepeatedTitle
		case m.take(u):
		case isPublicationName(u.text) && (isDateUnit(units, i+1) || i < t && isDateUnit(units, i-1)):
			if m.art.Publication == "" {
				m.art.Publication = u.text
			}
			u.meta = true
		case i >= keyPoints:
		default:
			u.drop = ReasonOutside
		}
	}
	return true
}

// dropAbove handles the head of a document in which no line above the
// main text passed for its headline: the dates and bylines there are
// read, and the rest is furniture. The title is then derived from the
// body.
func dropAbove(units []unit, b body) {
	if !b.ok {
		return
	}
	for i := 0; i < b.start; i++ {
		if u := &units[i]; u.kept() && !isMetaLine(u.text) && boilerplateReason(u.text) == "" {
			u.drop = ReasonOutside
		}
	}
}

// keyPointsFrom returns where a list of key points right above the body
// begins (b.start when there is none): list items in sentence case, as
// news apps open a story with, which stay in the body.
func keyPointsFrom(units []unit, b body) int {
	from := b.start
	for i := b.start - 1; i >= 0; i-- {
		u := &units[i]
		if !u.kept() {
			continue
		}
		if !u.bullet || isListRow(u.text) || isTitleCase(u.text) {
			break
		}
		from = i
	}
	return from
}
