package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/digest-newsletter/digest/digest"
)

// openPostgres connects to a PostgreSQL server through pgx. The password
// comes from the URL (which the config takes only from the environment) or
// from PGPASSWORD; errors name the server by its URL with every secret it
// carries hidden (digest.RedactURL).
//
// A session left idle inside a transaction for longer than the lease is
// ended by the server: an instance frozen mid-transaction (a VM pause, a
// SIGSTOP) would otherwise hold its row locks, and the rows it claimed
// could not be taken over by the others (they skip locked rows) until it
// thawed. Our transactions never wait on anything but the database.
func openPostgres(ctx context.Context, dsn string, o options) (*Store, error) {
	name := digest.RedactURL(dsn)
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
	s, err := ready(ctx, db, postgresDialect, name, o)
	if err != nil {
		return nil, redactErr(err, dsn)
	}
	return s, nil
}

// redactErr keeps an error from echoing a secret of the URL it was about:
// pgx hides the passwords it recognises, and only those.
func redactErr(err error, dsn string) error {
	if msg := digest.RedactIn(err.Error(), dsn); msg != err.Error() {
		return errors.New(msg)
	}
	return err
}
