package synth

import (
	"slices"
	"strings"
)

// KindCapsRepeat labels the headline repeated in capitals.
const KindCapsRepeat = "caps-repeat"

// aboveHeadlineFamilies are the tuned families with a short line that a
// page may show above its headline.
func aboveHeadlineFamilies() []string {
	return []string{"crumbs", "listen", "appbanner", "ad", "share", "byline", "timestamp", "subscribe", "tags"}
}

// glueOdds is how often two short head lines share one line ("By Ann
// Example | 4 May 2005").
const glueOdds = 0.3

// assemble orders the blocks, applies the layouts and writes the file.
func (g *gen) assemble() Article {
	r := g.r
	has := func(f string) bool { return slices.Contains(g.families, f) }
	r.Shuffle(len(g.top), func(i, j int) { g.top[i], g.top[j] = g.top[j], g.top[i] })
	r.Shuffle(len(g.head), func(i, j int) { g.head[i], g.head[j] = g.head[j], g.head[i] })
	blocks := slices.Clone(g.top)
	if has("above-headline") {
		blocks = append(blocks, g.aboveHeadline())
	}
	hasTitle := !has("no-headline")
	if hasTitle {
		h := oneBlock(KindTitle, g.src.headline)
		h.Markdown = "# " + g.src.headline
		blocks = append(blocks, h)
	}
	caps := oneBlock(KindCapsRepeat, strings.ToUpper(g.src.headline))
	capsFirst := has("caps-repeat") && r.IntN(2) == 0
	if capsFirst {
		blocks = append(blocks, caps)
	}
	blocks = append(blocks, g.glue(g.head)...)
	if has("caps-repeat") && !capsFirst {
		blocks = append(blocks, caps)
	}
	for i, b := range g.body {
		if i == 0 && g.dateline.Text != "" {
			if g.datelineOwnLine {
				blocks = append(blocks, Block{Segments: []Segment{g.dateline}})
			} else {
				b = Block{Segments: []Segment{g.dateline, b.Segments[0]}}
			}
		}
		blocks = append(blocks, b)
		blocks = append(blocks, g.gaps[i]...)
	}
	blocks = append(blocks, g.end...)
	return Article{
		Split:    g.split,
		Source:   g.src.id,
		Topic:    g.src.topic,
		Headline: g.src.headline,
		HasTitle: hasTitle,
		Families: g.families,
		Blocks:   blocks,
		Text:     g.render(blocks),
		Theme:    g.c.themes[g.src.topic],
	}
}

// aboveHeadline is a short furniture line for above the headline, of a
// family the article has when it can.
func (g *gen) aboveHeadline() Block {
	candidates := aboveHeadlineFamilies()
	var mine []string
	for _, f := range candidates {
		if slices.Contains(g.families, f) {
			mine = append(mine, f)
		}
	}
	family := ""
	if len(mine) > 0 {
		family = pick(g.r, mine)
	} else {
		family = pick(g.r, candidates)
		g.families = append(g.families, family)
	}
	switch family {
	case "crumbs":
		return g.crumbs()
	case "listen":
		return oneBlock(family, g.listen())
	case "appbanner":
		return oneBlock(family, g.appbanner())
	case "ad":
		return oneBlock(family, g.ad())
	case "share":
		return g.share()
	case "byline":
		return g.byline()
	case "timestamp":
		return g.timestamp()
	case "subscribe":
		return oneBlock(family, g.subscribe())
	default:
		return oneBlock("tags", titleWord(g.word())+" · "+pick(g.r, sections()))
	}
}

// glue joins some neighbouring short head lines into one, as pages set a
// byline beside its date.
func (g *gen) glue(head []Block) []Block {
	var out []Block
	for i := 0; i < len(head); i++ {
		b := head[i]
		if i+1 < len(head) && short(b) && short(head[i+1]) && g.r.Float64() < glueOdds {
			b = Block{Segments: append(slices.Clone(b.Segments), head[i+1].Segments...), Sep: pick(g.r, []string{" | ", " · ", " • ", " — ", "  "})}
			i++
		}
		out = append(out, b)
	}
	return out
}

// short reports a one-segment line of a dozen words or fewer.
func short(b Block) bool {
	return len(b.Segments) == 1 && b.Markdown == "" && len(strings.Fields(b.Plain())) <= 12
}

// render writes the file: blank lines between blocks, or single newlines
// in the single-newline layout; Markdown where the block has it in a .md
// file.
func (g *gen) render(blocks []Block) string {
	sep := "\n\n"
	if g.single {
		sep = "\n"
	}
	lines := make([]string, 0, len(blocks))
	for _, b := range blocks {
		line := b.Plain()
		if g.md && b.Markdown != "" {
			line = b.Markdown
		}
		if strings.TrimSpace(line) != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, sep) + "\n"
}
