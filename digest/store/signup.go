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

// DecideSignup decides what a queued sign-up request causes, in one
// transaction with what it changes, and returns the row as decided:
// ready to mail a confirmation link, or skipped with the reason.
//
// A new address is added as pending, with no name: a name takes effect
// only when a link is used (Confirm). An active or bounced address is
// never mailed from the form; another address waits linkBackoff after
// its last link, longer for each link it has not used; a pending or
// unsubscribed one keeps its status until the link is used. A
// confirmation gets a new nonce, which replaces any earlier link, and
// carries the name asked for with it.
func (s *Store) DecideSignup(ctx context.Context, n digest.Notice, now time.Time, interval, ttl time.Duration) (digest.Notice, error) {
	err := s.inTx(ctx, func(tx *txn) error {
		var status digest.NoticeStatus
		err := tx.QueryRowContext(ctx, `SELECT status FROM notices WHERE id = ?`+tx.d.forUpdate, n.ID).Scan(&status)
		if err != nil {
			return err
		}
		if status != digest.NoticeQueued {
			n.Status = status // decided already: a retried pass
			return nil
		}
		if erased, err := s.erased(ctx, tx, n.Address); err != nil {
			return err
		} else if erased {
			// Erased at their request: nobody is mailed, and the request
			// keeps neither the address nor the name it came with.
			n.Status, n.Detail, n.Address, n.Name = digest.NoticeSkipped, "erased at their request", "", ""
			_, err := tx.ExecContext(ctx, `UPDATE notices SET status = ?, detail = ?, address = '', name = '', sections = '',
				claimed_by = '', updated_at = ? WHERE id = ?`, string(n.Status), n.Detail, formatTime(now), n.ID)
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO subscribers (address, name, status, created_at, updated_at)
			VALUES (?, '', ?, ?, ?) ON CONFLICT (address) DO NOTHING`,
			n.Address, string(digest.SubscriberPending), formatTime(now), formatTime(now)); err != nil {
			return err
		}
		var subStatus, sentAt string
		var unused int
		err = tx.QueryRowContext(ctx, `SELECT id, status, confirm_sent_at, confirm_count FROM subscribers WHERE address = ?`+tx.d.forUpdate,
			n.Address).Scan(&n.SubscriberID, &subStatus, &sentAt, &unused)
		if err != nil {
			return err
		}
		n.Status, n.Detail = digest.NoticeReady, ""
		switch {
		case subStatus == string(digest.SubscriberActive):
			n.Status, n.Detail = digest.NoticeSkipped, "already active"
		case subStatus == string(digest.SubscriberBounced):
			n.Status, n.Detail = digest.NoticeSkipped, "bounced"
		case sentAt != "" && now.Sub(parseTime(sentAt)) < linkBackoff(interval, unused):
			n.Status, n.Detail = digest.NoticeSkipped, fmt.Sprintf("mailed a link within %s (%d unused)", linkBackoff(interval, unused), unused)
		default:
			if n.Nonce, err = newNonce(); err != nil {
				return err
			}
			n.ExpiresAt = now.Add(ttl).Truncate(time.Second)
			if _, err := tx.ExecContext(ctx, `UPDATE subscribers SET confirm_nonce = ?, confirm_name = ?, confirm_sent_at = ?,
				confirm_sections = (SELECT sections FROM notices WHERE id = ?),
				confirm_count = confirm_count + 1 WHERE id = ?`, n.Nonce, n.Name, formatTime(now), n.ID, n.SubscriberID); err != nil {
				return err
			}
		}
		claim := "claimed_by"
		if n.Status != digest.NoticeReady {
			claim = "''"
		}
		_, err = tx.ExecContext(ctx, `UPDATE notices SET status = ?, subscriber_id = ?, nonce = ?, expires_at = ?, detail = ?,
			claimed_by = `+claim+`, updated_at = ? WHERE id = ?`,
			string(n.Status), n.SubscriberID, n.Nonce, formatExpiry(n.ExpiresAt), n.Detail, formatTime(now), n.ID)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("decide sign-up %d: %w", n.ID, err)
	}
	return n, nil
}

// linkBackoff is how long after its last confirmation link an address
// must wait for another, having been mailed unused links it has not
// used: interval after the first, a day after the second, a week after
// any more. Someone who mistyped or lost a link gets a new one soon; a
// stranger's address cannot be mailed one every interval without end.
func linkBackoff(interval time.Duration, unused int) time.Duration {
	switch {
	case unused <= 1:
		return interval
	case unused == 2:
		return max(interval, 24*time.Hour)
	default:
		return max(interval, 7*24*time.Hour)
	}
}

func formatExpiry(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

// ConfirmationNonce returns the nonce of a subscriber's unused
// confirmation link, "" when there is none.
func (s *Store) ConfirmationNonce(ctx context.Context, id int64) (string, error) {
	var nonce string
	err := s.db.QueryRowContext(ctx, `SELECT confirm_nonce FROM subscribers WHERE id = ?`, id).Scan(&nonce)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("subscriber %d: %w", id, digest.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("subscriber %d: %w", id, err)
	}
	return nonce, nil
}

// UsedConfirmationNonce returns the nonce of the confirmation link a
// subscriber last used, "" when they never used one: so a link clicked
// again can be told from a forged one.
func (s *Store) UsedConfirmationNonce(ctx context.Context, id int64) (string, error) {
	var nonce string
	err := s.db.QueryRowContext(ctx, `SELECT confirm_used_nonce FROM subscribers WHERE id = ?`, id).Scan(&nonce)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("subscriber %d: %w", id, digest.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("subscriber %d: %w", id, err)
	}
	return nonce, nil
}

// ConfirmationName is the name asked for with a subscriber's unused
// link, which using it makes theirs ("" keeps the name they have).
func (s *Store) ConfirmationName(ctx context.Context, id int64) (string, error) {
	var name string
	err := s.db.QueryRowContext(ctx, `SELECT confirm_name FROM subscribers WHERE id = ?`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("subscriber %d: %w", id, digest.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("subscriber %d: %w", id, err)
	}
	return name, nil
}

// Confirm makes the subscriber active if nonce is still their link's,
// uses the link up, gives them the name and the sections asked for with
// it (if any: none keeps what they had) and queues their welcome, all at
// once; it reports whether it did. A bounced address stays bounced.
func (s *Store) Confirm(ctx context.Context, id int64, nonce string, now time.Time) (bool, error) {
	done := false
	err := s.inTx(ctx, func(tx *txn) error {
		res, err := tx.ExecContext(ctx, `UPDATE subscribers SET status = ?,
			name = CASE WHEN confirm_name <> '' THEN confirm_name ELSE name END,
			sections = CASE WHEN confirm_sections <> '' THEN confirm_sections ELSE sections END,
			confirm_used_nonce = confirm_nonce, confirm_nonce = '', confirm_name = '', confirm_sections = '', confirm_count = 0, updated_at = ?
			WHERE id = ? AND confirm_nonce = ? AND confirm_nonce <> '' AND status <> ?`,
			string(digest.SubscriberActive), formatTime(now), id, nonce, string(digest.SubscriberBounced))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil
		}
		done = true
		_, err = tx.ExecContext(ctx, `INSERT INTO notices (kind, address, subscriber_id, status, next_attempt, created_at, updated_at)
			SELECT ?, address, id, ?, ?, ?, ? FROM subscribers WHERE id = ?`,
			string(digest.NoticeWelcome), string(digest.NoticeReady), formatTime(now), formatTime(now), formatTime(now), id)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("confirm subscriber %d: %w", id, err)
	}
	return done, nil
}

func newNonce() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("nonce: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
