package summarize

import (
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest/lazyre"
	"github.com/digest-newsletter/digest/digest/text"
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

// staleFuture reports whether s speaks of something to come whose every
// date has passed by now: the latest date it names ends before now. A
// month or day without a year is read in the article's year (year); when
// that is unknown, or s names no date, or now is zero, s is not stale.
func staleFuture(s string, year int, now time.Time) bool {
	if now.IsZero() || !futureRE.MatchString(s) {
		return false
	}
	var latest time.Time
	for _, m := range text.Dates(s) {
		end, ok := m.End(year, now.Location())
		if !ok {
			continue
		}
		if end.After(latest) {
			latest = end
		}
	}
	return !latest.IsZero() && latest.Before(now)
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
