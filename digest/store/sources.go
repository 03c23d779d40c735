package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Source is a live source's row: what it is and how it has been doing.
type Source struct {
	Key      string
	Kind     digest.SourceKind
	URL      string
	Name     string
	State    digest.SourceState
	Articles int // articles stored from it in all
}

// SourceKey names a source in the table.
func SourceKey(kind digest.SourceKind, url string) string {
	return digest.LiveSource{Kind: kind, URL: url}.Key()
}

// SourceState returns what is remembered of a source, or a zero state.
func (s *Store) SourceState(ctx context.Context, kind digest.SourceKind, url string) (digest.SourceState, error) {
	src, err := s.source(ctx, SourceKey(kind, url))
	if errors.Is(err, digest.ErrNotFound) {
		return digest.SourceState{}, nil
	}
	if err != nil {
		return digest.SourceState{}, err
	}
	return src.State, nil
}

// SaveSourceState records a source's state after an attempt and adds the
// articles it stored.
func (s *Store) SaveSourceState(ctx context.Context, kind digest.SourceKind, url, name string, st digest.SourceState, added int) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sources (key, kind, url, name, etag, last_modified, error_count,
			last_error, last_fetched, last_success, next_attempt, articles)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET name = excluded.name, etag = excluded.etag,
			last_modified = excluded.last_modified, error_count = excluded.error_count,
			last_error = excluded.last_error, last_fetched = excluded.last_fetched,
			last_success = excluded.last_success, next_attempt = excluded.next_attempt,
			articles = sources.articles + excluded.articles`,
		SourceKey(kind, url), string(kind), url, name, st.ETag, st.LastModified, st.ErrorCount, st.LastError,
		optTime(st.LastFetched), optTime(st.LastSuccess), optTime(st.NextAttempt), added)
	if err != nil {
		return fmt.Errorf("source %s: %w", digest.RedactURL(url), err)
	}
	return nil
}

// Sources lists every source that has been fetched.
func (s *Store) Sources(ctx context.Context) ([]Source, error) {
	rows, err := s.db.QueryContext(ctx, sourceColumns+` ORDER BY key`)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("list sources: %w", err)
		}
		out = append(out, *src)
	}
	return out, rows.Err()
}

func (s *Store) source(ctx context.Context, key string) (*Source, error) {
	src, err := scanSource(s.db.QueryRowContext(ctx, sourceColumns+` WHERE key = ?`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("source %s: %w", key, digest.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", key, err)
	}
	return src, nil
}

const sourceColumns = `SELECT key, kind, url, name, etag, last_modified, error_count, last_error,
	last_fetched, last_success, next_attempt, articles FROM sources`

func scanSource(row interface{ Scan(...any) error }) (*Source, error) {
	var src Source
	var kind, fetched, success, next string
	if err := row.Scan(&src.Key, &kind, &src.URL, &src.Name, &src.State.ETag, &src.State.LastModified,
		&src.State.ErrorCount, &src.State.LastError, &fetched, &success, &next, &src.Articles); err != nil {
		return nil, err
	}
	src.Kind = digest.SourceKind(kind)
	src.State.LastFetched, src.State.LastSuccess, src.State.NextAttempt = parseOpt(fetched), parseOpt(success), parseOpt(next)
	return &src, nil
}

// optTime stores a zero time as "" so it reads back as zero.
func optTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

func parseOpt(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	return parseTime(s)
}
