package desk

import (
	"context"
	"fmt"
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// Action is what an editor does to one article of an edition.
type Action string

// The actions the preview offers.
const (
	Include Action = "include"
	Exclude Action = "exclude"
	Pin     Action = "pin"
	Unpin   Action = "unpin"
	Move    Action = "move"
	// Up and Down move an article one place within its section.
	Up   Action = "up"
	Down Action = "down"
)

// Change is one editor's action on one article.
type Change struct {
	ArticleID string
	Action    Action
	// Section is the title to move to (Move only).
	Section string
}

// Change applies an editor's action and rebuilds the edition, which
// returns it to draft: any approval covered the content before.
func (d *Desk) Change(ctx context.Context, id string, ch Change) error {
	view, err := d.changeable(ctx, id)
	if err != nil {
		return err
	}
	known := false
	for _, it := range view.Items {
		known = known || it.ArticleID == ch.ArticleID
	}
	if !known {
		return fmt.Errorf("article %q is not part of edition %s: %w", ch.ArticleID, id, ErrBadInput)
	}
	before, err := d.before(ctx, id)
	if err != nil {
		return err
	}
	ov, err := d.Store.Overrides(ctx, id)
	if err != nil {
		return err
	}
	o := ov[ch.ArticleID]
	o.ArticleID = ch.ArticleID
	switch ch.Action {
	case Up, Down:
		by := map[Action]int{Up: -1, Down: 1}[ch.Action]
		if err := d.reorder(ctx, id, view, ov, ch.ArticleID, by); err != nil {
			return err
		}
		return d.rebuildAfter(ctx, id, ch, view, before)
	case Include:
		o.Excluded, o.Included = false, true
	case Exclude:
		o.Excluded, o.Included, o.Pinned = true, false, false
	case Pin:
		o.Pinned, o.Excluded = true, false
	case Unpin:
		o.Pinned = false
	case Move:
		title, ok := sectionTitle(view.Sections, ch.Section)
		if !ok {
			return fmt.Errorf("no section %q: %w", ch.Section, ErrNoSection)
		}
		o.Section, o.Excluded = title, false
	default:
		return fmt.Errorf("unknown action %q: %w", ch.Action, ErrBadInput)
	}
	if err := d.Store.SetOverride(ctx, id, o, d.Clock.Now()); err != nil {
		return err
	}
	return d.rebuildAfter(ctx, id, ch, view, before)
}

func (d *Desk) rebuildAfter(ctx context.Context, id string, ch Change, view *View, before *digest.EditorialState) error {
	if _, err := d.Builder.Rebuild(ctx, id); err != nil {
		return err
	}
	d.log().Info("edition changed", "edition_id", id, "article_id", ch.ArticleID, "action", string(ch.Action))
	return d.record(ctx, id, who(ctx, ""), digest.ChangeArticle, articleWords(ch, view.Items), before)
}

// Replace rebuilds the edition with every article placed afresh by the
// theme, undoing the placements changes keep (see pipeline.Rebuild). The
// edition returns to draft.
func (d *Desk) Replace(ctx context.Context, id string) error {
	if _, err := d.changeable(ctx, id); err != nil {
		return err
	}
	before, err := d.before(ctx, id)
	if err != nil {
		return err
	}
	if _, err := d.Builder.Replace(ctx, id); err != nil {
		return err
	}
	d.log().Info("edition re-placed", "edition_id", id)
	return d.record(ctx, id, who(ctx, ""), digest.ChangeReplace, "placed every article afresh by the theme", before)
}

// changeable loads an edition's outline, refusing one whose status
// cannot change, before any rebuild work is done.
func (d *Desk) changeable(ctx context.Context, id string) (*View, error) {
	view, err := d.outline(ctx, id)
	if err != nil {
		return nil, err
	}
	if !view.Status.CanChange() {
		return nil, fmt.Errorf("edition %s is %s: %w", id, view.Status, digest.ErrLocked)
	}
	return view, nil
}

func sectionTitle(titles []string, want string) (string, bool) {
	for _, t := range titles {
		if strings.EqualFold(t, strings.TrimSpace(want)) {
			return t, true
		}
	}
	return "", false
}
