package summarize

import (
	"strings"
	"unicode/utf8"
)

// maxQuoteUnits is the most sentences one quotation is kept whole
// across; a longer run is more likely a stray quote mark.
const maxQuoteUnits = 4

// joinQuotes merges sentences of one paragraph that a quotation runs
// across into one unit, so a summary quotes all of it or none: half a
// quote changes what the speaker said. Each merged unit is the
// paragraph's own text from the first sentence to the last.
// parts[i] is how many sentences out[i] holds.
func joinQuotes(paragraph string, units []string) (out []string, parts []int) {
	from := 0 // where to look for the next unit in paragraph
	for i := 0; i < len(units); i++ {
		if !opensQuote(units[i]) {
			out, parts = append(out, units[i]), append(parts, 1)
			from = advance(paragraph, from, units[i])
			continue
		}
		j := i
		joined := units[i]
		for j+1 < len(units) && j-i+1 < maxQuoteUnits && opensQuote(joined) {
			j++
			joined += " " + units[j]
		}
		if opensQuote(joined) {
			// Never closed nearby: keep the sentences as they were.
			out, parts = append(out, units[i]), append(parts, 1)
			from = advance(paragraph, from, units[i])
			continue
		}
		start := strings.Index(paragraph[from:], units[i])
		endAt := -1
		if start >= 0 {
			start += from
			if k := strings.Index(paragraph[start:], units[j]); k >= 0 {
				endAt = start + k + len(units[j])
			}
		}
		if start >= 0 && endAt > start {
			joined = paragraph[start:endAt]
			from = endAt
		}
		out, parts = append(out, joined), append(parts, j-i+1)
		i = j
	}
	return out, parts
}

func advance(paragraph string, from int, unit string) int {
	if k := strings.Index(paragraph[from:], unit); k >= 0 {
		return from + k + len(unit)
	}
	return from
}

// opensQuote reports whether s leaves a quotation open: more opening
// than closing quotes, curly, TeX-style or straight. A straight quote
// opens when it starts the text or follows a space or bracket, and
// closes otherwise.
func opensQuote(s string) bool {
	open := strings.Count(s, "“") + strings.Count(s, "``")
	closed := strings.Count(s, "”") + strings.Count(s, "''")
	for i := 0; i < len(s); i++ {
		if s[i] != '"' {
			continue
		}
		if before, _ := utf8.DecodeLastRuneInString(s[:i]); i == 0 || strings.ContainsRune(" \t\n([{—–-", before) {
			open++
		} else {
			closed++
		}
	}
	return open > closed
}
