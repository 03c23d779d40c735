package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// SaveArticles stores articles not yet known (by content hash) and marks
// known ones as seen again. It never rewrites a stored article, so a
// re-read file loses nothing; but a file dropped in a folder whose content
// changed replaces the article read from it before, which is marked
// superseded and is no candidate any more. It returns how many were new.
func (s *Store) SaveArticles(ctx context.Context, arts []*digest.Article, now time.Time) (int, error) {
	added := 0
	err := s.inTx(ctx, func(tx *txn) error {
		for _, a := range arts {
			if known, err := knownEntry(ctx, tx, a.GUID, a.URL); err != nil {
				return err
			} else if known {
				continue
			}
			authors, _ := json.Marshal(nonNil(a.Authors))
			paras, _ := json.Marshal(a.Paragraphs)
			res, err := tx.ExecContext(ctx, `INSERT INTO articles
				(id, content_hash, origin, source, url, title, publication, published, authors, paragraphs, first_seen, last_seen, guid, section_hint)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING`, // by content hash or id; on PostgreSQL another instance may insert it meanwhile
				a.ID, a.ContentHash, string(a.Origin), a.Source, a.URL, a.Title, a.Publication, a.Date(),
				string(authors), string(paras), formatTime(now), formatTime(now), a.GUID, a.SectionHint)
			if err != nil {
				return fmt.Errorf("save article %s: %w", a.Source, err)
			}
			if n, _ := res.RowsAffected(); n == 1 {
				added++
				if a.Origin == digest.OriginFile {
					if _, err := tx.ExecContext(ctx, `UPDATE articles SET superseded_by = ?
						WHERE source = ? AND origin = ? AND id != ? AND superseded_by = ''`,
						a.ID, a.Source, string(digest.OriginFile), a.ID); err != nil {
						return fmt.Errorf("save article %s: %w", a.Source, err)
					}
				}
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE articles SET last_seen = ? WHERE content_hash = ?`,
				formatTime(now), a.ContentHash); err != nil {
				return fmt.Errorf("save article %s: %w", a.Source, err)
			}
		}
		return nil
	})
	return added, err
}

// UnsentArticles returns every stored article that no sent edition has
// carried yet: the candidates for the next edition, oldest first.
func (s *Store) UnsentArticles(ctx context.Context) ([]*digest.Article, error) {
	carried, args := statusIn("e.status", digest.CarriedStatuses)
	rows, err := s.db.QueryContext(ctx, articleColumns+`
		FROM articles a
		WHERE a.superseded_by = '' AND NOT EXISTS (SELECT 1 FROM edition_items i JOIN editions e ON e.id = i.edition_id
			WHERE i.article_id = a.id AND `+carried+`)
		ORDER BY first_seen, source`, args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return scanArticles(rows)
}

// KnownEntry reports whether an article is already stored under this
// GUID or URL: a feed entry whose text changed is still the same entry,
// and not new again. The fetcher asks before fetching an entry's page.
func (s *Store) KnownEntry(ctx context.Context, guid, url string) (bool, error) {
	return knownEntry(ctx, s.db, guid, url)
}

type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func knownEntry(ctx context.Context, q rowQuerier, guid, url string) (bool, error) {
	if guid == "" && url == "" {
		return false, nil
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles
		WHERE (guid != '' AND guid = ?) OR (url != '' AND url = ?)`, guid, url).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look up %s %s: %w", guid, url, err)
	}
	return n > 0, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
