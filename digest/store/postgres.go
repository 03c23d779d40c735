package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// openPostgres connects to a PostgreSQL server through pgx. The password
// comes from the URL (which the config takes only from the environment) or
// from PGPASSWORD; errors name the server by its URL without the password.
//
// A session left idle inside a transaction for longer than the lease is
// ended by the server: an instance frozen mid-transaction (a VM pause, a
// SIGSTOP) would otherwise hold its row locks, and the rows it claimed
// could not be taken over by the others (they skip locked rows) until it
// thawed. Our transactions never wait on anything but the database.
func openPostgres(ctx context.Context, dsn string, o options) (*Store, error) {
	name := RedactURL(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, redactErr(err, dsn))
	}
	if _, set := cfg.RuntimeParams["idle_in_transaction_session_timeout"]; !set {
		cfg.RuntimeParams["idle_in_transaction_session_timeout"] = strconv.FormatInt(o.lease.Milliseconds(), 10)
	}
	db := sql.OpenDB(stdlib.GetConnector(*cfg))
	// Each instance holds a few connections: the senders' group commit,
	// claims, the web pages and the leader's lock, which keeps its own.
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(8)
	return ready(ctx, db, postgresDialect, name, o)
}

// redactErr keeps a parse error from echoing the URL it could not read.
func redactErr(err error, dsn string) error {
	if u, perr := url.Parse(dsn); perr == nil {
		if p, ok := u.User.Password(); ok && p != "" && strings.Contains(err.Error(), p) {
			return errors.New(strings.ReplaceAll(err.Error(), p, "xxxxx"))
		}
	}
	return err
}

// RedactURL is dsn with any password replaced, for logs and errors.
func RedactURL(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres database"
	}
	return u.Redacted()
}
