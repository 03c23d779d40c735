package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
			(id, key, kind, status, title, created_at, built_at, dir, html, text, json, note)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.ID, e.Key, e.Kind, e.Status, e.Title, formatTime(e.CreatedAt), formatTime(e.BuiltAt),
			e.Dir, e.HTML, e.Text, e.JSON, e.Note)
		if err != nil {
			if isUniqueViolation(err) {
				return fmt.Errorf("insert edition %s: %w", e.Key, ErrKeyExists)
			}
			return fmt.Errorf("insert edition %s: %w", e.Key, err)
		}
		for _, it := range e.Items {
			if _, err := tx.ExecContext(ctx, `INSERT INTO edition_items (edition_id, article_id, section, position)
				VALUES (?, ?, ?, ?)`, e.ID, it.ArticleID, it.Section, it.Position); err != nil {
				return fmt.Errorf("insert edition %s item %s: %w", e.ID, it.ArticleID, err)
			}
		}
		return nil
	})
}

// Edition loads one edition with its items.
func (s *Store) Edition(ctx context.Context, id string) (*Edition, error) {
	var e Edition
	var created, built string
	err := s.db.QueryRowContext(ctx, `SELECT id, key, kind, status, title, created_at, built_at, dir, html, text, json, note
		FROM editions WHERE id = ?`, id).Scan(&e.ID, &e.Key, &e.Kind, &e.Status, &e.Title, &created, &built,
		&e.Dir, &e.HTML, &e.Text, &e.JSON, &e.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("edition %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("edition %s: %w", id, err)
	}
	e.CreatedAt, e.BuiltAt = parseTime(created), parseTime(built)
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
func (s *Store) Editions(ctx context.Context, limit int) ([]Edition, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, key, kind, status, title, created_at, built_at, dir, note
		FROM editions ORDER BY created_at DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("list editions: %w", err)
	}
	defer rows.Close()
	var out []Edition
	for rows.Next() {
		var e Edition
		var created, built string
		if err := rows.Scan(&e.ID, &e.Key, &e.Kind, &e.Status, &e.Title, &created, &built, &e.Dir, &e.Note); err != nil {
			return nil, fmt.Errorf("list editions: %w", err)
		}
		e.CreatedAt, e.BuiltAt = parseTime(created), parseTime(built)
		out = append(out, e)
	}
	return out, rows.Err()
}

func isUniqueViolation(err error) bool {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}
