package synth

import "fmt"

// Text from other stories: related links and a pasted paragraph.

// addRelated puts a block of links to other stories (real headlines of
// the corpus) at the end or between paragraphs, or one inline link.
func (g *gen) addRelated() {
	headline := func() string { return g.c.docs[g.r.IntN(len(g.c.docs))].headline }
	link := func(text string) string {
		return fmt.Sprintf("[%s](https://%s.example/%s)", text, slug(g.outlet), slug(text))
	}
	var blocks []Block
	if g.r.IntN(4) == 0 {
		h := headline()
		b := oneBlock("related", g.say("{Read more|See also|Related|Also read|More on this|Read next}{:| -| —| ›}")+" "+h)
		blocks = append(blocks, b)
	} else {
		heading := g.sayOne(
			"{Related|Related {stories|articles|coverage}|More on this {story|topic}|Read more|You {may|might} also like|Most read|Further coverage|Don't miss|In other news|Keep reading|Top stories|Recommended}[:]",
			"{Elsewhere on|More from|Also from} {$outlet|$section}[:]",
		)
		b := oneBlock("related", heading)
		b.Markdown = "## " + heading
		blocks = append(blocks, b)
		bullet := pick(g.r, []string{"", "- ", "• ", "* ", "› "})
		for range 2 + g.r.IntN(3) {
			h := headline()
			item := oneBlock("related", h)
			item.Prefix = bullet
			item.Markdown = "- " + link(h)
			blocks = append(blocks, item)
		}
	}
	if g.r.IntN(3) == 0 {
		i := g.r.IntN(max(1, len(g.body)-1))
		g.gaps[i] = append(g.gaps[i], blocks...)
		return
	}
	g.end = append(g.end, blocks...)
}

// addOffTopic pastes a paragraph of a story on another topic between
// two paragraphs.
func (g *gen) addOffTopic() {
	topics := g.c.topics()
	other := pick(g.r, topics)
	for other == g.src.topic {
		other = pick(g.r, topics)
	}
	idx := g.c.byTopic[other]
	doc := g.c.docs[idx[g.r.IntN(len(idx))]]
	p := doc.paragraphs[g.r.IntN(len(doc.paragraphs))]
	i := g.r.IntN(max(1, len(g.body)-1))
	g.gaps[i] = append(g.gaps[i], oneBlock(OffTopic, p))
}
