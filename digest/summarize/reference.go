package summarize

import (
	"strings"
	"unicode"

	"github.com/digest-newsletter/digest/digest/text"
)

// A sentence that opens on "The decision" or "This agreement" points back to
// something said before it. Quoted without that, the reader meets a decision
// nobody described. The rule is structural: a determiner that points
// back (a closed list of grammar words), then a lower-case head noun
// (a capitalised one is a name and carries itself: "The Pentagon"); for
// "the", only a bare phrase of one noun before a function word ("The
// inspector said", "The inspector's"), as a longer one usually describes
// its referent ("The new coastal patrol agreement"), and not in an
// article's first sentence, whose definite phrases ("The government
// has …") introduce what the story is about. The head noun must
// appear in the title or in an earlier sentence of the article; the
// sentence is then quoted only after a chosen sentence that has it. When
// it appears nowhere before, the referent was named otherwise ("Time
// Warner … The firm"), and the sentence goes only with the one before
// it in a lead or section summary, and is not offered as a swap; an
// item's blurb stands under the title, which names whom the story is
// about. Opening an article, it is refused.

// describers open a phrase or clause that says which one the head noun
// is ("The demand for …", "The hours that …"), so the phrase carries its
// referent.
var describers = wordSet(`of in for on at from with to between by about over under into against among that which who whose where`)

// backDeterminers point back to a referent named before.
var backDeterminers = wordSet(`the this these that those such`)

// openingReference returns the head noun a sentence's opening points
// back with, lower case, and whether its determiner is "the"; head is ""
// when it opens on no such phrase. A "the" phrase is bare when the head
// is possessive or followed by a comma, a function word or a verb in
// "-ed" ("The decision angered"); "The first ships" is described, not bare.
func openingReference(s string) (head string, the bool) {
	t := strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	fields := strings.Fields(firstChars(t, 80))
	if len(fields) < 3 {
		return "", false
	}
	det := strings.ToLower(fields[0])
	if !backDeterminers[det] {
		return "", false
	}
	raw := fields[1]
	head = strings.TrimSuffix(strings.TrimSuffix(strings.TrimRight(raw, ",;:"), "'s"), "’s")
	if head == "" || !isLowerWord(head) || text.IsStopWord(head) || timeNouns[head] {
		return "", false
	}
	if det == "the" {
		next := strings.ToLower(strings.Trim(fields[2], `,;:"'“”`))
		verbal := isLowerWord(next) && strings.HasSuffix(next, "ed")
		if head == raw && (!text.IsStopWord(next) && !verbal || describers[next]) {
			return "", false
		}
	}
	return head, det == "the"
}

func isLowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) && r != '-' {
			return false
		}
	}
	return true
}

// antecedents lists the earlier units of an article whose terms hold
// head's stem. found is false when neither they nor the title do: the
// reference has nothing to point to. A head the title holds needs no
// antecedent (nil, true), as the title stands above every item.
func antecedents(head string, i int, terms [][]string, title []string) (at []int, found bool) {
	stem := text.Stem(head)
	for _, t := range title {
		if t == stem {
			return nil, true
		}
	}
	for j := 0; j < i; j++ {
		for _, t := range terms[j] {
			if t == stem {
				at = append(at, j)
				break
			}
		}
	}
	return at, len(at) > 0
}

// pointsBackMidway reports a demonstrative pronoun standing alone as a
// subject early in the sentence ("Analysts say this marks …"): "this" or
// "these" followed by a function word or a verb in -s, which refers to
// the sentence before as surely as an opening "This" does.
func pointsBackMidway(s string) bool {
	words := text.Words(firstChars(s, 60))
	for k := 1; k+1 < len(words) && k < 6; k++ {
		if words[k] != "this" && words[k] != "these" {
			continue
		}
		next := words[k+1]
		if timeNouns[next] {
			continue
		}
		if text.IsStopWord(next) || strings.HasSuffix(next, "s") && !strings.HasSuffix(next, "ss") {
			return true
		}
	}
	return false
}

// antecedentChosen reports whether c's opening reference has its
// antecedent among chosen: a sentence of the same article, before it,
// that carries the head noun. A sentence pointing to nothing, or to the
// title, needs none.
func antecedentChosen(c *candidate, chosen []*candidate) bool {
	if len(c.s.antecedents) == 0 {
		return true
	}
	for _, p := range chosen {
		if p.doc != c.doc {
			continue
		}
		for _, j := range c.s.antecedents {
			if p.s.index == j {
				return true
			}
		}
	}
	return false
}
