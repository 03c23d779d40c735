package synth

import (
	"fmt"
	"slices"
)

// Photo captions and credits. Captions name the body's people and use
// its words, as real ones do, so they cannot be told from the story by
// topic alone.

func (g *gen) caption() string {
	return g.sayOne(
		"$bodyname {speaks|spoke} {to reporters|at a news conference|during a {visit|meeting}} in $city[ on $weekday].",
		"$bodyname {arrives|arrived} {for|at} {the meeting|talks|the hearing|the ceremony}[ in $city][ on $weekday].",
		"{Pictured|Above|Top|File photo|FILE PHOTO|Left|Main image}: $bodyname[ {pictured|seen}][ in $city][ in $year]",
		"$bodyname (left) {with|and} $person {at|during} {the launch|an event|a rally}[ in $city]",
		"{A|The} {view of|scene at} {the|a} $topicword {site|office|building|headquarters} in $city[.]",
		"{Crowds|Supporters|Fans|Workers|Shoppers} {gather|queue|wait} {outside|near} {the|a} $topicword {office|venue|building} in $city[ on $weekday].",
		"$bodyname {has said|says} the $topicword {plan|deal|decision} {was|is} {overdue|a mistake|the right one}",
		"{Image caption|Caption}: $bodyname[ in $city]",
	)
}

func (g *gen) credit() string {
	return g.sayOne(
		"{Photo|Photograph|Image|Picture|Video}{:| by| credit:} $person{/|, | for }{$agency|$outlet}",
		"({Photo|Image|Picture}: {$agency|$person/$agency})",
		"© $agency[ $year]",
		"{Copyright|©} $outlet $year",
		"$person/$agency",
		"{Illustration|Graphic|Artwork} by $person",
		"{Credit|Source}: $agency",
		"$person for $outlet",
	)
}

// addCaption puts a photo with its caption under the headline or between
// paragraphs; a caption may carry its credit on the same line, when the
// article has credits (never across splits: credit lines in a tuned
// article would leak a held-out family).
func (g *gen) addCaption() {
	b := oneBlock("caption", g.caption())
	if slices.Contains(g.families, "credit") && g.r.IntN(3) == 0 {
		b = Block{Segments: append(b.Segments, Segment{Kind: "credit", Text: g.credit()}), Sep: pick(g.r, []string{" ", " | ", " — ", " · "})}
	}
	g.photo(b)
}

// addCredit puts a credit line where a photo is.
func (g *gen) addCredit() {
	g.photo(oneBlock("credit", g.credit()))
}

// photo sets b under an image: Markdown files show the image itself, a
// line with nothing to read.
func (g *gen) photo(b Block) {
	blocks := []Block{b}
	if g.md {
		img := Block{Markdown: fmt.Sprintf("![](https://img.%s.example/%d.jpg)", slug(g.outlet), g.r.IntN(100000))}
		blocks = []Block{img, b}
		if len(b.Segments) == 1 {
			blocks[1].Markdown = "*" + b.Plain() + "*"
		}
	}
	if g.r.IntN(2) == 0 {
		g.head = append(g.head, blocks...)
		return
	}
	i := g.r.IntN(max(1, len(g.body)-1))
	g.gaps[i] = append(g.gaps[i], blocks...)
}
