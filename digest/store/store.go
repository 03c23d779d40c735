// Package store keeps the digest's state: articles, editions and what each
// holds, subscribers, deliveries, sources and the instances that share it.
// It runs on SQLite (modernc.org/sqlite, pure Go), a file one process owns,
// or on PostgreSQL (pgx), a server several instances share. The queries
// are written once for both (dialect.go); the migrations are embedded per
// backend and applied in order at open.
package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations
var migrations embed.FS

// Store is the database behind the digest.
type Store struct {
	db handle
	// requireApproval makes StartSending refuse drafts; see RequireApproval.
	requireApproval bool
	// lease is how long an instance's claims outlive its last heartbeat.
	lease time.Duration
	// erasureKey keys the hashes erased addresses leave; see SetErasureKey.
	erasureKey []byte
}

// RequireApproval makes sending refuse editions an editor has not
// approved. Call it once, before the store is shared.
func (s *Store) RequireApproval(on bool) { s.requireApproval = on }

// ApprovalRequired reports whether sending refuses drafts: the one
// place the schedule's approval policy is kept.
func (s *Store) ApprovalRequired() bool { return s.requireApproval }

// Option changes how a store is opened.
type Option func(*options)

type options struct {
	lease time.Duration
}

// Open opens the database that dsn names and migrates it: a
// postgres:// or postgresql:// URL is a PostgreSQL server shared by any
// number of instances; anything else is the path of a SQLite file owned by
// one process.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	o := options{lease: DefaultLease}
	for _, opt := range opts {
		opt(&o)
	}
	if isPostgresURL(dsn) {
		return openPostgres(ctx, dsn, o)
	}
	return openSQLite(ctx, dsn, o)
}

// isPostgresURL reports whether dsn names a PostgreSQL server.
func isPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openSQLite opens (creating if needed) the SQLite file. WAL lets readers
// (the preview) run beside the writer; the busy timeout lets a second
// process wait for the lock instead of failing at once.
func openSQLite(ctx context.Context, file string, o options) (*Store, error) {
	if err := private(file); err != nil {
		return nil, err
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+file+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", file, err)
	}
	return ready(ctx, db, sqliteDialect, file, o)
}

// ready checks the connection and migrates; name is what errors call the
// database (never a URL with its password).
func ready(ctx context.Context, db *sql.DB, d dialect, name string, o options) (*Store, error) {
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	s := &Store{db: handle{DB: db, d: d}, lease: o.lease}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate %s: %w", name, err)
	}
	return s, nil
}

// private makes the database file readable by its owner only, creating
// it so when missing: it holds the unsubscribe key and every subscriber.
// SQLite gives its -wal and -shm files the same permissions.
func private(file string) error {
	f, err := os.OpenFile(file, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open %s: %w", file, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open %s: %w", file, err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(0o600); err != nil {
			return fmt.Errorf("open %s: make it private: %w", file, err)
		}
	}
	return nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// migrate applies every embedded migration of the dialect newer than the
// database's version, each in its own transaction with its version row.
// On PostgreSQL each transaction first takes an advisory lock, so
// instances starting together apply each migration once.
func (s *Store) migrate(ctx context.Context) error {
	dir := "migrations/" + s.db.d.name
	names, err := fs.Glob(migrations, dir+"/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	versions := make([]int, len(names))
	for i, name := range names {
		if versions[i], err = strconv.Atoi(strings.SplitN(path.Base(name), "_", 2)[0]); err != nil {
			return fmt.Errorf("migration %s: name must start with a number", name)
		}
	}
	// The common case, every migration applied, costs one query; a
	// missing table (a new database) goes the locked way below.
	var current int
	if err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err == nil &&
		len(versions) > 0 && current >= versions[len(versions)-1] {
		return nil
	}
	for i, name := range names {
		version := versions[i]
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		if err := s.inTx(ctx, func(tx *txn) error {
			if s.db.d.shared {
				if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?)`, migrationLock); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
				version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
				return err
			}
			var current int
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
				return err
			}
			if version <= current {
				return nil
			}
			if _, err := tx.ExecContext(ctx, string(body)); err != nil {
				return fmt.Errorf("migration %s: %w", name, err)
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`,
				version, formatTime(time.Now()))
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// migrationLock is the advisory lock key migrations hold on PostgreSQL.
const migrationLock int64 = 0x6469676573740001 // "digest" 1

// inTx runs fn in a transaction, committing on success.
func (s *Store) inTx(ctx context.Context, fn func(*txn) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// timeLayout is RFC 3339 in UTC with a fixed six-digit fraction: every
// stored time has the same width, so SQL compares and orders them as text
// (heartbeat_at > ?) exactly as it would as times. RFC3339Nano trims
// trailing zeros, and "…05Z" sorts after "…05.5Z". Microseconds are
// PostgreSQL's resolution, so the server's own clock writes the same form
// (dialect.leaseCutoff).
const timeLayout = "2006-01-02T15:04:05.000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
