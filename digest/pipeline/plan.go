package pipeline

import (
	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/summarize"
)

// minSectionItems is the fewest items a section needs for a summary
// across them: with one or two, the blurbs say it all.
const minSectionItems = 3

// plan writes an edition's words, starting from the items. Each blurb is
// chosen first, from its own article alone (the selector `digest eval
// summaries` measures), so no blurb gets what the lead and section
// summaries left over. The lead then names the top stories and may take
// a top item's best sentence; that item's blurb moves on to its next
// best. A section summary, only where three or more items have
// something to say together, adds what no blurb said. The editor's
// edits apply to the lead and the section summaries as they are chosen,
// and the blurbs are settled again after them, so nothing is read twice
// whatever was swapped in.
func (b *Builder) plan(ed *digest.Edition, sel *selection, engine *summarize.Engine, edits editList) {
	lim := b.Limits
	struck := edits.struck()
	blurb := func(id string, seen *summarize.Seen) []string {
		if seen == nil {
			seen = summarize.NewSeen()
		}
		for _, s := range struck {
			seen.Add(s)
		}
		return engine.Article(id, lim.SentencesPerItem, lim.WordsPerItemSummary, seen)
	}
	var tops []string
	for s, sec := range sel.sections {
		tops = append(tops, sec.items[0].art.ID)
		for _, it := range sec.items {
			ed.Sections[s].Items = append(ed.Sections[s].Items, item(it, blurb(it.art.ID, nil)))
		}
	}
	ed.Lead = edits.apply(engine.Lead(tops, lim.WordsPerLead, nil), engine, nil)
	said := settle(ed, blurb, struck)
	for s, sec := range sel.sections {
		if len(sec.items) < minSectionItems {
			continue
		}
		ids := make([]string, len(sec.items))
		for i, it := range sec.items {
			ids[i] = it.art.ID
		}
		ed.Sections[s].Summary = edits.apply(engine.Section(ids, lim.WordsPerSectionSummary, said), engine, said)
	}
	settle(ed, blurb, struck)
}

// settle records what the lead and section summaries say, and what the
// editor struck, then walks the blurbs in reading order: one that
// repeats anything recorded is chosen again from what its article has
// left (its next best sentences, or nothing), and each blurb is recorded
// in turn. It returns the record.
func settle(ed *digest.Edition, blurb func(id string, seen *summarize.Seen) []string, struck []string) *summarize.Seen {
	said := summarize.NewSeen()
	for _, s := range struck {
		said.Add(s)
	}
	for _, s := range ed.Lead {
		said.Add(s.Text)
	}
	for _, sec := range ed.Sections {
		for _, s := range sec.Summary {
			said.Add(s.Text)
		}
	}
	for s := range ed.Sections {
		for i := range ed.Sections[s].Items {
			it := &ed.Sections[s].Items[i]
			if repeats(said, it.Summary) {
				it.Summary = blurb(it.ID, said) // records its picks
				continue
			}
			for _, t := range it.Summary {
				said.Add(t)
			}
		}
	}
	return said
}

// repeats reports whether any of sentences says what said holds.
func repeats(said *summarize.Seen, sentences []string) bool {
	for _, t := range sentences {
		if said.Covers(t) {
			return true
		}
	}
	return false
}
