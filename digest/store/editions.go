package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrNotFound is returned when an edition does not exist.
var ErrNotFound = errors.New("not found")

// ErrKeyExists is returned when an edition with the same slot key exists:
// the guard that keeps a slot from being built twice.
var ErrKeyExists = errors.New("edition key exists")

// Edition is an edition as stored, with its rendered parts.
type Edition struct {
	ID        string
	Key       string
	Kind      string // manual or scheduled
	Status    string // draft, approved, sending, sent, skipped, failed
	Title     string
	CreatedAt time.Time
	BuiltAt   time.Time
	Dir       string
	HTML      []byte
	Text      []byte
	JSON      []byte
	Note      string
	Items     []EditionItem
	// SlotAt is when a scheduled edition's slot fell due.
	SlotAt time.Time
	// Candidates are the article ids the build considered.
	Candidates   []string
	ApprovedHash string
	ApprovedAt   time.Time
}

// EditionItem places one article in an edition.
type EditionItem struct {
	ArticleID string
	Section   string
	Position  int
}

// InsertEdition stores a built edition and its items in one transaction.
// It returns ErrKeyExists when the key is taken, so callers can pick
// another key (manual builds) or know the slot is done (scheduled ones).
func (s *Store) InsertEdition(ctx context.Context, e *Edition) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO editions
			(id, key, kind, status, title, created_at, built_at, dir, html, text, json, note, slot_at, candidates)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.ID, e.Key, e.Kind, e.Status, e.Title, formatTime(e.CreatedAt), formatTime(e.BuiltAt),
			e.Dir, e.HTML, e.Text, e.JSON, e.Note, optTime(e.SlotAt), jsonList(e.Candidates))
		if err != nil {
			if isUniqueViolation(err) {
				return fmt.Errorf("insert edition %s: %w", e.Key, ErrKeyExists)
			}
			return fmt.Errorf("insert edition %s: %w", e.Key, err)
		}
		return insertItems(ctx, tx, e.ID, e.Items)
	})
}

func insertItems(ctx context.Context, tx *sql.Tx, editionID string, items []EditionItem) error {
	for _, it := range items {
		if _, err := tx.ExecContext(ctx, `INSERT INTO edition_items (edition_id, article_id, section, position)
			VALUES (?, ?, ?, ?)`, editionID, it.ArticleID, it.Section, it.Position); err != nil {
			return fmt.Errorf("insert edition %s item %s: %w", editionID, it.ArticleID, err)
		}
	}
	return nil
}

// Edition loads one edition with its items.
func (s *Store) Edition(ctx context.Context, id string) (*Edition, error) {
	return s.loadEdition(ctx, "id", id)
}

// EditionByKey loads the edition that holds a slot key.
func (s *Store) EditionByKey(ctx context.Context, key string) (*Edition, error) {
	return s.loadEdition(ctx, "key", key)
}

func (s *Store) loadEdition(ctx context.Context, column, value string) (*Edition, error) {
	var e Edition
	var created, built, slot, approved, candidates string
	err := s.db.QueryRowContext(ctx, `SELECT id, key, kind, status, title, created_at, built_at, dir, html, text, json, note,
		slot_at, candidates, approved_hash, approved_at
		FROM editions WHERE `+column+` = ?`, value).Scan(&e.ID, &e.Key, &e.Kind, &e.Status, &e.Title, &created, &built,
		&e.Dir, &e.HTML, &e.Text, &e.JSON, &e.Note, &slot, &candidates, &e.ApprovedHash, &approved)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("edition %s: %w", value, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("edition %s: %w", value, err)
	}
	id := e.ID
	e.CreatedAt, e.BuiltAt = parseTime(created), parseTime(built)
	e.SlotAt, e.ApprovedAt = parseOpt(slot), parseOpt(approved)
	if err := json.Unmarshal([]byte(candidates), &e.Candidates); err != nil {
		return nil, fmt.Errorf("edition %s candidates: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, section, position FROM edition_items
		WHERE edition_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("edition %s items: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var it EditionItem
		if err := rows.Scan(&it.ArticleID, &it.Section, &it.Position); err != nil {
			return nil, fmt.Errorf("edition %s items: %w", id, err)
		}
		e.Items = append(e.Items, it)
	}
	return &e, rows.Err()
}

// Editions lists the newest editions first, without their rendered parts.
// With statuses given, only editions in one of them.
func (s *Store) Editions(ctx context.Context, limit int, statuses ...string) ([]Edition, error) {
	query := `SELECT id, key, kind, status, title, created_at, built_at, dir, note, slot_at, approved_hash, approved_at
		FROM editions`
	args := []any{}
	if len(statuses) > 0 {
		query += ` WHERE status IN (?` + strings.Repeat(", ?", len(statuses)-1) + `)`
		for _, st := range statuses {
			args = append(args, st)
		}
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY created_at DESC, id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("list editions: %w", err)
	}
	defer rows.Close()
	var out []Edition
	for rows.Next() {
		var e Edition
		var created, built, slot, approved string
		if err := rows.Scan(&e.ID, &e.Key, &e.Kind, &e.Status, &e.Title, &created, &built, &e.Dir, &e.Note,
			&slot, &e.ApprovedHash, &approved); err != nil {
			return nil, fmt.Errorf("list editions: %w", err)
		}
		e.CreatedAt, e.BuiltAt = parseTime(created), parseTime(built)
		e.SlotAt, e.ApprovedAt = parseOpt(slot), parseOpt(approved)
		out = append(out, e)
	}
	return out, rows.Err()
}

// ReplaceRendered stores a rebuilt edition: new rendered parts and items.
// Any change returns the edition to draft and drops its approval, so an
// editor approves exactly what will be sent. A sending or sent edition is
// never changed.
func (s *Store) ReplaceRendered(ctx context.Context, e *Edition) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE editions SET status = 'draft', approved_hash = '', approved_at = '',
			title = ?, built_at = ?, html = ?, text = ?, json = ?
			WHERE id = ? AND status IN ('draft', 'approved')`,
			e.Title, formatTime(e.BuiltAt), e.HTML, e.Text, e.JSON, e.ID)
		if err != nil {
			return fmt.Errorf("rebuild edition %s: %w", e.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := s.Edition(ctx, e.ID); err != nil {
				return err
			}
			return fmt.Errorf("rebuild edition %s: %w", e.ID, ErrLocked)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM edition_items WHERE edition_id = ?`, e.ID); err != nil {
			return fmt.Errorf("rebuild edition %s: %w", e.ID, err)
		}
		return insertItems(ctx, tx, e.ID, e.Items)
	})
}

// AnySent reports whether any edition has been sent (or started sending).
func (s *Store) AnySent(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM editions WHERE status IN ('sending', 'sent')`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("count sent editions: %w", err)
	}
	return n > 0, nil
}

func jsonList(ids []string) string {
	b, _ := json.Marshal(nonNil(ids))
	return string(b)
}

func isUniqueViolation(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}
