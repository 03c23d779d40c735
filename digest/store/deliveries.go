package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strings"
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

// ClaimDeliveries claims up to limit of an edition's rows for the
// instance and returns them with their subscribers, in subscriber order.
// A row is free when nobody claims it, or when its claimer has not beaten
// its heartbeat within the Lease: that instance died, and a row it left in
// sending is sent again (at most one duplicate per connection it had busy,
// never a lost message). Every claimed row comes back pending, deferred
// ones included: this run tries them again.
//
// On PostgreSQL the rows are locked as they are chosen and rows another
// instance is claiming are skipped (FOR UPDATE SKIP LOCKED), so instances
// claiming together get disjoint batches without waiting on each other.
// The claim is committed before any message goes out, and nothing here
// holds a transaction across network I/O.
func (s *Store) ClaimDeliveries(ctx context.Context, editionID, instance string, now time.Time, limit int) ([]Delivery, error) {
	var out []Delivery
	err := s.inTx(ctx, func(tx *txn) error {
		rows, err := tx.QueryContext(ctx, `UPDATE deliveries SET claimed_by = ?, status = 'pending', updated_at = ?
			WHERE edition_id = ? AND subscriber_id IN (
				SELECT d.subscriber_id FROM deliveries d WHERE `+claimable+`
				ORDER BY d.subscriber_id LIMIT ?`+s.db.d.skipLocked+`)
			RETURNING subscriber_id`,
			instance, formatTime(now), editionID, editionID, instance, s.liveAfter(now), limit)
		if err != nil {
			return err
		}
		var ids []any
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		out, err = claimedRows(ctx, tx, editionID, ids)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("claim deliveries of %s: %w", editionID, err)
	}
	return out, nil
}

// claimable is the one rule for which of an edition's rows (d) an instance
// may claim, with arguments edition, instance and liveAfter: unfinished,
// not its own, and unclaimed or claimed by an instance whose heartbeat is
// older than the lease. Its status list matches the deliveries_due index.
const claimable = `d.edition_id = ? AND d.status IN ('pending', 'sending', 'deferred') AND d.claimed_by <> ?
	AND (d.claimed_by = '' OR NOT EXISTS (SELECT 1 FROM instances i
		WHERE i.id = d.claimed_by AND i.heartbeat_at > ?))`

// HasClaimable reports whether the instance could claim any of the
// edition's rows now: an instance joining a send asks this first, so it
// prepares the edition's messages only when there is work for it.
func (s *Store) HasClaimable(ctx context.Context, editionID, instance string, now time.Time) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM deliveries d WHERE `+claimable+` LIMIT 1`,
		editionID, instance, s.liveAfter(now)).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("claimable deliveries of %s: %w", editionID, err)
	}
	return true, nil
}

// claimedRows reads the claimed rows with their subscribers.
func claimedRows(ctx context.Context, tx *txn, editionID string, ids []any) ([]Delivery, error) {
	rows, err := tx.QueryContext(ctx, `SELECT d.status, d.attempts, s.id, s.public_id, s.address, s.name, s.status, s.sections
		FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
		WHERE d.edition_id = ? AND d.subscriber_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)
		ORDER BY d.subscriber_id`, append([]any{editionID}, ids...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]Delivery, 0, len(ids))
	for rows.Next() {
		d := Delivery{EditionID: editionID}
		var subStatus, sections string
		if err := rows.Scan(&d.Status, &d.Attempts, &d.Subscriber.ID, &d.Subscriber.PublicID, &d.Subscriber.Address, &d.Subscriber.Name,
			&subStatus, &sections); err != nil {
			return nil, err
		}
		d.Subscriber.Status = digest.SubscriberStatus(subStatus)
		d.Subscriber.Sections = digest.SectionsFromKey(sections)
		out = append(out, d)
	}
	return out, rows.Err()
}

// ReleaseClaims frees the rows an instance claimed but did not finish
// (stopped, or deferred to a later try), so any instance may take them at
// once instead of after the lease.
func (s *Store) ReleaseClaims(ctx context.Context, editionID, instance string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE deliveries SET claimed_by = ''
		WHERE edition_id = ? AND claimed_by = ? AND status IN ('pending', 'deferred')`, editionID, instance)
	if err != nil {
		return fmt.Errorf("release deliveries of %s: %w", editionID, err)
	}
	return nil
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
		s.id, s.public_id, s.address, s.name, s.status, s.sections
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
			&d.Subscriber.ID, &d.Subscriber.PublicID, &d.Subscriber.Address, &d.Subscriber.Name, &subStatus, &sections); err != nil {
			return nil, fmt.Errorf("deliveries: %w", err)
		}
		d.UpdatedAt = parseTime(updated)
		d.Subscriber.Status = digest.SubscriberStatus(subStatus)
		d.Subscriber.Sections = digest.SectionsFromKey(sections)
		out = append(out, d)
	}
	return out, rows.Err()
}

// editionStatus reads an edition's status inside a transaction, locking
// the row on PostgreSQL so that what the transaction then does to the
// edition is decided on a status nobody else is changing.
func editionStatus(ctx context.Context, tx *txn, editionID string) (digest.EditionStatus, error) {
	var raw string
	err := tx.QueryRowContext(ctx, `SELECT status FROM editions WHERE id = ?`+tx.d.forUpdate, editionID).Scan(&raw)
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
