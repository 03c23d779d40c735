package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect is what differs between the two databases the store runs on.
// The queries themselves are written once, in the SQL both accept, with
// "?" placeholders; PostgreSQL's are numbered when a query is first used.
type dialect struct {
	name string
	// numbered rewrites "?" placeholders as $1, $2, … (PostgreSQL).
	numbered bool
	// skipLocked ends a claim's inner SELECT: PostgreSQL locks the rows it
	// claims and passes over rows another instance holds. SQLite has one
	// writer at a time, so its claims need no row locks.
	skipLocked string
	// forUpdate ends a SELECT that reads a row the transaction will then
	// change, so two instances cannot both act on what they read.
	forUpdate string
	// shared says several processes may use the database at once; SQLite
	// is owned by one process (the data dir's lock), so every claim not
	// its own belongs to a process that is gone.
	shared bool
}

// ownLease is the condition, on a deliveries row being changed, that its
// claimer still holds the lease, measured on the database server's clock
// inside the statement itself: a sender frozen past its lease (a VM pause,
// a long GC stop) learns it in the very update that would start its next
// SMTP transaction, with no extra round trip and no trust in its own
// clock. On SQLite one process owns the file, so its claims never lapse.
func (d dialect) ownLease(lease time.Duration) string {
	if !d.shared {
		return "1 = 1"
	}
	return fmt.Sprintf(`EXISTS (SELECT 1 FROM instances i WHERE i.id = deliveries.claimed_by
		AND i.heartbeat_at > to_char((clock_timestamp() - interval '%d microseconds') AT TIME ZONE 'UTC',
			'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))`, lease.Microseconds())
}

var (
	sqliteDialect   = dialect{name: "sqlite"}
	postgresDialect = dialect{name: "postgres", numbered: true,
		skipLocked: " FOR UPDATE SKIP LOCKED", forUpdate: " FOR UPDATE", shared: true}
)

// isUniqueViolation reports a unique or primary key constraint failure on
// either database.
func isUniqueViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

var numberedQueries sync.Map // query with ? → query with $n

// rebind numbers the placeholders of q for PostgreSQL. A "?" inside a
// quoted literal or identifier is left alone.
func (d dialect) rebind(q string) string {
	if !d.numbered || !strings.Contains(q, "?") {
		return q
	}
	if v, ok := numberedQueries.Load(q); ok {
		return v.(string)
	}
	var b strings.Builder
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	out := b.String()
	numberedQueries.Store(q, out)
	return out
}

// handle is the database with the dialect's placeholders: the one way the
// store reaches either database outside a transaction.
type handle struct {
	*sql.DB
	d dialect
}

func (h handle) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return h.DB.ExecContext(ctx, h.d.rebind(q), args...)
}

func (h handle) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return h.DB.QueryContext(ctx, h.d.rebind(q), args...)
}

func (h handle) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return h.DB.QueryRowContext(ctx, h.d.rebind(q), args...)
}

func (h handle) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return h.DB.PrepareContext(ctx, h.d.rebind(q))
}

func (h handle) BeginTx(ctx context.Context, opts *sql.TxOptions) (*txn, error) {
	tx, err := h.DB.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &txn{Tx: tx, d: h.d}, nil
}

// txn is a transaction with the dialect's placeholders.
type txn struct {
	*sql.Tx
	d dialect
}

func (t *txn) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.Tx.ExecContext(ctx, t.d.rebind(q), args...)
}

func (t *txn) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.Tx.QueryContext(ctx, t.d.rebind(q), args...)
}

func (t *txn) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return t.Tx.QueryRowContext(ctx, t.d.rebind(q), args...)
}
