package render

import (
	"strings"
	"unicode/utf8"
)

// Wrap breaks s into lines of at most width runes at spaces, so the plain
// text part reads well in an 80-column terminal or mail client. Blank lines
// are kept, as they separate paragraphs. A word longer than width, usually
// a URL, gets a line of its own and is never split: a broken URL is worse
// than a long line. A width below one leaves s as it is.
func Wrap(width int, s string) string {
	if width < 1 {
		return s
	}
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var out []string
	for _, line := range lines {
		out = append(out, wrapLine(width, line)...)
	}
	return strings.Join(out, "\n")
}

// wrapLine wraps one line; a line of only spaces comes back blank.
func wrapLine(width int, line string) []string {
	words := strings.Fields(line)
	if len(words) == 0 {
		return []string{""}
	}
	var (
		out []string
		cur strings.Builder
		n   int // runes in cur
	)
	for _, w := range words {
		wn := utf8.RuneCountInString(w)
		if n > 0 && n+1+wn > width {
			out = append(out, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(w)
		n += wn
	}
	return append(out, cur.String())
}

// indent puts prefix before the first line of s and as many spaces before
// every later non-blank line, so a wrapped block hangs under its marker
// ("* Title" with the rest aligned under "Title").
func indent(prefix, s string) string {
	pad := strings.Repeat(" ", utf8.RuneCountInString(prefix))
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		switch {
		case i == 0:
			lines[i] = prefix + line
		case line != "":
			lines[i] = pad + line
		}
	}
	return strings.Join(lines, "\n")
}

// underline returns s followed by a line of char as long as the longest
// line of s, the plain-text way of marking a heading.
func underline(char, s string) string {
	longest := 0
	for line := range strings.SplitSeq(s, "\n") {
		longest = max(longest, utf8.RuneCountInString(line))
	}
	return s + "\n" + strings.Repeat(char, longest)
}
