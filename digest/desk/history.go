package desk

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// HistoryStore keeps the record of editorial changes and the editorial
// state each one replaced; *store.Store implements it.
type HistoryStore interface {
	RecordChange(ctx context.Context, c digest.EditorialChange) (int64, error)
	Changes(ctx context.Context, editionID string, limit int) ([]digest.EditorialChange, error)
	EditorialState(ctx context.Context, editionID string) (*digest.EditorialState, error)
	RestoreEditorialState(ctx context.Context, editionID string, st *digest.EditorialState, now time.Time) error
}

// editorKey carries the editor's name in a request's context.
type editorKey struct{}

// WithEditor names the person acting for everything the desk records
// under ctx. The editors' face sets it from the credentials it checked,
// so the desk records who did a change without each handler passing
// the name along.
func WithEditor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, editorKey{}, name)
}

// EditorOf is the name WithEditor set, "" when none.
func EditorOf(ctx context.Context) string {
	name, _ := ctx.Value(editorKey{}).(string)
	return name
}

// commandLine names whoever acts with no editor in the context: the
// command line is the only caller that sets none.
const commandLine = digest.CommandLine

// who is by when given, else the context's editor, else the command line.
func who(ctx context.Context, by string) string {
	switch {
	case by != "":
		return by
	case EditorOf(ctx) != "":
		return EditorOf(ctx)
	default:
		return commandLine
	}
}

// historyLimit bounds the changes one page lists.
const historyLimit = 200

// History lists an edition's editorial changes, newest first; with id ""
// every change the desk recorded, the desk-wide history.
func (d *Desk) History(ctx context.Context, id string) ([]digest.EditorialChange, error) {
	if d.Changes == nil {
		return nil, nil
	}
	return d.Changes.Changes(ctx, id, historyLimit)
}

// before reads the edition's editorial state ahead of a change, for the
// record to keep; nil when the desk keeps no history.
func (d *Desk) before(ctx context.Context, id string) (*digest.EditorialState, error) {
	if d.Changes == nil {
		return nil, nil
	}
	st, err := d.Changes.EditorialState(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("read state before the change: %w", err)
	}
	return st, nil
}

// record adds a change made by name to the history. The change is made
// already: a record that cannot be written is an error the caller
// reports, so a change is never silently left out of the history.
func (d *Desk) record(ctx context.Context, id, name string, kind digest.ChangeKind, words string, before *digest.EditorialState) error {
	if d.Changes == nil {
		return nil
	}
	c := digest.EditorialChange{EditionID: id, At: d.Clock.Now(), Editor: name, Kind: kind, Words: name + " " + words, Before: before}
	if _, err := d.Changes.RecordChange(ctx, c); err != nil {
		return fmt.Errorf("record %s change: %w", kind, err)
	}
	return nil
}

// Errors of an undo that cannot apply; the editors' face says each in
// words.
var (
	// ErrNothingToUndo: the edition has no change to undo.
	ErrNothingToUndo = fmt.Errorf("nothing to undo: %w", ErrBadInput)
	// ErrUndoStale: the change asked for is no longer the newest.
	ErrUndoStale = fmt.Errorf("not the newest change: %w", ErrBadInput)
	// ErrCannotUndo: the newest change is of a kind undo does not take
	// back (a send, a build, a discard, a withdrawn approval).
	ErrCannotUndo = errors.New("change cannot be undone")
)

// UndoRefusal says which kind of change could not be undone.
type UndoRefusal struct{ Kind digest.ChangeKind }

func (u *UndoRefusal) Error() string { return fmt.Sprintf("a %s change cannot be undone", u.Kind) }

// Unwrap makes an UndoRefusal an ErrCannotUndo.
func (u *UndoRefusal) Unwrap() error { return ErrCannotUndo }
