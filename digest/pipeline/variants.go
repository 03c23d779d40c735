package pipeline

import (
	"context"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
)

// variants renders the edition once for each set of sections that
// active subscribers chose: each variant carries only the items of those
// sections, with a lead and section summaries drawn from them alone. A
// set that covers every section the edition has needs no variant, nor
// does one that covers none of them; those subscribers get the whole
// edition (see digest.Rendition.Variant).
func (b *Builder) variants(ctx context.Context, sel *selection, ed *digest.Edition, id identity) ([]digest.Variant, error) {
	sets, err := b.Store.PreferenceSets(ctx)
	if err != nil || len(sets) == 0 {
		return nil, err
	}
	shown := map[string]bool{} // the items the edition kept within its limits
	for _, s := range ed.Sections {
		for _, it := range s.Items {
			shown[it.ID] = true
		}
	}
	var out []digest.Variant
	for _, set := range sets {
		sub := restrict(sel, set, shown)
		if len(sub.sections) == 0 || len(sub.sections) == len(ed.Sections) {
			continue
		}
		ved := b.assemble(sub, id)
		html, text, err := b.Renderer.MailParts(ved)
		if err != nil {
			return nil, fmt.Errorf("variant %q: %w", set.Key(), err)
		}
		out = append(out, digest.Variant{Key: set.Key(), Subject: ved.Subject, MailHTML: html, MailText: text})
	}
	return out, nil
}

// restrict keeps the sections of a selection that a set takes, and in
// them the items the edition shows.
func restrict(sel *selection, set digest.Sections, shown map[string]bool) *selection {
	out := &selection{analyses: sel.analyses}
	for _, sec := range sel.sections {
		if !set.Has(sec.title) {
			continue
		}
		kept := chosenSection{title: sec.title}
		for _, it := range sec.items {
			if shown[it.art.ID] {
				kept.items = append(kept.items, it)
			}
		}
		if len(kept.items) > 0 {
			out.sections = append(out.sections, kept)
		}
	}
	return out
}
