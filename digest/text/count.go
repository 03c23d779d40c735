package text

import "strconv"

// Count says how many of a thing there are in words: "1 entry",
// "3 entries", "0 entries". Every count digest prints to a person goes
// through it, so none reads "1 files" or "3 row(s)".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Plural is Count for a word whose plural adds an s: "1 section",
// "2 sections".
func Plural(n int, thing string) string { return Count(n, thing, thing+"s") }
