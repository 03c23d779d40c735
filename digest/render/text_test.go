package render

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest"
)

const textWidth = 78

// refLine is a line of the Links list, "[n] URL".
var refLine = regexp.MustCompile(`^\[(\d+)\] (\S+)$`)

func textCases() []struct {
	name    string
	edition *digest.Edition
} {
	long := fixtureEdition()
	long.Title = strings.Repeat("A very long edition title that has to wrap ", 3)
	long.Sections[0].Title = strings.Repeat("Section heading long enough to wrap ", 3)
	long.Sections[0].Items[0].Title = strings.Repeat("Headline words ", 10)
	long.Sections[0].Items[0].URL = "https://example.org/" + strings.Repeat("long-path-segment/", 8)
	long.Sections[1].Items[0].Summary = []string{"See https://example.org/" + strings.Repeat("unbreakable", 9) + " for details."}
	return []struct {
		name    string
		edition *digest.Edition
	}{
		{"fixture", fixtureEdition()},
		{"long lines", long},
		{"empty", emptyEdition()},
		{"large", largeEdition()},
	}
}

func TestTextWidth(t *testing.T) {
	r := newRenderer(t)
	for _, tc := range textCases() {
		t.Run(tc.name, func(t *testing.T) {
			out, err := r.Text(tc.edition)
			if err != nil {
				t.Fatalf("Text: %v", err)
			}
			for i, line := range strings.Split(string(out), "\n") {
				n := utf8.RuneCountInString(line)
				if n <= textWidth {
					continue
				}
				// Only an unbreakable word may overflow, alone on its line
				// after its indentation or its "[n]" reference.
				word := strings.TrimSpace(line)
				if m := refLine.FindStringSubmatch(line); m != nil {
					word = m[2]
				}
				if strings.Contains(word, " ") {
					t.Errorf("line %d is %d runes: %q", i+1, n, line)
				}
			}
		})
	}
}

// TestTextStructure reads the text back: title underlined, lead, every
// section heading underlined, every item with its reference number, and a
// Links list that maps each number to its item's URL.
func TestTextStructure(t *testing.T) {
	r := newRenderer(t)
	for _, tc := range textCases() {
		t.Run(tc.name, func(t *testing.T) {
			e := tc.edition
			e.UnsubscribeURL = "https://digest.example.org/unsubscribe?s=1&t=abc"
			out, err := r.Text(e)
			if err != nil {
				t.Fatalf("Text: %v", err)
			}
			text := string(out)
			lines := strings.Split(text, "\n")

			checkUnderlined(t, lines, Wrap(textWidth, e.Title), "=")
			for _, s := range e.Sections {
				checkUnderlined(t, lines, Wrap(textWidth, s.Title), "-")
			}
			if lead := Wrap(textWidth, cite(e.Lead)); lead != "" && !strings.Contains(text, "\n\n"+lead+"\n") {
				t.Errorf("lead missing:\n%s", lead)
			}

			links := linksList(t, lines)
			n := 0
			for _, s := range e.Sections {
				for _, it := range s.Items {
					if want := itemURL(e, it); want != "" {
						n++
						if links[it.Number] != want {
							t.Errorf("link [%d] = %q, want %q (item %q)", it.Number, links[it.Number], want, it.Title)
						}
					}
					block := indent("["+strconv.Itoa(it.Number)+"] ", Wrap(textWidth-6, it.Title))
					if m := meta(it); m != "" {
						block += "\n" + indent("    ", Wrap(textWidth-4, m))
					}
					if sum := strings.Join(it.Summary, " "); sum != "" {
						block += "\n" + indent("    ", Wrap(textWidth-4, sum))
					}
					if it.URL != "" {
						block += "\n" + indent("    ", Wrap(textWidth-4, "Read more"+atSource(it.Source)+": ["+strconv.Itoa(it.Number)+"]"))
					}
					if !strings.Contains(text, "\n"+block+"\n") {
						t.Errorf("item block missing:\n%s", block)
					}
					if it.URL == "" && it.Source != "" && !strings.Contains(block, it.Source) {
						t.Errorf("item %q without URL does not show its source", it.Title)
					}
				}
			}
			if len(links) != n {
				t.Errorf("Links list has %d entries, want %d", len(links), n)
			}
			if !strings.Contains(text, "\nYou receive this digest because you subscribed.\n") {
				t.Error("footer note missing")
			}
		})
	}
}

func checkUnderlined(t *testing.T, lines []string, heading, char string) {
	t.Helper()
	hl := strings.Split(heading, "\n")
	longest := 0
	for _, l := range hl {
		longest = max(longest, utf8.RuneCountInString(l))
	}
	for i := 0; i+len(hl) < len(lines); i++ {
		if strings.Join(lines[i:i+len(hl)], "\n") == heading && lines[i+len(hl)] == strings.Repeat(char, longest) {
			return
		}
	}
	t.Errorf("heading %q not underlined with %q", heading, char)
}

// linksList parses the "Links:" list at the end of the text.
func linksList(t *testing.T, lines []string) map[int]string {
	t.Helper()
	links := map[int]string{}
	start := -1
	for i, l := range lines {
		if l == "Links:" {
			start = i + 1
		}
	}
	if start < 0 {
		return links
	}
	for _, l := range lines[start:] {
		m := refLine.FindStringSubmatch(l)
		if m == nil {
			break
		}
		n, _ := strconv.Atoi(m[1])
		if _, dup := links[n]; dup {
			t.Errorf("link [%d] listed twice", n)
		}
		links[n] = m[2]
	}
	if len(links) == 0 {
		t.Error("Links: heading with no links under it")
	}
	return links
}
