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

// StartSending moves an edition to sending and, the first time, creates a
// pending delivery for every active subscriber and supersedes the older
// editions that share an article with it (see supersede), all in one
// transaction, so the recipients are fixed when sending starts and no
// article goes out twice. On an edition already sending it changes
// nothing (a resumed run); on a sent one it returns digest.ErrAlreadySent; one
// that is never sent (superseded, discarded, …) is refused with why.
// It returns how many rows it created.
func (s *Store) StartSending(ctx context.Context, editionID string, now time.Time) (int, error) {
	created := 0
	err := s.inTx(ctx, func(tx *txn) error {
		status, err := editionStatus(ctx, tx, editionID)
		if err != nil {
			return err
		}
		switch {
		case status.Sent():
			return fmt.Errorf("edition %s: %w", editionID, digest.ErrAlreadySent)
		case status == digest.EditionSending:
			return nil
		case !status.CanSend():
			return refusal(ctx, tx, editionID, status)
		}
		if err := s.checkSendable(ctx, tx, editionID); err != nil {
			return err
		}
		if err := supersede(ctx, tx, editionID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO deliveries (edition_id, subscriber_id, status, updated_at)
			SELECT ?, id, `+literal(digest.DeliveryPending)+`, ? FROM subscribers WHERE status = 'active'`, editionID, formatTime(now))
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
// its heartbeat within the lease: that instance died or froze, and a row
// it left in sending is sent again (at most one duplicate per connection
// it had busy, never a lost message). Every claimed row comes back
// pending, deferred ones included: this run tries them again.
//
// Each claim of a row takes the row's next fencing token, which every
// later change of the row must name (DeliveryWriter): an instance that
// wakes from a freeze to find its rows claimed by another changes none
// of them, and so sends none of them again.
//
// The rows are chosen in a materialized CTE, then updated by joining it:
// the LIMIT is applied once, whatever plan the database picks. (Written
// as "UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)",
// PostgreSQL may run the subquery once per row on a table it has no
// statistics for yet, claiming far more than n rows in quadratic time.)
// On PostgreSQL the rows are locked as they are chosen and rows another
// instance is claiming are skipped, so instances claiming together get
// disjoint batches without waiting on each other. The claim is committed
// before any message goes out; nothing holds a transaction across I/O.
func (s *Store) ClaimDeliveries(ctx context.Context, editionID, instance string, now time.Time, limit int) ([]digest.Delivery, error) {
	var out []digest.Delivery
	err := s.inTx(ctx, func(tx *txn) error {
		rows, err := tx.QueryContext(ctx, s.db.d.claimQuery(),
			editionID, instance, s.liveAfter(now), limit, instance, formatTime(now), editionID)
		if err != nil {
			return err
		}
		tokens := map[int64]int64{}
		var ids []any
		for rows.Next() {
			var id, token int64
			if err := rows.Scan(&id, &token); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
			tokens[id] = token
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		if out, err = claimedRows(ctx, tx, editionID, ids); err != nil {
			return err
		}
		for i := range out {
			out[i].ClaimedBy, out[i].Token = instance, tokens[out[i].Subscriber.ID]
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim deliveries of %s: %w", editionID, err)
	}
	return out, nil
}

// claimQuery claims rows with arguments edition, instance, liveAfter,
// limit, instance, now, edition; see ClaimDeliveries.
func (d dialect) claimQuery() string {
	return `WITH picked AS MATERIALIZED (
			SELECT d.subscriber_id FROM deliveries d WHERE ` + claimable() + `
			ORDER BY d.subscriber_id LIMIT ?` + d.skipLocked + `)
		UPDATE deliveries SET claimed_by = ?, claim_token = claim_token + 1, status = ` + literal(digest.DeliveryPending) + `, updated_at = ?
		FROM picked WHERE deliveries.edition_id = ? AND deliveries.subscriber_id = picked.subscriber_id
		RETURNING deliveries.subscriber_id, deliveries.claim_token`
}

// claimable is the one rule for which of an edition's rows (d) an instance
// may claim, with arguments edition, instance and liveAfter: unfinished,
// not its own, and unclaimed or claimed by an instance whose heartbeat is
// older than the lease. Its status list matches the deliveries_due index.
func claimable() string {
	return `d.edition_id = ? AND ` + unfinishedIn("d.status") + ` AND d.claimed_by <> ?
	AND (d.claimed_by = '' OR NOT EXISTS (SELECT 1 FROM instances i
		WHERE i.id = d.claimed_by AND i.heartbeat_at > ?))`
}

// HasClaimable reports whether the instance could claim any of the
// edition's rows now: an instance joining a send asks this first, so it
// prepares the edition's messages only when there is work for it.
func (s *Store) HasClaimable(ctx context.Context, editionID, instance string, now time.Time) (bool, error) {
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM deliveries d WHERE `+claimable()+` LIMIT 1`,
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
func claimedRows(ctx context.Context, tx *txn, editionID string, ids []any) ([]digest.Delivery, error) {
	rows, err := tx.QueryContext(ctx, `SELECT d.status, d.attempts, s.id, s.public_id, s.address, s.name, s.status, s.sections
		FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
		WHERE d.edition_id = ? AND d.subscriber_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)
		ORDER BY d.subscriber_id`, append([]any{editionID}, ids...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]digest.Delivery, 0, len(ids))
	for rows.Next() {
		d := digest.Delivery{EditionID: editionID}
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

// ReleaseClaims frees the rows an instance claimed but did not finish,
// so any instance may take them at once instead of after the lease. Its
// sender calls it when a run ends, every message of the run done or
// abandoned: a row still in sending then is one whose end could not be
// recorded (the database failed mid-run) and whose message may or may
// not have gone; freed, it is sent again, as after a crash, instead of
// staying claimed by a live instance that will never finish it.
func (s *Store) ReleaseClaims(ctx context.Context, editionID, instance string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE deliveries SET claimed_by = ''
		WHERE edition_id = ? AND claimed_by = ? AND `+unfinishedIn("status"), editionID, instance)
	if err != nil {
		return fmt.Errorf("release deliveries of %s: %w", editionID, err)
	}
	return nil
}

// ReleaseRows frees rows a sender claimed and then dropped unsent, each
// only while its claim is still the sender's: rows another instance took
// over in the meantime stay with it. A row may be left in sending by an
// earlier try that failed for now; released, it is claimable again, where
// otherwise nobody could take it while its holder lives.
func (s *Store) ReleaseRows(ctx context.Context, rows []digest.Delivery) error {
	err := s.inTx(ctx, func(tx *txn) error {
		for _, d := range rows {
			c := d.Claim()
			if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET claimed_by = ''
				WHERE edition_id = ? AND subscriber_id = ? AND claimed_by = ? AND claim_token = ?
				AND `+unfinishedIn("status"), c.EditionID, c.SubscriberID, c.Instance, c.Token); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("release dropped deliveries: %w", err)
	}
	return nil
}

// DeliveryCounts counts an edition's deliveries by status.
func (s *Store) DeliveryCounts(ctx context.Context, editionID string) (digest.DeliveryCounts, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT status, COUNT(*) FROM deliveries WHERE edition_id = ? GROUP BY status`, editionID)
	if err != nil {
		return nil, fmt.Errorf("delivery counts: %w", err)
	}
	defer rows.Close()
	counts := digest.DeliveryCounts{}
	for rows.Next() {
		var st digest.DeliveryStatus
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
			WHERE edition_id = ? AND `+unfinishedIn("status")+`)`,
		string(digest.EditionSent), editionID, string(digest.EditionSending), editionID)
	if err != nil {
		return false, fmt.Errorf("finish edition %s: %w", editionID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// Deliveries lists an edition's rows in subscriber order, at most limit
// of them (0 is all).
func (s *Store) Deliveries(ctx context.Context, editionID string, limit int) ([]digest.Delivery, error) {
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
	var out []digest.Delivery
	for rows.Next() {
		d := digest.Delivery{EditionID: editionID}
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
		return "", fmt.Errorf("edition %s: %w", editionID, digest.ErrNotFound)
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
