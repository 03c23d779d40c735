package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// SetOverride changes an edition's override for one article. It refuses
// when the edition is sending or sent, so what subscribers get is never
// edited under them.
func (s *Store) SetOverride(ctx context.Context, editionID string, o digest.Override, now time.Time) error {
	return s.inChangeableTx(ctx, editionID, func(tx *txn) error {
		return setOverride(ctx, tx, editionID, o, now)
	})
}

// SetOverrides changes several overrides at once: an editor's new order
// of a section touches every article in it.
func (s *Store) SetOverrides(ctx context.Context, editionID string, os []digest.Override, now time.Time) error {
	return s.inChangeableTx(ctx, editionID, func(tx *txn) error {
		for _, o := range os {
			if err := setOverride(ctx, tx, editionID, o, now); err != nil {
				return err
			}
		}
		return nil
	})
}

func setOverride(ctx context.Context, tx *txn, editionID string, o digest.Override, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO edition_overrides (edition_id, article_id, excluded, included, pinned, section, position, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (edition_id, article_id) DO UPDATE SET excluded = excluded.excluded, included = excluded.included,
			pinned = excluded.pinned, section = excluded.section, position = excluded.position, updated_at = excluded.updated_at`,
		editionID, o.ArticleID, o.Excluded, o.Included, o.Pinned, o.Section, o.Position, formatTime(now))
	if err != nil {
		return fmt.Errorf("override %s %s: %w", editionID, o.ArticleID, err)
	}
	return nil
}

// Overrides returns an edition's overrides by article id.
func (s *Store) Overrides(ctx context.Context, editionID string) (map[string]digest.Override, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, excluded, included, pinned, section, position FROM edition_overrides
		WHERE edition_id = ?`, editionID)
	if err != nil {
		return nil, fmt.Errorf("overrides %s: %w", editionID, err)
	}
	defer rows.Close()
	out := map[string]digest.Override{}
	for rows.Next() {
		var o digest.Override
		if err := rows.Scan(&o.ArticleID, &o.Excluded, &o.Included, &o.Pinned, &o.Section, &o.Position); err != nil {
			return nil, fmt.Errorf("overrides %s: %w", editionID, err)
		}
		out[o.ArticleID] = o
	}
	return out, rows.Err()
}

// Articles loads stored articles by id, in the order given; ids not
// stored are skipped.
func (s *Store) Articles(ctx context.Context, ids []string) ([]*digest.Article, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := s.db.QueryContext(ctx, articleColumns+` FROM articles a WHERE id IN (?`+
		strings.Repeat(", ?", len(ids)-1)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("load articles: %w", err)
	}
	byID, err := scanArticles(rows)
	if err != nil {
		return nil, err
	}
	index := map[string]*digest.Article{}
	for _, a := range byID {
		index[a.ID] = a
	}
	var out []*digest.Article
	for _, id := range ids {
		if a, ok := index[id]; ok {
			out = append(out, a)
		}
	}
	return out, nil
}

const articleColumns = `SELECT id, content_hash, origin, source, url, title, publication, published, authors, paragraphs, guid, section_hint`

// scanArticles reads rows of articleColumns and closes them.
func scanArticles(rows *sql.Rows) ([]*digest.Article, error) {
	defer rows.Close()
	var arts []*digest.Article
	for rows.Next() {
		var a digest.Article
		var origin, published, authors, paras string
		if err := rows.Scan(&a.ID, &a.ContentHash, &origin, &a.Source, &a.URL, &a.Title, &a.Publication, &published, &authors, &paras, &a.GUID, &a.SectionHint); err != nil {
			return nil, fmt.Errorf("list articles: %w", err)
		}
		a.Origin = digest.Origin(origin)
		if published != "" {
			a.Published, _ = time.Parse(time.DateOnly, published)
		}
		if err := json.Unmarshal([]byte(authors), &a.Authors); err != nil {
			return nil, fmt.Errorf("article %s authors: %w", a.ID, err)
		}
		if err := json.Unmarshal([]byte(paras), &a.Paragraphs); err != nil {
			return nil, fmt.Errorf("article %s paragraphs: %w", a.ID, err)
		}
		arts = append(arts, &a)
	}
	return arts, rows.Err()
}
