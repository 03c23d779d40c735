package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// sourcesImported is the settings row that says the config's live
// sources were imported, and when.
const sourcesImported = "config_sources_imported"

// ImportSources lists the config's feeds and pages the first time a
// database starts, in one transaction, and never again: from then on the
// database is the authority, as it is for subscribers (ImportFromConfig),
// so a source removed, paused or renamed on the desk stays that way
// whatever the config says. It returns how many it listed; 0 on every
// later start.
func (s *Store) ImportSources(ctx context.Context, srcs []digest.LiveSource, now time.Time) (int, error) {
	added := 0
	err := s.inTx(ctx, func(tx *txn) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
			sourcesImported, []byte(formatTime(now)))
		if err != nil {
			return fmt.Errorf("import sources: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // imported before: the database decides now
		}
		for _, src := range srcs {
			ok, err := listSource(ctx, tx, src, now)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		return nil
	})
	return added, err
}

// SourcesImported reports whether the config's sources were imported
// into this database, so a read-only look at one never started for
// writing can show the config's list instead of an empty one.
func (s *Store) SourcesImported(ctx context.Context) (bool, error) {
	v, err := s.Setting(ctx, sourcesImported)
	return v != "", err
}

// AddSource lists a new live source; digest.ErrExists when one of that
// kind and URL is listed already.
func (s *Store) AddSource(ctx context.Context, src digest.LiveSource, now time.Time) error {
	return s.inTx(ctx, func(tx *txn) error {
		ok, err := listSource(ctx, tx, src, now)
		if err == nil && !ok {
			err = fmt.Errorf("source %s: %w", digest.RedactURL(src.URL), digest.ErrExists)
		}
		return err
	})
}

// listSource lists src, keeping the fetch state remembered of a row the
// fetcher wrote before; false when it is listed already.
func listSource(ctx context.Context, tx *txn, src digest.LiveSource, now time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO sources (key, kind, url, name, section, paused, listed, added_at)
		VALUES (?, ?, ?, ?, ?, ?, 1, ?)
		ON CONFLICT (key) DO UPDATE SET name = excluded.name, section = excluded.section,
			paused = excluded.paused, listed = 1, added_at = excluded.added_at
		WHERE sources.listed = 0`,
		src.Key(), string(src.Kind), src.URL, src.Name, src.Section, boolInt(src.Paused), formatTime(now))
	if err != nil {
		return false, fmt.Errorf("list source %s: %w", digest.RedactURL(src.URL), err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// UpdateSource saves a listed source, found by key, as src. A new kind
// or address renames the row: its history and article count follow it,
// while what was remembered of the old address (validators, errors, when
// it was last fetched and last worked, the time of the next attempt) is
// dropped, so the new one reads as never fetched until the next refresh
// fetches it. digest.ErrExists when another listed source has src's kind
// and address, also when another editor renamed one there a moment ago.
func (s *Store) UpdateSource(ctx context.Context, key string, src digest.LiveSource) error {
	if src.Key() == key {
		res, err := s.db.ExecContext(ctx, `UPDATE sources SET name = ?, section = ?, paused = ? WHERE key = ? AND listed = 1`,
			src.Name, src.Section, boolInt(src.Paused), key)
		return oneRow(res, err, src)
	}
	return s.inTx(ctx, func(tx *txn) error {
		var listed int
		err := tx.QueryRowContext(ctx, `SELECT listed FROM sources WHERE key = ?`, src.Key()).Scan(&listed)
		switch {
		case err == nil && listed == 1:
			return fmt.Errorf("source %s: %w", digest.RedactURL(src.URL), digest.ErrExists)
		case err == nil: // state the fetcher remembered of an address no longer listed
			for _, q := range []string{`DELETE FROM sources WHERE key = ?`, `DELETE FROM source_fetches WHERE source_key = ?`} {
				if _, err := tx.ExecContext(ctx, q, src.Key()); err != nil {
					return fmt.Errorf("rename source: %w", err)
				}
			}
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("rename source: %w", err)
		}
		res, err := tx.ExecContext(ctx, `UPDATE sources SET key = ?, kind = ?, url = ?, name = ?, section = ?, paused = ?,
			etag = '', last_modified = '', error_count = 0, last_error = '', next_attempt = '',
			last_fetched = '', last_success = ''
			WHERE key = ? AND listed = 1`,
			src.Key(), string(src.Kind), src.URL, src.Name, src.Section, boolInt(src.Paused), key)
		if isUniqueViolation(err) { // a concurrent rename or add took the key after the check above
			return fmt.Errorf("source %s: %w", digest.RedactURL(src.URL), digest.ErrExists)
		}
		if err := oneRow(res, err, src); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE source_fetches SET source_key = ? WHERE source_key = ?`, src.Key(), key); err != nil {
			return fmt.Errorf("rename source history: %w", err)
		}
		return nil
	})
}

// RemoveSource takes a source off the list with its fetch history. Its
// articles stay: editions carry them.
func (s *Store) RemoveSource(ctx context.Context, key string) error {
	return s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM source_fetches WHERE source_key = ?`, key); err != nil {
			return fmt.Errorf("remove source: %w", err)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM sources WHERE key = ? AND listed = 1`, key)
		return oneRow(res, err, digest.LiveSource{})
	})
}

func oneRow(res sql.Result, err error, src digest.LiveSource) error {
	if err != nil {
		return fmt.Errorf("source %s: %w", digest.RedactURL(src.URL), err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("source: %w", digest.ErrNotFound)
	}
	return nil
}

// LiveSources lists the sources digest fetches, paused ones included,
// feeds first, each in the order they were listed.
func (s *Store) LiveSources(ctx context.Context) ([]digest.LiveSource, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT kind, url, name, section, paused FROM sources
		WHERE listed = 1 ORDER BY kind, added_at, key`)
	if err != nil {
		return nil, fmt.Errorf("list live sources: %w", err)
	}
	defer rows.Close()
	var out []digest.LiveSource
	for rows.Next() {
		var src digest.LiveSource
		var kind string
		var paused int
		if err := rows.Scan(&kind, &src.URL, &src.Name, &src.Section, &paused); err != nil {
			return nil, fmt.Errorf("list live sources: %w", err)
		}
		src.Kind, src.Paused = digest.SourceKind(kind), paused != 0
		out = append(out, src)
	}
	return out, rows.Err()
}

// RecordFetch adds an attempt to its source's history and drops the
// oldest beyond digest.MaxFetchHistory, so the table stays bounded.
func (s *Store) RecordFetch(ctx context.Context, a digest.FetchAttempt) error {
	return s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO source_fetches (source_key, at, outcome, status, new_items, seen_items, error)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, a.SourceKey, formatTime(a.At), string(a.Outcome), a.Status, a.New, a.Seen, a.Error); err != nil {
			return fmt.Errorf("record fetch: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM source_fetches WHERE source_key = ? AND id NOT IN
			(SELECT id FROM source_fetches WHERE source_key = ? ORDER BY id DESC LIMIT ?)`,
			a.SourceKey, a.SourceKey, digest.MaxFetchHistory); err != nil {
			return fmt.Errorf("record fetch: %w", err)
		}
		return nil
	})
}

// FetchHistory is a source's last attempts, the newest first.
func (s *Store) FetchHistory(ctx context.Context, key string, limit int) ([]digest.FetchAttempt, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, outcome, status, new_items, seen_items, error FROM source_fetches
		WHERE source_key = ? ORDER BY id DESC LIMIT ?`, key, limit)
	if err != nil {
		return nil, fmt.Errorf("fetch history: %w", err)
	}
	defer rows.Close()
	var out []digest.FetchAttempt
	for rows.Next() {
		a := digest.FetchAttempt{SourceKey: key}
		var at, outcome string
		if err := rows.Scan(&at, &outcome, &a.Status, &a.New, &a.Seen, &a.Error); err != nil {
			return nil, fmt.Errorf("fetch history: %w", err)
		}
		a.At, a.Outcome = parseTime(at), digest.FetchOutcome(outcome)
		out = append(out, a)
	}
	return out, rows.Err()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
