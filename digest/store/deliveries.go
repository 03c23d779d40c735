package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Delivery statuses.
const (
	DeliveryPending  = "pending"
	DeliverySending  = "sending"
	DeliverySent     = "sent"
	DeliveryDeferred = "deferred"
	DeliveryFailed   = "failed"
)

// ErrAlreadySent is returned when asked to send an edition that is sent.
var ErrAlreadySent = errors.New("already sent")

// Delivery is one (edition, subscriber) row.
type Delivery struct {
	EditionID  string
	Subscriber digest.Subscriber
	Status     string
	Attempts   int
	LastError  string
	MessageID  string
	UpdatedAt  time.Time
}

// StartSending moves an edition to sending and, the first time, creates a
// pending delivery for every active subscriber, all in one transaction, so
// the recipients are fixed when sending starts. On an edition already
// sending it changes nothing (a resumed run); on a sent one it returns
// ErrAlreadySent. It returns how many rows it created.
func (s *Store) StartSending(ctx context.Context, editionID string, now time.Time) (int, error) {
	created := 0
	err := s.inTx(ctx, func(tx *txn) error {
		status, err := editionStatus(ctx, tx, editionID)
		if err != nil {
			return err
		}
		switch {
		case status.Sent():
			return fmt.Errorf("edition %s: %w", editionID, ErrAlreadySent)
		case status == digest.EditionSending:
			return nil
		case !status.CanSend():
			return fmt.Errorf("edition %s is %s and cannot be sent", editionID, status)
		}
		if err := s.checkSendable(ctx, tx, editionID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO deliveries (edition_id, subscriber_id, status, updated_at)
			SELECT ?, id, 'pending', ? FROM subscribers WHERE status = 'active'`, editionID, formatTime(now))
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		created = int(n)
		_, err = tx.ExecContext(ctx, `UPDATE editions SET status = ? WHERE id = ?`, string(digest.EditionSending), editionID)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("start sending: %w", err)
	}
	return created, nil
}

// RecoverInFlight returns rows a killed run left in sending to pending. The
// message may or may not have reached the server, so it is sent again:
// at most one duplicate per connection that was busy when the run died,
// never a lost message.
func (s *Store) RecoverInFlight(ctx context.Context, editionID string, now time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE deliveries SET status = 'pending', updated_at = ?
		WHERE edition_id = ? AND status = 'sending'`, formatTime(now), editionID)
	if err != nil {
		return 0, fmt.Errorf("recover deliveries: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// DueDeliveries returns up to limit pending or deferred rows with a
// subscriber ID above after, in ID order: pages of work, so memory stays
// flat however long the list.
func (s *Store) DueDeliveries(ctx context.Context, editionID string, after int64, limit int) ([]Delivery, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.status, d.attempts, s.id, s.address, s.name, s.status, s.sections
		FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
		WHERE d.edition_id = ? AND d.status IN ('pending', 'deferred') AND d.subscriber_id > ?
		ORDER BY d.subscriber_id LIMIT ?`, editionID, after, limit)
	if err != nil {
		return nil, fmt.Errorf("due deliveries: %w", err)
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		d := Delivery{EditionID: editionID}
		var subStatus, sections string
		if err := rows.Scan(&d.Status, &d.Attempts, &d.Subscriber.ID, &d.Subscriber.Address, &d.Subscriber.Name, &subStatus, &sections); err != nil {
			return nil, fmt.Errorf("due deliveries: %w", err)
		}
		d.Subscriber.Status = digest.SubscriberStatus(subStatus)
		d.Subscriber.Sections = digest.SectionsFromKey(sections)
		out = append(out, d)
	}
	return out, rows.Err()
}

// DeliveryCounts counts an edition's deliveries by status.
func (s *Store) DeliveryCounts(ctx context.Context, editionID string) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT status, COUNT(*) FROM deliveries WHERE edition_id = ? GROUP BY status`, editionID)
	if err != nil {
		return nil, fmt.Errorf("delivery counts: %w", err)
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("delivery counts: %w", err)
		}
		counts[st] = n
	}
	return counts, rows.Err()
}

// FinishIfDone marks the edition sent when no delivery is left to try
// (every row sent or failed). It reports whether it did.
func (s *Store) FinishIfDone(ctx context.Context, editionID string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE editions SET status = ?
		WHERE id = ? AND status = ? AND NOT EXISTS (SELECT 1 FROM deliveries
			WHERE edition_id = ? AND status IN ('pending', 'sending', 'deferred'))`,
		string(digest.EditionSent), editionID, string(digest.EditionSending), editionID)
	if err != nil {
		return false, fmt.Errorf("finish edition %s: %w", editionID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// Deliveries lists an edition's rows in subscriber order, at most limit
// of them (0 is all).
func (s *Store) Deliveries(ctx context.Context, editionID string, limit int) ([]Delivery, error) {
	if limit <= 0 {
		limit = math.MaxInt32 // all; both databases take a number
	}
	rows, err := s.db.QueryContext(ctx, `SELECT d.status, d.attempts, d.last_error, d.message_id, d.updated_at,
		s.id, s.address, s.name, s.status, s.sections
		FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
		WHERE d.edition_id = ? ORDER BY s.id LIMIT ?`, editionID, limit)
	if err != nil {
		return nil, fmt.Errorf("deliveries: %w", err)
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		d := Delivery{EditionID: editionID}
		var updated, subStatus, sections string
		if err := rows.Scan(&d.Status, &d.Attempts, &d.LastError, &d.MessageID, &updated,
			&d.Subscriber.ID, &d.Subscriber.Address, &d.Subscriber.Name, &subStatus, &sections); err != nil {
			return nil, fmt.Errorf("deliveries: %w", err)
		}
		d.UpdatedAt = parseTime(updated)
		d.Subscriber.Status = digest.SubscriberStatus(subStatus)
		d.Subscriber.Sections = digest.SectionsFromKey(sections)
		out = append(out, d)
	}
	return out, rows.Err()
}

// editionStatus reads an edition's status inside a transaction.
func editionStatus(ctx context.Context, tx *txn, editionID string) (digest.EditionStatus, error) {
	var raw string
	err := tx.QueryRowContext(ctx, `SELECT status FROM editions WHERE id = ?`, editionID).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("edition %s: %w", editionID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("edition %s: %w", editionID, err)
	}
	var status digest.EditionStatus
	if err := scanStatus(raw, &status); err != nil {
		return "", fmt.Errorf("edition %s: %w", editionID, err)
	}
	return status, nil
}
