package desk

import (
	"context"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
)

// Undo takes back the newest change of an edition, which must be the
// change the editor saw as newest (changeID), so that two editors never
// undo each other's work unseen. A change that rebuilt the edition is
// undone by restoring the editorial state stored before it and
// rebuilding, which gives back the edition as it was; an approval is
// undone by withdrawing it. The undo is recorded with the state it
// replaced, so it can be undone in turn. A send, a build, a discard and
// a withdrawn approval are refused with an UndoRefusal, and so is any
// undo on an edition that is sending, sent or discarded.
func (d *Desk) Undo(ctx context.Context, id string, changeID int64) error {
	if d.Changes == nil {
		return fmt.Errorf("undo %s: %w", id, ErrNothingToUndo)
	}
	rec, err := d.Store.Edition(ctx, id)
	if err != nil {
		return err
	}
	if !rec.Status.CanChange() {
		return fmt.Errorf("undo %s: edition is %s: %w", id, rec.Status, digest.ErrLocked)
	}
	newest, err := d.Changes.Changes(ctx, id, 1)
	if err != nil {
		return fmt.Errorf("undo %s: %w", id, err)
	}
	if len(newest) == 0 {
		return fmt.Errorf("undo %s: %w", id, ErrNothingToUndo)
	}
	c := newest[0]
	if c.ID != changeID {
		return fmt.Errorf("undo %s: change %d, newest is %d: %w", id, changeID, c.ID, ErrUndoStale)
	}
	name := who(ctx, "")
	words := fmt.Sprintf("undid this: “%s”", c.Words)
	switch {
	case c.Kind == digest.ChangeApprove:
		if err := d.Store.Unapprove(ctx, id); err != nil {
			return err
		}
		d.log().Info("approval undone", "edition_id", id, "by", name)
		return d.undone(ctx, id, name, words, c.ID, nil)
	case c.Before != nil:
		now, err := d.before(ctx, id)
		if err != nil {
			return err
		}
		if err := d.Changes.RestoreEditorialState(ctx, id, c.Before, d.Clock.Now()); err != nil {
			return fmt.Errorf("undo %s: %w", id, err)
		}
		if _, err := d.Builder.Rebuild(ctx, id); err != nil {
			return fmt.Errorf("undo %s: %w", id, err)
		}
		d.log().Info("change undone", "edition_id", id, "change_id", c.ID, "kind", string(c.Kind), "by", name)
		return d.undone(ctx, id, name, words, c.ID, now)
	default:
		kind := c.Kind
		if kind == digest.ChangeUndo {
			kind = digest.ChangeApprove // only an undone approval keeps no state
		}
		return fmt.Errorf("undo %s: %w", id, &UndoRefusal{Kind: kind})
	}
}

func (d *Desk) undone(ctx context.Context, id, name, words string, undid int64, before *digest.EditorialState) error {
	c := digest.EditorialChange{EditionID: id, At: d.Clock.Now(), Editor: name, Kind: digest.ChangeUndo,
		Words: name + " " + words, Before: before, Undoes: undid}
	if _, err := d.Changes.RecordChange(ctx, c); err != nil {
		return fmt.Errorf("record undo: %w", err)
	}
	return nil
}

// Undoable reports whether Undo can take back c when it is its
// edition's newest change: one that kept the state before it, or an
// approval.
func Undoable(c digest.EditorialChange) bool {
	return c.EditionID != "" && (c.Before != nil || c.Kind == digest.ChangeApprove)
}
