package summarize

import (
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest/lazyre"
)

// A sentence that places something to come by the article's own calendar
// ("later this year", "next month", "in the coming weeks") is news only
// until that time has passed, counted from when the article was written.
// Read from an article of unknown date, the time cannot be placed at all,
// and a reader takes it for the edition's own calendar, which is wrong
// as often as not: such a sentence is not chosen either.

// relativeRE finds a time to come named relative to when the article was
// written. Group 1 is the unit of "this …", group 2 of "next …" or
// "coming …"; "tomorrow" matches alone.
var relativeRE = lazyre.New(`(?i)\b(?:later\s+)?this\s+(year|month|week|spring|summer|autumn|fall|winter|quarter)\b|\b(?:next|(?:in|over|within)\s+the\s+(?:coming|next))\s+(year|month|week|days|weeks|months|spring|summer|autumn|fall|winter|quarter)\b|\btomorrow\b`)

// staleRelative reports whether s speaks of something to come at a time
// named relative to the article's date that has passed by now, or that
// cannot be placed because the article's date is unknown. published is
// the article's date when known; else year is the year it speaks from
// (0 when unknown). A "this …" counts only in a sentence about the
// future ("this year" in "rose 4% this year" is a report, not a plan).
func staleRelative(s string, published time.Time, year int, now time.Time) bool {
	if now.IsZero() {
		return false
	}
	future := futureRE.MatchString(s)
	var latest time.Time
	for _, m := range relativeRE.FindAllStringSubmatchIndex(s, -1) {
		text := strings.ToLower(s[m[0]:m[1]])
		next := m[4] >= 0 || text == "tomorrow"
		if !next && !future && !strings.HasPrefix(text, "later") {
			continue
		}
		if published.IsZero() && year == 0 {
			return true // to come, but from when?
		}
		unit := "day"
		switch {
		case m[2] >= 0:
			unit = strings.ToLower(s[m[2]:m[3]])
		case m[4] >= 0:
			unit = strings.ToLower(s[m[4]:m[5]])
		}
		end := relativeEnd(unit, next, published, year, now.Location())
		if end.After(latest) {
			latest = end
		}
	}
	return !latest.IsZero() && latest.Before(now)
}

// relativeEnd is when the time named ends, counted from the article's
// date, or from the end of its year when only the year is known (the
// latest the article can have been written).
func relativeEnd(unit string, next bool, published time.Time, year int, loc *time.Location) time.Time {
	from := published
	if from.IsZero() {
		from = time.Date(year, time.December, 31, 0, 0, 0, 0, loc)
	}
	y, m, d := from.Date()
	add := 0
	if next {
		add = 1
	}
	switch unit {
	case "year", "spring", "summer", "autumn", "fall", "winter":
		return time.Date(y+1+add, time.January, 1, 0, 0, 0, 0, loc)
	case "quarter", "months":
		return time.Date(y, m+3+time.Month(3*add), 1, 0, 0, 0, 0, loc)
	case "month":
		return time.Date(y, m+1+time.Month(add), 1, 0, 0, 0, 0, loc)
	case "week", "weeks":
		return time.Date(y, m, d+7*(1+add)+7, 0, 0, 0, 0, loc)
	}
	return time.Date(y, m, d+7, 0, 0, 0, 0, loc) // a day or "the coming days"
}
