package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Erase carries out a data-protection erasure request: every row that
// holds the address or belongs to its subscriber leaves the database —
// the subscriber, their deliveries, bounce reports (matched to them, or
// unmatched but quoting the address), sign-up requests and welcomes,
// test copies sent to the address and the config's record of it — and
// only the address's keyed hash stays, in erased_addresses, so nothing
// puts it on the list again. On SQLite the file is then vacuumed and its
// write-ahead log truncated: a deleted row otherwise lingers in free
// pages and in the log, where anyone reading the file finds it.
func (s *Store) Erase(ctx context.Context, address string, now time.Time) (rowsByTable map[string]int64, err error) {
	address = strings.TrimSpace(address)
	if address == "" {
		return nil, errors.New("erase: no address")
	}
	er := map[string]int64{}
	err = s.inTx(ctx, func(tx *txn) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM subscribers WHERE address = ?`, address).Scan(&id)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		del := func(table, where string, args ...any) error {
			res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE `+where, args...)
			if err != nil {
				return fmt.Errorf("erase from %s: %w", table, err)
			}
			n, _ := res.RowsAffected()
			er[table] += n
			return nil
		}
		if err := del("deliveries", `subscriber_id = ?`, id); err != nil {
			return err
		}
		if err := del("bounce_events", `subscriber_id = ?`, id); err != nil {
			return err
		}
		if err := s.eraseUnmatchedBounces(ctx, tx, address, er); err != nil {
			return err
		}
		if err := del("notices", `address = ? OR subscriber_id = ?`, address, id); err != nil {
			return err
		}
		if err := del("test_sends", `lower(address) = lower(?)`, address); err != nil {
			return err
		}
		if err := del("config_imports", `address = ?`, address); err != nil {
			return err
		}
		if err := del("subscribers", `id = ?`, id); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO erased_addresses (hash, erased_at) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING`,
			s.AddressHash(address), formatTime(now))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("erase: %w", err)
	}
	if s.db.d.name == sqliteDialect.name {
		if err := s.compact(ctx); err != nil {
			return er, err
		}
	}
	return er, nil
}

// compact rewrites the SQLite file without its free pages and empties
// its write-ahead log. A reader in the middle of a read can hold the log
// for a moment, so the checkpoint is tried a few times; if it stays
// busy, the erasure's check of the data dir reports the log file.
func (s *Store) compact(ctx context.Context) error {
	if _, err := s.db.DB.ExecContext(ctx, `VACUUM`); err != nil {
		return fmt.Errorf("erase: vacuum: %w", err)
	}
	for range 5 {
		var busy, logged, done int
		err := s.db.DB.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logged, &done)
		if err != nil {
			return fmt.Errorf("erase: checkpoint: %w", err)
		}
		if busy == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return nil
}

// eraseUnmatchedBounces deletes the bounce reports no key matched to a
// subscriber whose text quotes the address (a report often does).
func (s *Store) eraseUnmatchedBounces(ctx context.Context, tx *txn, address string, er map[string]int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, diagnostic, raw FROM bounce_events WHERE subscriber_id IS NULL`)
	if err != nil {
		return fmt.Errorf("erase from bounce_events: %w", err)
	}
	needle := bytes.ToLower([]byte(address))
	var ids []int64
	for rows.Next() {
		var id int64
		var diag string
		var raw []byte
		if err := rows.Scan(&id, &diag, &raw); err != nil {
			rows.Close()
			return fmt.Errorf("erase from bounce_events: %w", err)
		}
		if bytes.Contains(bytes.ToLower(raw), needle) || bytes.Contains(bytes.ToLower([]byte(diag)), needle) {
			ids = append(ids, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `DELETE FROM bounce_events WHERE id = ?`, id); err != nil {
			return fmt.Errorf("erase from bounce_events: %w", err)
		}
		er["bounce_events"]++
	}
	return nil
}

// Mentions lists every place in the database that holds the text,
// case-insensitively, as "table.column": every column of every table
// that can hold text, found from the catalog so a table added later is
// searched too. It is how an erasure is checked.
func (s *Store) Mentions(ctx context.Context, text string) ([]string, error) {
	needle := strings.ToLower(text)
	cols, err := s.textColumns(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range cols {
		expr := `lower(CAST("` + c[1] + `" AS TEXT))`
		if c[2] == "bytea" {
			expr = `lower(encode("` + c[1] + `", 'escape'))`
		}
		q := `SELECT COUNT(*) FROM "` + c[0] + `" WHERE instr(` + expr + `, ?) > 0`
		if s.db.d.numbered {
			q = `SELECT COUNT(*) FROM "` + c[0] + `" WHERE strpos(` + expr + `, ?) > 0`
		}
		var n int
		if err := s.db.QueryRowContext(ctx, q, needle).Scan(&n); err != nil {
			return nil, fmt.Errorf("search %s.%s: %w", c[0], c[1], err)
		}
		if n > 0 {
			out = append(out, c[0]+"."+c[1])
		}
	}
	return out, nil
}

// textColumns lists (table, column, type) for every column that can
// hold text or bytes.
func (s *Store) textColumns(ctx context.Context) ([][3]string, error) {
	var q string
	if s.db.d.numbered {
		q = `SELECT table_name, column_name, udt_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND udt_name IN ('text', 'citext', 'varchar', 'bpchar', 'bytea', 'json', 'jsonb')
			ORDER BY table_name, ordinal_position`
	} else {
		q = `SELECT m.name, p.name, lower(p.type) FROM sqlite_master m, pragma_table_info(m.name) p
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND (p.type = '' OR lower(p.type) IN ('text', 'blob'))
			ORDER BY m.name, p.cid`
	}
	rows, err := s.db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list columns: %w", err)
	}
	defer rows.Close()
	var out [][3]string
	for rows.Next() {
		var c [3]string
		if err := rows.Scan(&c[0], &c[1], &c[2]); err != nil {
			return nil, fmt.Errorf("list columns: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// addressLike finds what could be an address in a report's text.
var addressLike = regexp.MustCompile(`[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+`)

// quotesErased reports whether any address the texts quote was erased.
func (s *Store) quotesErased(ctx context.Context, texts ...[]byte) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM erased_addresses`).Scan(&n); err != nil || n == 0 {
		return false, err
	}
	seen := map[string]bool{}
	for _, t := range texts {
		for _, m := range addressLike.FindAll(t, 1000) {
			a := strings.ToLower(strings.Trim(string(m), "."))
			if seen[a] {
				continue
			}
			seen[a] = true
			if erased, err := s.erased(ctx, s.db, a); err != nil || erased {
				return erased, err
			}
		}
	}
	return false, nil
}
