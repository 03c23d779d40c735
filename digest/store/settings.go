package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
)

// Secret returns the named secret, creating n random bytes the first time.
// It lets a fresh install sign unsubscribe links with no setup; the
// environment can still supply its own key instead.
func (s *Store) Secret(ctx context.Context, name string, n int) ([]byte, error) {
	// Insert-if-absent, then read: instances starting together on one
	// PostgreSQL database all end up with the first one's key.
	fresh := make([]byte, n)
	rand.Read(fresh)
	if _, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
		name, fresh); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	var value []byte
	if err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, name).Scan(&value); err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	return value, nil
}

// Setting reads a value the program keeps for itself; "" when unset.
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var value []byte
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("setting %s: %w", key, err)
	}
	return string(value), nil
}

// SetSetting stores a value the program keeps for itself.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, []byte(value))
	if err != nil {
		return fmt.Errorf("set %s: %w", key, err)
	}
	return nil
}

// RecordTestSend keeps a record of a test copy; it is never a delivery.
func (s *Store) RecordTestSend(ctx context.Context, t digest.TestSend) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO test_sends (edition_id, address, message_id, error, sent_at)
		VALUES (?, ?, ?, ?, ?)`, t.EditionID, t.Address, t.MessageID, t.Error, formatTime(t.SentAt))
	if err != nil {
		return fmt.Errorf("record test send: %w", err)
	}
	return nil
}
