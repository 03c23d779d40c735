package store

import (
	"context"
	"fmt"
	"time"
)

// RememberWebhook keeps the id of a provider's webhook delivery and
// reports whether it is new: false means the same id was taken before,
// and the request is a replay. Ids received before keepSince are pruned
// first, so the table holds only the window within which a provider's
// signed timestamp is believed; an older request is refused for its age
// before it gets here.
func (s *Store) RememberWebhook(ctx context.Context, provider, id string, now, keepSince time.Time) (bool, error) {
	fresh := false
	err := s.inTx(ctx, func(tx *txn) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM webhook_receipts WHERE received_at < ?`, formatTime(keepSince)); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO webhook_receipts (provider, receipt_id, received_at) VALUES (?, ?, ?)
			ON CONFLICT (provider, receipt_id) DO NOTHING`, provider, id, formatTime(now))
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		fresh = n == 1
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("webhook receipt %s: %w", provider, err)
	}
	return fresh, nil
}

// ForgetWebhook lets an id be taken again: its request failed on our
// side (the database), and the provider's retry must not be refused as
// a replay.
func (s *Store) ForgetWebhook(ctx context.Context, provider, id string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM webhook_receipts WHERE provider = ? AND receipt_id = ?`, provider, id); err != nil {
		return fmt.Errorf("forget webhook receipt %s: %w", provider, err)
	}
	return nil
}

// BounceEvidence is the raw evidence kept with a bounce event: the
// mailbox's message, or the provider's payload for a webhook's.
func (s *Store) BounceEvidence(ctx context.Context, id int64) ([]byte, error) {
	var raw []byte
	if err := s.db.QueryRowContext(ctx, `SELECT raw FROM bounce_events WHERE id = ?`, id).Scan(&raw); err != nil {
		return nil, fmt.Errorf("bounce evidence %d: %w", id, err)
	}
	return raw, nil
}
