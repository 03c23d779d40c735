package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Furniture wordings are written as templates so that each family has
// many phrasings, combined at random, rather than a few fixed lines a
// cleaner could learn by heart:
//
//	{a|b|c}  one of the alternatives
//	[x]      x or nothing, even odds
//	$slot    a value from the article's slots (a name, a date, a place);
//	         a $ before a digit is a dollar
//
// Alternatives and options nest. Spaces are collapsed afterwards, so an
// option left out leaves no double space.

// phrases expands templates with one article's random source and slots.
type phrases struct {
	r     *rand.Rand
	slots map[string]func() string
}

// say expands one template.
func (p *phrases) say(tmpl string) string {
	var b strings.Builder
	p.expand(&b, tmpl)
	return strings.Join(strings.Fields(b.String()), " ")
}

// sayOne expands one of several templates.
func (p *phrases) sayOne(tmpls ...string) string {
	return p.say(tmpls[p.r.IntN(len(tmpls))])
}

func (p *phrases) expand(b *strings.Builder, s string) {
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '{':
			end := closing(s, i)
			alts := splitTop(s[i+1 : end])
			p.expand(b, alts[p.r.IntN(len(alts))])
			i = end + 1
		case '[':
			end := closing(s, i)
			if p.r.IntN(2) == 0 {
				p.expand(b, s[i+1:end])
			}
			i = end + 1
		case '$':
			j := i + 1
			for j < len(s) && isSlotByte(s[j], j == i+1) {
				j++
			}
			if j == i+1 {
				b.WriteByte(c)
				i++
				continue
			}
			fill, ok := p.slots[s[i+1:j]]
			if !ok {
				panic(fmt.Sprintf("synth: template %q names no slot %q", s, s[i+1:j]))
			}
			b.WriteString(fill())
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
}

// isSlotByte: slot names are letters and digits, starting with a letter,
// so "$5" stays a price.
func isSlotByte(c byte, first bool) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || !first && c >= '0' && c <= '9'
}

// closing finds the bracket that closes the one at s[open].
func closing(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	panic(fmt.Sprintf("synth: template %q: unclosed bracket at %d", s, open))
}

// splitTop splits s at the bars outside any nested bracket.
func splitTop(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		case '|':
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}
