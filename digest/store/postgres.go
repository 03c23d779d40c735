package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/digest-newsletter/digest/digest"
)

// openPostgres connects to a PostgreSQL server through pgx. The password
// comes from the URL (which the config takes only from the environment) or
// from PGPASSWORD; errors name the server by its URL with every secret it
// carries hidden (digest.RedactURL).
func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	name := digest.RedactURL(dsn)
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, redactErr(err, dsn))
	}
	db := sql.OpenDB(stdlib.GetConnector(*cfg))
	// Each instance holds a few connections: the senders' group commit,
	// claims, the web pages and the leader's lock, which keeps its own.
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(8)
	s, err := ready(ctx, db, postgresDialect, name)
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
