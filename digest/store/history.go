package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// RecordChange adds an editorial change to the history and returns its
// id. The change itself is already made; the row says who made it and
// keeps the state from before it for undo.
func (s *Store) RecordChange(ctx context.Context, c digest.EditorialChange) (int64, error) {
	before := ""
	if c.Before != nil {
		b, err := json.Marshal(c.Before)
		if err != nil {
			return 0, fmt.Errorf("record change: %w", err)
		}
		before = string(b)
	}
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO editorial_changes (edition_id, at, editor, kind, words, before_state, undoes)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.EditionID, formatTime(c.At), c.Editor, string(c.Kind), c.Words, before, c.Undoes).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("record change: %w", err)
	}
	return id, nil
}

// Changes lists editorial changes, newest first: an edition's, or with
// editionID "" every one the desk recorded.
func (s *Store) Changes(ctx context.Context, editionID string, limit int) ([]digest.EditorialChange, error) {
	query := `SELECT id, edition_id, at, editor, kind, words, before_state, undoes FROM editorial_changes`
	var args []any
	if editionID != "" {
		query += ` WHERE edition_id = ?`
		args = append(args, editionID)
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("changes: %w", err)
	}
	defer rows.Close()
	var out []digest.EditorialChange
	for rows.Next() {
		var c digest.EditorialChange
		var at, kind, before string
		if err := rows.Scan(&c.ID, &c.EditionID, &at, &c.Editor, &kind, &c.Words, &before, &c.Undoes); err != nil {
			return nil, fmt.Errorf("changes: %w", err)
		}
		c.At, c.Kind = parseTime(at), digest.ChangeKind(kind)
		if before != "" {
			c.Before = new(digest.EditorialState)
			if err := json.Unmarshal([]byte(before), c.Before); err != nil {
				return nil, fmt.Errorf("change %d: before state: %w", c.ID, err)
			}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// EditorialState reads everything an editor decided about an edition
// that its rebuild reads, for the history to keep before a change.
func (s *Store) EditorialState(ctx context.Context, editionID string) (*digest.EditorialState, error) {
	st := &digest.EditorialState{}
	ov, err := s.Overrides(ctx, editionID)
	if err != nil {
		return nil, err
	}
	for _, o := range ov {
		st.Overrides = append(st.Overrides, o)
	}
	sortOverrides(st.Overrides)
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, original, replacement, updated_at FROM edition_sentence_edits
		WHERE edition_id = ? ORDER BY updated_at, article_id, original`, editionID)
	if err != nil {
		return nil, fmt.Errorf("editorial state %s: %w", editionID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var e digest.SentenceEdit
		var at string
		if err := rows.Scan(&e.ArticleID, &e.Original, &e.Replacement, &at); err != nil {
			return nil, fmt.Errorf("editorial state %s: %w", editionID, err)
		}
		st.Edits, st.EditedAt = append(st.Edits, e), append(st.EditedAt, parseTime(at))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("editorial state %s: %w", editionID, err)
	}
	if st.Note, err = s.Note(ctx, editionID); err != nil {
		return nil, err
	}
	rec, err := s.Edition(ctx, editionID)
	if err != nil {
		return nil, err
	}
	st.Placements = rec.Items
	return st, nil
}

// RestoreEditorialState puts back a state EditorialState read: the
// overrides, sentence edits, note and placements become exactly those,
// in one transaction, refused like any change once the edition is
// sending or sent. The caller rebuilds the edition from it.
func (s *Store) RestoreEditorialState(ctx context.Context, editionID string, st *digest.EditorialState, now time.Time) error {
	if st == nil {
		return errors.New("restore editorial state: no state")
	}
	return s.inChangeableTx(ctx, editionID, func(tx *txn) error {
		for _, table := range []string{"edition_overrides", "edition_sentence_edits", "edition_notes", "edition_items"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE edition_id = ?`, editionID); err != nil {
				return fmt.Errorf("restore %s %s: %w", table, editionID, err)
			}
		}
		for _, o := range st.Overrides {
			if err := setOverride(ctx, tx, editionID, o, now); err != nil {
				return err
			}
		}
		for i, e := range st.Edits {
			at := now
			if i < len(st.EditedAt) && !st.EditedAt[i].IsZero() {
				at = st.EditedAt[i]
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO edition_sentence_edits (edition_id, article_id, original, replacement, updated_at)
				VALUES (?, ?, ?, ?, ?)`, editionID, e.ArticleID, e.Original, e.Replacement, formatTime(at)); err != nil {
				return fmt.Errorf("restore sentence edit %s: %w", editionID, err)
			}
		}
		if st.Note != (digest.EditorNote{}) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO edition_notes (edition_id, intro, subject, preheader, updated_at)
				VALUES (?, ?, ?, ?, ?)`, editionID, st.Note.Intro, st.Note.Subject, st.Note.Preheader, formatTime(now)); err != nil {
				return fmt.Errorf("restore note %s: %w", editionID, err)
			}
		}
		return insertItems(ctx, tx, editionID, st.Placements)
	})
}

// sortOverrides orders overrides by article, so that the same state is
// stored as the same JSON.
func sortOverrides(os []digest.Override) {
	slices.SortFunc(os, func(a, b digest.Override) int { return strings.Compare(a.ArticleID, b.ArticleID) })
}
