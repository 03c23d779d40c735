package schedule

import (
	"fmt"
	"math/bits"
	"strings"
	"time"
)

// A reader deciding whether to subscribe wants to know when issues come in
// words ("every Monday at 07:00 Tokyo time"), not as a cron spec. Cadence
// says it for the schedules a person would say in one breath; anything
// busier (several times a day, every other hour, "the 1st or any Monday")
// has no plain sentence, and the caller uses words the config gives
// instead. It reads robfig's parsed bit sets rather than the spec's text,
// so descriptors, names and numbers ("@weekly", "MON", "1") all read alike.

// starBit is robfig's mark on a field written "*" or "?" (unexported
// there). It decides how day of month and day of week combine: when
// either carries it they must both match, otherwise either may.
const starBit = 1 << 63

// maxMonthDays is the most days of the month Cadence lists ("on the 1st
// and 15th"); more reads as a calendar, not a cadence.
const maxMonthDays = 3

// Cadence says in plain English when the schedule's slots come, for
// example "every Monday and Thursday at 18:30 UTC" or "on the 1st of every
// month at 09:00 Berlin time". ok is false when the schedule has no plain
// description.
func (s *Schedule) Cadence() (words string, ok bool) {
	c := s.cron
	zone, ok := zoneWords(s.loc)
	if !ok || c.Second != 1 {
		return "", false
	}
	minute, ok := single(c.Minute)
	if !ok {
		return "", false
	}
	hour, ok := single(c.Hour)
	if !ok {
		return "", false
	}
	days, ok := dayWords(c.Dom, c.Month, c.Dow)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%s at %02d:%02d %s", days, hour, minute, zone), true
}

// dayWords describes which days the slots fall on.
func dayWords(dom, month, dow uint64) (string, bool) {
	allDom := covers(dom, 1, 31)
	allDow := covers(dow, 0, 6)
	if dom&starBit == 0 && dow&starBit == 0 && (allDom || allDow) {
		// Both restricted: robfig fires when either matches, and one of
		// them matches every day.
		allDom, allDow = true, true
	} else if dom&starBit == 0 && dow&starBit == 0 {
		return "", false // "the 1st, or any Monday": no plain sentence
	}
	if !covers(month, 1, 12) {
		m, ok := single(month)
		if !ok || !allDow {
			return "", false
		}
		d, ok := single(dom)
		if !ok {
			return "", false
		}
		return fmt.Sprintf("every year on %d %s", d, time.Month(m)), true
	}
	switch {
	case allDom && allDow:
		return "every day", true
	case allDom:
		return weekdayWords(dow), true
	case allDow:
		return monthDayWords(dom)
	}
	return "", false // a day of the month that must also be a weekday
}

// weekdayWords names the days of the week in dow, Monday first.
func weekdayWords(dow uint64) string {
	if dow&^starBit == 0b0111110 {
		return "every weekday"
	}
	var names []string
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		if dow&(1<<d) != 0 {
			names = append(names, d.String())
		}
	}
	return "every " + andList(names)
}

// monthDayWords names a few days of the month: "on the 1st and 15th of
// every month".
func monthDayWords(dom uint64) (string, bool) {
	var days []string
	for d := 1; d <= 31; d++ {
		if dom&(1<<d) != 0 {
			days = append(days, ordinal(d))
		}
	}
	if len(days) == 0 || len(days) > maxMonthDays {
		return "", false
	}
	return "on the " + andList(days) + " of every month", true
}

// zoneWords names the zone as a reader says it: "Tokyo time" for
// Asia/Tokyo, "UTC" for UTC. Local has no name a reader elsewhere could
// use, and the Etc/GMT±N zones read backwards (Etc/GMT+5 is five hours
// behind), so both have no words.
func zoneWords(loc *time.Location) (string, bool) {
	name := loc.String()
	switch {
	case name == "UTC" || name == "Etc/UTC" || name == "Etc/UCT" || name == "Etc/Universal" || name == "Etc/Zulu":
		return "UTC", true
	case name == "" || name == "Local" || strings.HasPrefix(name, "Etc/"):
		return "", false
	case strings.Contains(name, "/"):
		city := name[strings.LastIndex(name, "/")+1:]
		return strings.ReplaceAll(city, "_", " ") + " time", true
	case strings.ToUpper(name) == name:
		return name, true // an abbreviation such as CET or GMT
	}
	return name + " time", true // Japan, Iceland
}

// single returns the one value in a field's bit set.
func single(field uint64) (int, bool) {
	field &^= starBit
	if bits.OnesCount64(field) != 1 {
		return 0, false
	}
	return bits.TrailingZeros64(field), true
}

// covers reports whether field holds every value from lo to hi.
func covers(field uint64, lo, hi int) bool {
	for v := lo; v <= hi; v++ {
		if field&(1<<v) == 0 {
			return false
		}
	}
	return true
}

// andList joins words as English does: "a", "a and b", "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// ordinal writes 1 as "1st", 12 as "12th", 22 as "22nd".
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
