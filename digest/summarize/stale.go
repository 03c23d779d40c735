package summarize

import (
	"strconv"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest/lazyre"
)

// A digest is read on the day it is sent, so a sentence that announces as
// still to come something whose date has passed ("Kishida will attend the
// summit in July 2023", read in December 2026) is stale news, and one that
// promises a list ("three implications: First, …") reads as unfinished
// once its other sentences are left out. Neither is chosen.

// FlawStale is the stale rule's name among the filter's flaws.
const FlawStale = "stale"

// futureRE finds a sentence speaking of something still to come.
var futureRE = lazyre.New(`(?i)\b(?:will|shall|(?:is|are|was|were) (?:expected|set|scheduled|due|slated|poised|planned|going) to|plans? to|intends? to|upcoming|forthcoming)\b`)

// dateRE finds the dates a sentence names: a month with a day and/or a
// year ("July 11", "July 2023", "11 July 2023", "July 11, 2023"), a month
// after a preposition ("in July"), or a year alone.
var dateRE = lazyre.New(`\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+((?:19|20)\d\d))?\b|\b((?:19|20)\d\d)\b`)

// monthAfterRE tells a month name that stands alone ("in May") from the
// verb "may".
var monthAfterRE = lazyre.New(`(?i)\b(?:in|on|by|until|till|since|from|during|of|early|late|mid|through|before|after)\s*-?\s*$`)

var months = map[string]time.Month{
	"jan": time.January, "feb": time.February, "mar": time.March, "apr": time.April, "may": time.May,
	"jun": time.June, "jul": time.July, "aug": time.August, "sep": time.September, "oct": time.October,
	"nov": time.November, "dec": time.December,
}

// staleFuture reports whether s speaks of something to come whose every
// date has passed by now: the latest date it names ends before now. A
// month or day without a year is read in the article's year (year); when
// that is unknown, or s names no date, or now is zero, s is not stale.
func staleFuture(s string, year int, now time.Time) bool {
	if now.IsZero() || !futureRE.MatchString(s) {
		return false
	}
	var latest time.Time
	for _, m := range dateRE.FindAllStringSubmatchIndex(s, -1) {
		end, ok := dateEnd(s, m, year, now.Location())
		if !ok {
			continue
		}
		if end.After(latest) {
			latest = end
		}
	}
	return !latest.IsZero() && latest.Before(now)
}

// dateEnd is the instant the date dateRE matched at m is over: the end of
// its day, month or year.
func dateEnd(s string, m []int, year int, loc *time.Location) (time.Time, bool) {
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	if y := group(5); y != "" { // a year alone
		n, _ := strconv.Atoi(y)
		return time.Date(n+1, time.January, 1, 0, 0, 0, 0, loc), true
	}
	month := months[strings.ToLower(group(2))[:3]]
	day := group(1)
	if day == "" {
		day = group(3)
	}
	y := group(4)
	if day == "" && y == "" && !monthAfterRE.MatchString(s[:m[0]]) {
		return time.Time{}, false // "May" the verb, or a month too vague to date
	}
	n := year
	if y != "" {
		n, _ = strconv.Atoi(y)
	}
	if n == 0 {
		return time.Time{}, false
	}
	if day == "" {
		return time.Date(n, month+1, 1, 0, 0, 0, 0, loc), true
	}
	d, _ := strconv.Atoi(day)
	if d < 1 || d > 31 {
		return time.Time{}, false
	}
	return time.Date(n, month, d+1, 0, 0, 0, 0, loc), true
}

// listRE finds a sentence that announces a list: a count and what is
// counted, then a colon ("three critical implications: First, …").
var listRE = lazyre.New(`(?i)\b(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:[\w-]+\s+){0,3}[\w-]+:\s`)

// announcesList reports whether s promises a list it does not hold: it
// counts what follows and stops at a colon, or ends with one.
func announcesList(s string) bool {
	t := strings.TrimSpace(s)
	return strings.HasSuffix(t, ":") || strings.Contains(t, ": ") && listRE.MatchString(t)
}
