package pipeline

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
)

// Rebuild builds a stored edition again from the articles it considered,
// applying the editor's overrides, and keeps its id, key and date. The
// articles it carried keep their sections, so a change touches only what
// it must. The edition returns to draft: an approval covered the old
// content only.
func (b *Builder) Rebuild(ctx context.Context, id string) (*Result, error) {
	return b.rebuild(ctx, id, true)
}

// Replace is Rebuild with every article placed afresh by the theme, as
// at its build: what an editor asks for to undo stale placements.
func (b *Builder) Replace(ctx context.Context, id string) (*Result, error) {
	return b.rebuild(ctx, id, false)
}

func (b *Builder) rebuild(ctx context.Context, id string, keepPlaces bool) (*Result, error) {
	start := b.Clock.Now()
	rec, err := b.Store.Edition(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("rebuild: %w", err)
	}
	ids := rec.Candidates
	if len(ids) == 0 { // built before editions recorded their candidates
		var old digest.Edition
		if err := json.Unmarshal(rec.JSON, &old); err != nil {
			return nil, fmt.Errorf("rebuild %s: %w", id, err)
		}
		ids = consideredIDs(&old)
	}
	arts, err := b.Store.Articles(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("rebuild %s: %w", id, err)
	}
	if len(arts) == 0 {
		return nil, fmt.Errorf("rebuild %s: %w: the edition records no articles", id, ErrNothingToBuild)
	}
	ov, err := b.Store.Overrides(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("rebuild %s: %w", id, err)
	}
	var kept map[string]string
	if keepPlaces {
		kept = make(map[string]string, len(rec.Items))
		for _, it := range rec.Items {
			kept[it.ArticleID] = it.Section
		}
	}
	sel := b.choose(arts, nil, ov, rec.CreatedAt, kept)
	// Files that could not be read at build time stay listed as left out.
	sel.leftOut = append(sel.leftOut, rec.Unreadable...)
	words, err := b.loadEditorial(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("rebuild %s: %w", id, err)
	}
	ed, r, err := b.renderWithinLimit(ctx, sel, identity{id: rec.ID, key: rec.Key, at: rec.CreatedAt, title: rec.Title,
		issue: rec.Issue, editorial: words})
	if err != nil {
		return nil, fmt.Errorf("rebuild %s: %w", id, err)
	}
	next := b.record(ed, r)
	if err := b.Store.ReplaceRendered(ctx, next); err != nil {
		return nil, fmt.Errorf("rebuild: %w", err)
	}
	res := &Result{Edition: ed, Articles: len(arts)}
	if err := b.writeFiles(ed.ID, next, res); err != nil {
		return nil, fmt.Errorf("rebuild %s: %w", id, err)
	}
	res.Duration = b.Clock.Now().Sub(start)
	return res, nil
}

// consideredIDs are the articles an edition shows or lists as left out.
func consideredIDs(ed *digest.Edition) []string {
	var ids []string
	for _, s := range ed.Sections {
		for _, it := range s.Items {
			ids = append(ids, it.ID)
		}
	}
	for _, l := range ed.LeftOut {
		if l.ID != "" {
			ids = append(ids, l.ID)
		}
	}
	return ids
}
