package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// NextIssue is the number the next built edition takes: one past the
// highest given. Numbers of editions never sent are not reused, so no
// two editions ever share a subject.
func (s *Store) NextIssue(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(issue), 0) + 1 FROM editions`).Scan(&n); err != nil {
		return 0, fmt.Errorf("next issue number: %w", err)
	}
	return n, nil
}

// InsertEdition stores a built edition and its items in one transaction.
// It returns digest.ErrKeyExists when the key is taken, so callers can pick
// another key (manual builds) or know the slot is done (scheduled ones).
func (s *Store) InsertEdition(ctx context.Context, e *digest.EditionRecord) error {
	header, err := json.Marshal(e.Header)
	if err != nil {
		return fmt.Errorf("insert edition %s: %w", e.Key, err)
	}
	return s.inTx(ctx, func(tx *txn) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO editions
			(id, key, kind, status, title, subject, issue, created_at, built_at, dir, html, text, json, mail_html, mail_text, mail_header,
			 note, slot_at, candidates, unreadable)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.ID, e.Key, string(e.Kind), string(e.Status), e.Title, ownSubject(e), e.Issue, formatTime(e.CreatedAt), formatTime(e.BuiltAt),
			e.Dir, nonNilBytes(e.HTML), nonNilBytes(e.Text), nonNilBytes(e.JSON), nonNilBytes(e.MailHTML),
			nonNilBytes(e.MailText), string(header), e.Note, optTime(e.SlotAt), jsonList(e.Candidates), jsonLeftOut(e.Unreadable))
		if err != nil {
			if isUniqueViolation(err) && strings.Contains(err.Error(), "issue") {
				return fmt.Errorf("insert edition %s: issue number %d: %w", e.Key, e.Issue, digest.ErrIssueTaken)
			}
			if isUniqueViolation(err) {
				return fmt.Errorf("insert edition %s: %w", e.Key, digest.ErrKeyExists)
			}
			return fmt.Errorf("insert edition %s: %w", e.Key, err)
		}
		if err := writeVariants(ctx, tx, e.ID, e.Variants); err != nil {
			return err
		}
		return insertItems(ctx, tx, e.ID, e.Items)
	})
}

func insertItems(ctx context.Context, tx *txn, editionID string, items []digest.Placement) error {
	for _, it := range items {
		if _, err := tx.ExecContext(ctx, `INSERT INTO edition_items (edition_id, article_id, section, position)
			VALUES (?, ?, ?, ?)`, editionID, it.ArticleID, it.Section, it.Position); err != nil {
			return fmt.Errorf("insert edition %s item %s: %w", editionID, it.ArticleID, err)
		}
	}
	return nil
}

// digest.EditionRecord loads one edition with its items.
func (s *Store) Edition(ctx context.Context, id string) (*digest.EditionRecord, error) {
	return s.loadEdition(ctx, "id", id)
}

// EditionByKey loads the edition that holds a slot key.
func (s *Store) EditionByKey(ctx context.Context, key string) (*digest.EditionRecord, error) {
	return s.loadEdition(ctx, "key", key)
}

func (s *Store) loadEdition(ctx context.Context, column, value string) (*digest.EditionRecord, error) {
	var e digest.EditionRecord
	var status, created, built, slot, approved, candidates, header, unreadable string
	err := s.db.QueryRowContext(ctx, `SELECT id, key, kind, status, title, `+subjectColumn+`, issue, created_at, built_at, dir, html, text, json,
		mail_html, mail_text, mail_header, note, slot_at, candidates, unreadable, approved_hash, approved_at, approved_by, superseded_by
		FROM editions WHERE `+column+` = ?`, value).Scan(&e.ID, &e.Key, &e.Kind, &status, &e.Title, &e.Subject, &e.Issue, &created, &built,
		&e.Dir, &e.HTML, &e.Text, &e.JSON, &e.MailHTML, &e.MailText, &header, &e.Note, &slot, &candidates, &unreadable,
		&e.ApprovedHash, &approved, &e.ApprovedBy, &e.SupersededBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("edition %s: %w", value, digest.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("edition %s: %w", value, err)
	}
	id := e.ID
	if err := scanStatus(status, &e.Status); err != nil {
		return nil, fmt.Errorf("edition %s: %w", id, err)
	}
	e.CreatedAt, e.BuiltAt = parseTime(created), parseTime(built)
	e.SlotAt, e.ApprovedAt = parseOpt(slot), parseOpt(approved)
	for _, f := range []struct {
		name string
		raw  string
		into any
	}{{"candidates", candidates, &e.Candidates}, {"mail header", header, &e.Header}, {"unreadable", unreadable, &e.Unreadable}} {
		if err := json.Unmarshal([]byte(f.raw), f.into); err != nil {
			return nil, fmt.Errorf("edition %s %s: %w", id, f.name, err)
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, section, position FROM edition_items
		WHERE edition_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("edition %s items: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var it digest.Placement
		if err := rows.Scan(&it.ArticleID, &it.Section, &it.Position); err != nil {
			return nil, fmt.Errorf("edition %s items: %w", id, err)
		}
		e.Items = append(e.Items, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("edition %s items: %w", id, err)
	}
	if e.Variants, err = readVariants(ctx, s.db, id); err != nil {
		return nil, err
	}
	return &e, nil
}

// Editions lists the newest editions first, without their rendered parts.
// With statuses given, only editions in one of them.
func (s *Store) Editions(ctx context.Context, limit int, statuses ...digest.EditionStatus) ([]digest.EditionRecord, error) {
	query := `SELECT id, key, kind, status, title, issue, created_at, built_at, dir, note, slot_at, approved_hash, approved_at, approved_by,
		superseded_by FROM editions`
	var args []any
	if len(statuses) > 0 {
		var cond string
		cond, args = statusIn("status", statuses)
		query += ` WHERE ` + cond
	}
	rows, err := s.db.QueryContext(ctx, query+` ORDER BY created_at DESC, id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("list editions: %w", err)
	}
	defer rows.Close()
	var out []digest.EditionRecord
	for rows.Next() {
		var e digest.EditionRecord
		var status, created, built, slot, approved string
		if err := rows.Scan(&e.ID, &e.Key, &e.Kind, &status, &e.Title, &e.Issue, &created, &built, &e.Dir, &e.Note,
			&slot, &e.ApprovedHash, &approved, &e.ApprovedBy, &e.SupersededBy); err != nil {
			return nil, fmt.Errorf("list editions: %w", err)
		}
		if err := scanStatus(status, &e.Status); err != nil {
			return nil, fmt.Errorf("list editions: %s: %w", e.ID, err)
		}
		e.CreatedAt, e.BuiltAt = parseTime(created), parseTime(built)
		e.SlotAt, e.ApprovedAt = parseOpt(slot), parseOpt(approved)
		out = append(out, e)
	}
	return out, rows.Err()
}

// ReplaceRendered stores a rebuilt edition: a new rendition and items.
// Any change returns the edition to draft and drops its approval, so an
// editor approves exactly what will be sent. An edition whose status
// cannot change (digest.EditionStatus.CanChange) is never changed.
func (s *Store) ReplaceRendered(ctx context.Context, e *digest.EditionRecord) error {
	header, err := json.Marshal(e.Header)
	if err != nil {
		return fmt.Errorf("rebuild edition %s: %w", e.ID, err)
	}
	return s.inTx(ctx, func(tx *txn) error {
		cond, args := statusIn("status", digest.ChangeableStatuses)
		res, err := tx.ExecContext(ctx, `UPDATE editions SET status = ?, approved_hash = '', approved_at = '', approved_by = '',
			title = ?, subject = ?, built_at = ?, html = ?, text = ?, json = ?, mail_html = ?, mail_text = ?, mail_header = ?
			WHERE id = ? AND `+cond,
			append([]any{string(digest.EditionDraft), e.Title, ownSubject(e), formatTime(e.BuiltAt), nonNilBytes(e.HTML), nonNilBytes(e.Text),
				nonNilBytes(e.JSON), nonNilBytes(e.MailHTML), nonNilBytes(e.MailText), string(header), e.ID}, args...)...)
		if err != nil {
			return fmt.Errorf("rebuild edition %s: %w", e.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := s.Edition(ctx, e.ID); err != nil {
				return err
			}
			return fmt.Errorf("rebuild edition %s: %w", e.ID, digest.ErrLocked)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM edition_items WHERE edition_id = ?`, e.ID); err != nil {
			return fmt.Errorf("rebuild edition %s: %w", e.ID, err)
		}
		if err := writeVariants(ctx, tx, e.ID, e.Variants); err != nil {
			return err
		}
		return insertItems(ctx, tx, e.ID, e.Items)
	})
}

// subjectColumn reads an edition's mail subject: its own, or its title.
const subjectColumn = `CASE WHEN subject = '' THEN title ELSE subject END`

// ownSubject is what the subject column keeps: ” when the subject is the
// title, so renaming never leaves two copies to disagree.
func ownSubject(e *digest.EditionRecord) string {
	if e.Subject == e.Title {
		return ""
	}
	return e.Subject
}

// FillMail stores the mail parts of an edition built before they were
// stored, once; an edition that has them keeps them.
func (s *Store) FillMail(ctx context.Context, id string, r *digest.Rendition) error {
	header, err := json.Marshal(r.Header)
	if err != nil {
		return fmt.Errorf("edition %s: %w", id, err)
	}
	_, err = s.db.ExecContext(ctx, `UPDATE editions SET mail_html = ?, mail_text = ?, mail_header = ?
		WHERE id = ? AND length(mail_html) = 0`, r.MailHTML, r.MailText, string(header), id)
	if err != nil {
		return fmt.Errorf("edition %s: store mail parts: %w", id, err)
	}
	return nil
}

// AnySent reports whether any edition has been sent (or started sending).
func (s *Store) AnySent(ctx context.Context) (bool, error) {
	cond, args := statusIn("status", digest.CarriedStatuses)
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM editions WHERE `+cond, args...).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("count sent editions: %w", err)
	}
	return n > 0, nil
}

func jsonList(ids []string) string {
	b, _ := json.Marshal(nonNil(ids))
	return string(b)
}

func jsonLeftOut(l []digest.LeftOut) string {
	if l == nil {
		l = []digest.LeftOut{}
	}
	b, _ := json.Marshal(l)
	return string(b)
}

// nonNilBytes keeps an absent part an empty blob, as the schema wants.
func nonNilBytes(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
