package store

import (
	"context"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
)

// CountClick adds one click on an edition's item (its article id). Only
// the count is kept: nothing of who clicked, from where or with what.
func (s *Store) CountClick(ctx context.Context, editionID, itemID string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO edition_clicks (edition_id, item_id, clicks) VALUES (?, ?, 1)
		ON CONFLICT (edition_id, item_id) DO UPDATE SET clicks = edition_clicks.clicks + 1`, editionID, itemID)
	if err != nil {
		return fmt.Errorf("count click on edition %s item %s: %w", editionID, itemID, err)
	}
	return nil
}

// EditionClicks is each item's click count, by item id; items never
// clicked are absent.
func (s *Store) EditionClicks(ctx context.Context, editionID string) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT item_id, clicks FROM edition_clicks WHERE edition_id = ?`, editionID)
	if err != nil {
		return nil, fmt.Errorf("clicks of edition %s: %w", editionID, err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var item string
		var n int
		if err := rows.Scan(&item, &n); err != nil {
			return nil, fmt.Errorf("clicks of edition %s: %w", editionID, err)
		}
		out[item] = n
	}
	return out, rows.Err()
}

// EditionBounces lists the bounces and complaints that name an edition,
// oldest first, without their raw messages.
func (s *Store) EditionBounces(ctx context.Context, editionID string) ([]digest.BounceEvent, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, COALESCE(subscriber_id, 0), kind, status, diagnostic, reason,
		action, decision, received_at FROM bounce_events WHERE edition_id = ? ORDER BY received_at, id`, editionID)
	if err != nil {
		return nil, fmt.Errorf("bounces of edition %s: %w", editionID, err)
	}
	defer rows.Close()
	var out []digest.BounceEvent
	for rows.Next() {
		ev := digest.BounceEvent{EditionID: editionID}
		var kind, action, received string
		if err := rows.Scan(&ev.ID, &ev.SubscriberID, &kind, &ev.Status, &ev.Diagnostic, &ev.Reason,
			&action, &ev.Decision, &received); err != nil {
			return nil, fmt.Errorf("bounces of edition %s: %w", editionID, err)
		}
		ev.Kind, ev.Action, ev.ReceivedAt = digest.BounceKind(kind), digest.BounceAction(action), parseTime(received)
		out = append(out, ev)
	}
	return out, rows.Err()
}

// UnsubscribedAfter counts the subscribers who were sent the edition and
// have since unsubscribed, before any later edition reached them: the
// unsubscribes that edition is the last mail before. Unsubscribe links
// are the subscriber's own and name no edition, so the time decides:
// the subscriber's status change against their deliveries' times.
func (s *Store) UnsubscribedAfter(ctx context.Context, editionID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
		WHERE d.edition_id = ? AND d.status = ? AND s.status = ? AND s.updated_at >= d.updated_at
		AND NOT EXISTS (SELECT 1 FROM deliveries later WHERE later.subscriber_id = d.subscriber_id
			AND later.edition_id <> d.edition_id AND later.status = ?
			AND later.updated_at > d.updated_at AND later.updated_at <= s.updated_at)`,
		editionID, string(digest.DeliverySent), string(digest.SubscriberUnsubscribed), string(digest.DeliverySent)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("unsubscribes after edition %s: %w", editionID, err)
	}
	return n, nil
}
