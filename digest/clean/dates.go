package clean

import (
	"strconv"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest/lazyre"
)

var (
	// dateLabel is a word that may introduce a date line. "Updated" dates
	// are recognised (and taken out of the body) but are not publication
	// dates.
	dateLabel = lazyre.New(`(?i)^(?:(first published|originally published|published|posted|date|dated|updated|last updated|last modified|modified)(?:\s+on)?\s*[:|–—-]?\s*)`)
	weekday   = `(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`
	clock     = `(?:\s*(?:,|at|@|\||·|–|—|-)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|UTC[+-]?\d*|GMT[+-]?\d*)?)?`
	// monthFirst: "December 6, 2022", "Dec. 6 2022", "Tuesday, December 6th, 2022 at 9:30 AM".
	monthFirst = lazyre.New(`(?i)^` + weekday + `([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` + clock + `$`)
	// dayFirst: "6 December 2022", "6 Dec 2022", "Tue 6th Dec, 2022".
	dayFirst = lazyre.New(`(?i)^` + weekday + `(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})` + clock + `$`)
	// isoDate: "2023-05-01", "2023/05/01", "2023-05-01T10:00:00Z".
	isoDate = lazyre.New(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?` + clock + `$`)
)

// monthNamed reads a month's English name or its abbreviation.
func monthNamed(s string) time.Month {
	s = strings.ToLower(s)
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if s == name || s == name[:3] || (m == time.September && s == "sept") {
			return m
		}
	}
	return 0
}

// dateLine is a line that is nothing but a date, perhaps labelled.
type dateLine struct {
	date      time.Time // zero when the label says it is not a publication date
	published bool
}

// parseDateLine reports whether s is a date line and, if it is a
// publication date, which day. Times and zones are dropped: the digest
// shows days, and a day is all most sources give.
func parseDateLine(s string) (dateLine, bool) {
	if len(s) > 80 {
		return dateLine{}, false
	}
	s = strings.TrimSpace(s)
	label := ""
	if m := dateLabel.FindStringSubmatch(s); m != nil {
		label = strings.ToLower(m[1])
		s = strings.TrimSpace(s[len(m[0]):])
	}
	d, ok := parseDate(s)
	if !ok {
		return dateLine{}, false
	}
	published := !strings.Contains(label, "updated") && !strings.Contains(label, "modified")
	if !published {
		d = time.Time{}
	}
	return dateLine{date: d, published: published}, true
}

// parseDate reads the common written date formats. Numeric day/month
// orders other than year-first are ambiguous and left unread.
func parseDate(s string) (time.Time, bool) {
	var y, d int
	var m time.Month
	if g := monthFirst.FindStringSubmatch(s); g != nil {
		m, d, y = monthNamed(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := dayFirst.FindStringSubmatch(s); g != nil {
		d, m, y = atoi(g[1]), monthNamed(g[2]), atoi(g[3])
	} else if g := isoDate.FindStringSubmatch(s); g != nil {
		y, m, d = atoi(g[1]), time.Month(atoi(g[2])), atoi(g[3])
	} else {
		return time.Time{}, false
	}
	if m < time.January || m > time.December || d < 1 || y < 1900 || y > 2200 {
		return time.Time{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // February 30 and the like
		return time.Time{}, false
	}
	return t, true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
