package text

import (
	"strconv"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest/lazyre"
)

// Dates in text are read here, for every stage: cleaning reads a line
// that is nothing but a date (ParseDate), the summarizer the dates and
// years a sentence names (Dates, LatestYear, EarliestYear). Month names
// are read by Month alone.

// Month reads a month's English name or its abbreviation ("Sept" too),
// in any case; 0 when s is none.
func Month(s string) time.Month {
	s = strings.ToLower(s)
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if s == name || s == name[:3] || (m == time.September && s == "sept") {
			return m
		}
	}
	return 0
}

var (
	weekday = `(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`
	clock   = `(?:\s*(?:,|at|@|\||·|–|—|-)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|UTC[+-]?\d*|GMT[+-]?\d*)?)?`
	// monthFirst: "December 6, 2022", "Dec. 6 2022", "Tuesday, December 6th, 2022 at 9:30 AM".
	monthFirst = lazyre.New(`(?i)^` + weekday + `([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` + clock + `$`)
	// dayFirst: "6 December 2022", "6 Dec 2022", "Tue 6th Dec, 2022".
	dayFirst = lazyre.New(`(?i)^` + weekday + `(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})` + clock + `$`)
	// isoDate: "2023-05-01", "2023/05/01", "2023-05-01T10:00:00Z".
	isoDate = lazyre.New(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?` + clock + `$`)
)

// ParseDate reads s when it is nothing but a date in one of the common
// written formats, perhaps with a weekday and a time. Times and zones
// are dropped: the day is all most sources give. Numeric day/month
// orders other than year-first are ambiguous and left unread.
func ParseDate(s string) (time.Time, bool) {
	var y, d int
	var m time.Month
	if g := monthFirst.FindStringSubmatch(s); g != nil {
		m, d, y = Month(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := dayFirst.FindStringSubmatch(s); g != nil {
		d, m, y = atoi(g[1]), Month(g[2]), atoi(g[3])
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

// dateRE finds the dates a sentence names: a month with a day and/or a
// year ("July 11", "July 2023", "11 July 2023", "July 11, 2023"), a month
// after a preposition ("in July"), or a year alone.
var dateRE = lazyre.New(`\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+((?:19|20)\d\d))?\b|\b((?:19|20)\d\d)\b`)

// monthAfterRE tells a month name that stands alone ("in May") from the
// verb "may".
var monthAfterRE = lazyre.New(`(?i)\b(?:in|on|by|until|till|since|from|during|of|early|late|mid|through|before|after)\s*-?\s*$`)

// A Mention is a date a sentence names, as far as it names it: a year
// alone (Month 0), a month of a year, or a day. Year is 0 when the
// sentence leaves it to be understood.
type Mention struct {
	Year  int
	Month time.Month
	Day   int
}

// Dates lists the dates s names, in order. A month with neither a day
// nor a year counts only after a preposition ("in May", not "May" the
// verb); a day outside 1–31 is no date.
func Dates(s string) []Mention {
	var out []Mention
	for _, m := range dateRE.FindAllStringSubmatchIndex(s, -1) {
		group := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		if y := group(5); y != "" { // a year alone
			out = append(out, Mention{Year: atoi(y)})
			continue
		}
		day, y := group(1), group(4)
		if day == "" {
			day = group(3)
		}
		if day == "" && y == "" && !monthAfterRE.MatchString(s[:m[0]]) {
			continue // "May" the verb, or a month too vague to date
		}
		mention := Mention{Month: Month(group(2))}
		if y != "" {
			mention.Year = atoi(y)
		}
		if day != "" {
			mention.Day = atoi(day)
			if mention.Day < 1 || mention.Day > 31 {
				continue
			}
		}
		out = append(out, mention)
	}
	return out
}

// End is the instant the date is over: the end of its day, month or
// year, read in year when it names none. It is false when no year is
// known.
func (m Mention) End(year int, loc *time.Location) (time.Time, bool) {
	if m.Month == 0 {
		return time.Date(m.Year+1, time.January, 1, 0, 0, 0, 0, loc), true
	}
	n := m.Year
	if n == 0 {
		n = year
	}
	if n == 0 {
		return time.Time{}, false
	}
	if m.Day == 0 {
		return time.Date(n, m.Month+1, 1, 0, 0, 0, 0, loc), true
	}
	return time.Date(n, m.Month, m.Day+1, 0, 0, 0, 0, loc), true
}

// yearRE finds years a news text mentions: 1900–2099 standing alone.
var yearRE = lazyre.New(`\b(19|20)\d\d\b`)

// LatestYear is the latest year 1900–2099 that stands alone as a word in
// any of texts, 0 for none.
func LatestYear(texts []string) int {
	latest := 0
	for _, u := range texts {
		for _, m := range yearRE.FindAllString(u, -1) {
			latest = max(latest, atoi(m))
		}
	}
	return latest
}

// EarliestYear is the earliest year 1900–2099 s mentions, four digits
// with no digit either side, 0 for none. It scans rather than matching a
// pattern: it runs on every sentence.
func EarliestYear(s string) int {
	earliest := 0
	for i := 0; i+4 <= len(s); i++ {
		if s[i] != '1' && s[i] != '2' || i > 0 && isDigitByte(s[i-1]) {
			continue
		}
		if !isDigitByte(s[i+1]) || !isDigitByte(s[i+2]) || !isDigitByte(s[i+3]) || i+4 < len(s) && isDigitByte(s[i+4]) {
			continue
		}
		y := int(s[i]-'0')*1000 + int(s[i+1]-'0')*100 + int(s[i+2]-'0')*10 + int(s[i+3]-'0')
		if y >= 1900 && y < 2100 && (earliest == 0 || y < earliest) {
			earliest = y
		}
	}
	return earliest
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }
