package feed

import (
	"fmt"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest/lazyre"
	"github.com/mmcdole/gofeed"
)

// entryDate picks when an entry was published, reading the published
// date before the updated one. gofeed knows many layouts but converts every
// date to UTC and reads zones it does not know ("JST", "GMT+2") as UTC, so
// the hours shift. parseOddDate knows fewer layouts but reads the zone
// exactly and keeps it, so where it reads the text at all it wins, and
// gofeed's parse covers the rest.
func entryDate(item *gofeed.Item) time.Time {
	candidates := []struct {
		raw    string
		parsed *time.Time
	}{
		{item.Published, item.PublishedParsed},
		{item.Updated, item.UpdatedParsed},
	}
	for _, c := range candidates {
		if t, ok := parseOddDate(c.raw); ok {
			return plausible(t)
		}
		if c.parsed != nil {
			return plausible(*c.parsed)
		}
	}
	return time.Time{}
}

// plausible drops dates no article can have: zero-ish placeholders such as
// 0001-01-01 and typos centuries ahead. Unknown is better than wrong.
func plausible(t time.Time) time.Time {
	if t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}
	}
	return t
}

// zoneOffsets maps zone abbreviations seen in feed dates to their offset
// in seconds. Ambiguous ones (IST, BST, CST) take the reading most common
// in English-language feeds; the North American and European ones match
// gofeed's own table.
var zoneOffsets = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
	"WEST": 1 * 3600, "BST": 1 * 3600, "CET": 1 * 3600, "CEST": 2 * 3600,
	"EET": 2 * 3600, "EEST": 3 * 3600, "MSK": 3 * 3600,
	"IST": 5*3600 + 1800, "SGT": 8 * 3600, "HKT": 8 * 3600, "AWST": 8 * 3600,
	"JST": 9 * 3600, "KST": 9 * 3600, "ACST": 9*3600 + 1800,
	"AEST": 10 * 3600, "AEDT": 11 * 3600, "NZST": 12 * 3600, "NZDT": 13 * 3600,
	"EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
	"AKST": -9 * 3600, "AKDT": -8 * 3600, "HST": -10 * 3600,
}

var (
	trailingComment = lazyre.New(`\s*\([^()]*\)$`)
	ordinalSuffix   = lazyre.New(`(?i)\b(\d{1,2})(st|nd|rd|th)\b`)
	leadingWeekday  = lazyre.New(`(?i)^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(day|nesday|sday|rsday|urday)?\.?,?\s+`)
	dateTimeT       = lazyre.New(`(\d)T(\d)`)
	// A zone written as an offset from GMT/UTC: "GMT+2", "UTC+09:00", "GMT-0530".
	gmtOffset = lazyre.New(`(?i)\s*\b(?:GMT|UTC|UT)\s*([+-])(\d{1,2})(?::?(\d{2}))?$`)
	// A numeric offset after a time: "15:04:05+0900", "15:04 -07:00", "15:04:05.5+09".
	timeOffset = lazyre.New(`(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*([+-])(\d{2}):?(\d{2})?$`)
	zuluSuffix = lazyre.New(`(\d)Z$`)
	zoneWord   = lazyre.New(`\s([A-Za-z]{1,5})$`)
)

// oddDateLayouts are tried after normalizeDate has removed weekdays,
// commas, ordinals and comments and rewritten every zone as " -0700".
var oddDateLayouts = func() []string {
	dates := []string{"2 Jan 2006", "2 January 2006", "Jan 2 2006", "January 2 2006", "2006-1-2", "2006/1/2"}
	times := []string{"", " 15:04:05", " 15:04", " 3:04:05 PM", " 3:04 PM"}
	zones := []string{"", " -0700"}
	var layouts []string
	for _, d := range dates {
		for _, t := range times {
			for _, z := range zones {
				if t == "" && z != "" {
					continue
				}
				layouts = append(layouts, d+t+z)
			}
		}
	}
	return layouts
}()

// parseOddDate reads dates gofeed's list misses, by normalising the
// spelling rather than listing every variant. A date without a zone is
// read as UTC; one with an unknown zone abbreviation is not read at all.
func parseOddDate(raw string) (time.Time, bool) {
	s, err := normalizeDate(raw)
	if err != nil || s == "" {
		return time.Time{}, false
	}
	for _, layout := range oddDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// normalizeDate rewrites a date into the shapes oddDateLayouts expect.
func normalizeDate(raw string) (string, error) {
	s := strings.Join(strings.Fields(raw), " ")
	s = trailingComment.ReplaceAllString(s, "")
	s = leadingWeekday.ReplaceAllString(s, "")
	s = ordinalSuffix.ReplaceAllString(s, "$1")
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, ",", " ")), " ")
	s = dateTimeT.ReplaceAllString(s, "$1 $2")
	s = zuluSuffix.ReplaceAllString(s, "$1 +0000")
	if m := gmtOffset.FindStringSubmatch(s); m != nil {
		return s[:len(s)-len(m[0])] + " " + m[1] + twoDigits(m[2]) + twoDigits(m[3]), nil
	}
	if m := timeOffset.FindStringSubmatch(s); m != nil {
		return s[:len(s)-len(m[0])] + m[1] + " " + m[2] + m[3] + twoDigits(m[4]), nil
	}
	if m := zoneWord.FindStringSubmatch(s); m != nil {
		word := strings.ToUpper(m[1])
		if word == "AM" || word == "PM" {
			return s, nil
		}
		offset, ok := zoneOffsets[word]
		if !ok {
			return "", fmt.Errorf("unknown time zone %q", m[1])
		}
		return s[:len(s)-len(m[0])] + " " + formatOffset(offset), nil
	}
	return s, nil
}

// twoDigits pads an hour or minute field; an absent field is "00".
func twoDigits(s string) string {
	switch len(s) {
	case 0:
		return "00"
	case 1:
		return "0" + s
	}
	return s
}

// formatOffset writes seconds east of UTC as "+0900".
func formatOffset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	return fmt.Sprintf("%c%02d%02d", sign, seconds/3600, seconds%3600/60)
}
