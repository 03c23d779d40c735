package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// RecordBounce keeps a bounce event and applies its action to the
// subscriber, in one transaction, so a decision is never taken without
// its evidence nor recorded without being taken. It returns false, and
// changes nothing, when an event of the same source key is already kept:
// a message read twice counts once.
//
// The action only ever takes a subscriber further from the list: a
// bounce marks an active or pending subscriber bounced (one who
// unsubscribed stays unsubscribed); a complaint unsubscribes anyone.
//
// A report no key matched that quotes an erased address is not kept: a
// late bounce must not write the address down again.
func (s *Store) RecordBounce(ctx context.Context, ev *digest.BounceEvent) (bool, error) {
	var sub any
	if ev.SubscriberID > 0 {
		sub = ev.SubscriberID
	} else if quoted, err := s.quotesErased(ctx, ev.Raw, []byte(ev.Diagnostic)); err != nil || quoted {
		return false, err
	}
	recorded := false
	err := s.inTx(ctx, func(tx *txn) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO bounce_events
			(source_key, subscriber_id, edition_id, kind, status, diagnostic, reason, matched_by, message_id, action, decision, raw, received_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING`,
			ev.SourceKey, sub, ev.EditionID, string(ev.Kind), ev.Status, ev.Diagnostic, ev.Reason, ev.MatchedBy,
			ev.MessageID, string(ev.Action), ev.Decision, ev.Raw, formatTime(ev.ReceivedAt))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		recorded = true
		now := formatTime(ev.ReceivedAt)
		switch {
		case ev.SubscriberID <= 0:
		case ev.Action == digest.BounceMarked:
			_, err = tx.ExecContext(ctx, `UPDATE subscribers SET status = ?, updated_at = ? WHERE id = ? AND status IN (?, ?)`,
				string(digest.SubscriberBounced), now, ev.SubscriberID, string(digest.SubscriberActive), string(digest.SubscriberPending))
		case ev.Action == digest.BounceUnsubscribed:
			_, err = tx.ExecContext(ctx, `UPDATE subscribers SET status = ?, updated_at = ? WHERE id = ? AND status <> ?`,
				string(digest.SubscriberUnsubscribed), now, ev.SubscriberID, string(digest.SubscriberUnsubscribed))
		}
		return err
	})
	if err != nil {
		return false, fmt.Errorf("record bounce %s: %w", ev.SourceKey, err)
	}
	return recorded, nil
}

// BounceRecorded reports whether an event of this source key is kept.
func (s *Store) BounceRecorded(ctx context.Context, sourceKey string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM bounce_events WHERE source_key = ?`, sourceKey).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("bounce %s: %w", sourceKey, err)
	}
	return n > 0, nil
}

// SoftBounces counts a subscriber's soft bounces received since then.
func (s *Store) SoftBounces(ctx context.Context, subscriberID int64, since time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM bounce_events
		WHERE subscriber_id = ? AND kind = ? AND received_at >= ?`,
		subscriberID, string(digest.BounceSoft), formatTime(since)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("soft bounces of subscriber %d: %w", subscriberID, err)
	}
	return n, nil
}

// BounceEvents lists the events about a subscriber, newest first, without
// their raw messages; subscriberID 0 lists the ones no key matched.
func (s *Store) BounceEvents(ctx context.Context, subscriberID int64) ([]digest.BounceEvent, error) {
	q := `SELECT id, source_key, COALESCE(subscriber_id, 0), edition_id, kind, status, diagnostic, reason, matched_by,
		message_id, action, decision, received_at FROM bounce_events WHERE `
	args := []any{}
	if subscriberID > 0 {
		q += `subscriber_id = ?`
		args = append(args, subscriberID)
	} else {
		q += `subscriber_id IS NULL`
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY received_at DESC, id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("bounce events: %w", err)
	}
	defer rows.Close()
	var out []digest.BounceEvent
	for rows.Next() {
		var ev digest.BounceEvent
		var kind, action, received string
		if err := rows.Scan(&ev.ID, &ev.SourceKey, &ev.SubscriberID, &ev.EditionID, &kind, &ev.Status, &ev.Diagnostic,
			&ev.Reason, &ev.MatchedBy, &ev.MessageID, &action, &ev.Decision, &received); err != nil {
			return nil, fmt.Errorf("bounce events: %w", err)
		}
		ev.Kind, ev.Action, ev.ReceivedAt = digest.BounceKind(kind), digest.BounceAction(action), parseTime(received)
		out = append(out, ev)
	}
	return out, rows.Err()
}

// DeliveryByMessageID names the edition and subscriber of the message
// sent with this Message-ID: the second key of a bounce, after VERP.
func (s *Store) DeliveryByMessageID(ctx context.Context, messageID string) (editionID string, subscriberID int64, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT edition_id, subscriber_id FROM deliveries WHERE message_id = ? LIMIT 1`,
		messageID).Scan(&editionID, &subscriberID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, fmt.Errorf("message %s: %w", messageID, digest.ErrNotFound)
	}
	if err != nil {
		return "", 0, fmt.Errorf("message %s: %w", messageID, err)
	}
	return editionID, subscriberID, nil
}

// EditionIDByIssue names the edition of an issue number.
func (s *Store) EditionIDByIssue(ctx context.Context, issue int) (string, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT id FROM editions WHERE issue = ?`, issue).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("issue %d: %w", issue, digest.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("issue %d: %w", issue, err)
	}
	return id, nil
}
