package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// inChangeableTx runs f in a transaction after checking that the
// edition's content may still change: an editor's words never land in an
// edition that is sending or sent.
func (s *Store) inChangeableTx(ctx context.Context, editionID string, f func(*txn) error) error {
	return s.inTx(ctx, func(tx *txn) error {
		status, err := editionStatus(ctx, tx, editionID)
		if err != nil {
			return err
		}
		if !status.CanChange() {
			return fmt.Errorf("edition %s is %s: %w", editionID, status, digest.ErrLocked)
		}
		return f(tx)
	})
}

// SetNote stores the editor's note of an edition, replacing any before.
func (s *Store) SetNote(ctx context.Context, editionID string, n digest.EditorNote, now time.Time) error {
	return s.inChangeableTx(ctx, editionID, func(tx *txn) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO edition_notes (edition_id, intro, subject, preheader, updated_at)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (edition_id) DO UPDATE SET intro = excluded.intro, subject = excluded.subject,
				preheader = excluded.preheader, updated_at = excluded.updated_at`,
			editionID, n.Intro, n.Subject, n.Preheader, formatTime(now))
		if err != nil {
			return fmt.Errorf("note %s: %w", editionID, err)
		}
		return nil
	})
}

// Note returns the editor's note of an edition; none is the zero note.
func (s *Store) Note(ctx context.Context, editionID string) (digest.EditorNote, error) {
	var n digest.EditorNote
	err := s.db.QueryRowContext(ctx, `SELECT intro, subject, preheader FROM edition_notes WHERE edition_id = ?`,
		editionID).Scan(&n.Intro, &n.Subject, &n.Preheader)
	if errors.Is(err, sql.ErrNoRows) {
		return n, nil
	}
	if err != nil {
		return n, fmt.Errorf("note %s: %w", editionID, err)
	}
	return n, nil
}

// EditSentence records an edit of a summary sentence. An edit of a
// sentence that is itself a replacement updates the edit that put it
// there, so a chain of swaps stays one edit of the engine's sentence.
func (s *Store) EditSentence(ctx context.Context, editionID string, e digest.SentenceEdit, now time.Time) error {
	return s.inChangeableTx(ctx, editionID, func(tx *txn) error {
		var original string
		err := tx.QueryRowContext(ctx, `SELECT original FROM edition_sentence_edits
			WHERE edition_id = ? AND article_id = ? AND replacement = ? AND replacement <> ''`,
			editionID, e.ArticleID, e.Original).Scan(&original)
		switch {
		case err == nil:
			e.Original = original
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("edit sentence %s: %w", editionID, err)
		}
		if e.Replacement == e.Original { // swapped back: no edit left
			_, err = tx.ExecContext(ctx, `DELETE FROM edition_sentence_edits WHERE edition_id = ? AND article_id = ? AND original = ?`,
				editionID, e.ArticleID, e.Original)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO edition_sentence_edits (edition_id, article_id, original, replacement, updated_at)
				VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (edition_id, article_id, original) DO UPDATE SET replacement = excluded.replacement,
					updated_at = excluded.updated_at`,
				editionID, e.ArticleID, e.Original, e.Replacement, formatTime(now))
		}
		if err != nil {
			return fmt.Errorf("edit sentence %s: %w", editionID, err)
		}
		return nil
	})
}

// SentenceEdits returns an edition's sentence edits.
func (s *Store) SentenceEdits(ctx context.Context, editionID string) ([]digest.SentenceEdit, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, original, replacement FROM edition_sentence_edits
		WHERE edition_id = ? ORDER BY updated_at, article_id, original`, editionID)
	if err != nil {
		return nil, fmt.Errorf("sentence edits %s: %w", editionID, err)
	}
	defer rows.Close()
	var out []digest.SentenceEdit
	for rows.Next() {
		var e digest.SentenceEdit
		if err := rows.Scan(&e.ArticleID, &e.Original, &e.Replacement); err != nil {
			return nil, fmt.Errorf("sentence edits %s: %w", editionID, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
