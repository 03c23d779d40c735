package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Confirmation is a sign-up request that should be mailed a link.
type Confirmation struct {
	Subscriber digest.Subscriber
	// Nonce goes into the link's signature; it is cleared when the link
	// is used, so a link confirms once.
	Nonce string
}

// RequestConfirmation records a sign-up from the form and says whether
// to mail a confirmation link (nil when not). A new address is added as
// pending. An active or bounced address is never mailed from the form,
// and no address more than once per interval; a pending or unsubscribed
// one keeps its status until the link is used. The caller answers the
// same whatever this returns, so the form tells nobody who is listed.
func (s *Store) RequestConfirmation(ctx context.Context, address, name string, now time.Time, interval time.Duration) (*Confirmation, error) {
	if err := digest.CheckSubscriberName(name); err != nil {
		return nil, fmt.Errorf("sign up %s: %w", address, err)
	}
	var out *Confirmation
	err := s.inTx(ctx, func(tx *txn) error {
		var id int64
		var status, sentAt string
		err := tx.QueryRowContext(ctx, `SELECT id, status, confirm_sent_at FROM subscribers WHERE address = ?`, address).
			Scan(&id, &status, &sentAt)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if err := tx.QueryRowContext(ctx, `INSERT INTO subscribers (address, name, status, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?) RETURNING id`, address, name, string(digest.SubscriberPending), formatTime(now), formatTime(now)).
				Scan(&id); err != nil {
				return fmt.Errorf("sign up %s: %w", address, err)
			}
		case err != nil:
			return fmt.Errorf("sign up %s: %w", address, err)
		case status == string(digest.SubscriberActive) || status == string(digest.SubscriberBounced):
			return nil
		case sentAt != "" && now.Sub(parseTime(sentAt)) < interval:
			return nil
		}
		nonce, err := newNonce()
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE subscribers SET confirm_nonce = ?, confirm_sent_at = ? WHERE id = ?`,
			nonce, formatTime(now), id); err != nil {
			return fmt.Errorf("sign up %s: %w", address, err)
		}
		sub, err := s.scanSubscriber(tx.QueryRowContext(ctx, subscriberQuery+` WHERE id = ?`, id), address)
		if err != nil {
			return err
		}
		out = &Confirmation{Subscriber: *sub, Nonce: nonce}
		return nil
	})
	return out, err
}

// ConfirmationNonce returns the nonce of a subscriber's unused
// confirmation link, "" when there is none.
func (s *Store) ConfirmationNonce(ctx context.Context, id int64) (string, error) {
	var nonce string
	err := s.db.QueryRowContext(ctx, `SELECT confirm_nonce FROM subscribers WHERE id = ?`, id).Scan(&nonce)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("subscriber %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("subscriber %d: %w", id, err)
	}
	return nonce, nil
}

// Confirm makes the subscriber active if nonce is still their link's,
// and uses the link up; it reports whether it did. A bounced address
// stays bounced.
func (s *Store) Confirm(ctx context.Context, id int64, nonce string, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE subscribers SET status = ?, confirm_nonce = '', updated_at = ?
		WHERE id = ? AND confirm_nonce = ? AND confirm_nonce <> '' AND status <> ?`,
		string(digest.SubscriberActive), formatTime(now), id, nonce, string(digest.SubscriberBounced))
	if err != nil {
		return false, fmt.Errorf("confirm subscriber %d: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

func newNonce() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("nonce: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
