package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// SetErasureKey sets the key of the hashes erased addresses leave
// (digest.ErasureKey of the app secret). Call it once, before the store
// is shared; without it the hashes are unkeyed SHA-256 HMACs, which
// still match each other.
func (s *Store) SetErasureKey(key []byte) { s.erasureKey = key }

// AddressHash is the hash an erased address leaves, keyed as set.
func (s *Store) AddressHash(address string) string { return digest.AddressHash(s.erasureKey, address) }

// erased reports whether the address was erased at its owner's request.
func (s *Store) erased(ctx context.Context, db execer, address string) (bool, error) {
	var n int
	err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM erased_addresses WHERE hash = ?`, s.AddressHash(address)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("erased addresses: %w", err)
	}
	return n > 0, nil
}

// Erased reports whether the address was erased at its owner's request.
func (s *Store) Erased(ctx context.Context, address string) (bool, error) {
	return s.erased(ctx, s.db, address)
}

// SearchSubscribers returns one page of the subscribers q picks, by ID,
// and how many it picks in all.
func (s *Store) SearchSubscribers(ctx context.Context, q digest.SubscriberQuery) ([]digest.Subscriber, int, error) {
	var where []string
	var args []any
	if t := strings.TrimSpace(q.Text); t != "" {
		like := "%" + likeEscaper.Replace(strings.ToLower(t)) + "%"
		where = append(where, `(lower(address) LIKE ? ESCAPE '\' OR lower(name) LIKE ? ESCAPE '\')`)
		args = append(args, like, like)
	}
	if q.Status != "" {
		where = append(where, `status = ?`)
		args = append(args, string(q.Status))
	}
	if sec := strings.ToLower(strings.TrimSpace(q.Section)); sec != "" {
		// Sections are kept as a newline-joined, sorted key.
		where = append(where, `(sections = '' OR sections = ? OR sections LIKE ? ESCAPE '\' OR sections LIKE ? ESCAPE '\' OR sections LIKE ? ESCAPE '\')`)
		e := likeEscaper.Replace(sec)
		args = append(args, sec, e+"\n%", "%\n"+e, "%\n"+e+"\n%")
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM subscribers`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("search subscribers: %w", err)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := s.db.QueryContext(ctx, subscriberQuery+cond+` ORDER BY id LIMIT ? OFFSET ?`, append(args, limit, max(q.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("search subscribers: %w", err)
	}
	defer rows.Close()
	var out []digest.Subscriber
	for rows.Next() {
		sub, err := s.scanSubscriber(rows, "")
		if err != nil {
			return nil, 0, err
		}
		out = append(out, *sub)
	}
	return out, total, rows.Err()
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// PersonDeliveries lists every delivery to a subscriber, newest first,
// with the edition's title.
func (s *Store) PersonDeliveries(ctx context.Context, subscriberID int64) ([]digest.PersonDelivery, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.edition_id, COALESCE(e.title, ''), d.status, d.attempts, d.last_error,
		d.message_id, d.updated_at FROM deliveries d LEFT JOIN editions e ON e.id = d.edition_id
		WHERE d.subscriber_id = ? ORDER BY d.updated_at DESC, d.edition_id DESC`, subscriberID)
	if err != nil {
		return nil, fmt.Errorf("deliveries of subscriber %d: %w", subscriberID, err)
	}
	defer rows.Close()
	var out []digest.PersonDelivery
	for rows.Next() {
		var d digest.PersonDelivery
		var status, updated string
		if err := rows.Scan(&d.EditionID, &d.Title, &status, &d.Attempts, &d.LastError, &d.MessageID, &updated); err != nil {
			return nil, fmt.Errorf("deliveries of subscriber %d: %w", subscriberID, err)
		}
		d.Status, d.UpdatedAt = digest.DeliveryStatus(status), parseTime(updated)
		out = append(out, d)
	}
	return out, rows.Err()
}

// PersonNotices lists the sign-up requests and welcomes about an
// address or a subscriber, oldest first.
func (s *Store) PersonNotices(ctx context.Context, address string, subscriberID int64) ([]digest.Notice, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+noticeColumns+` FROM notices WHERE address = ? OR subscriber_id = ? ORDER BY id`,
		address, subscriberID)
	if err != nil {
		return nil, fmt.Errorf("notices of %s: %w", address, err)
	}
	defer rows.Close()
	return scanNotices(rows)
}

// ApplyImport writes the rows that write, in one transaction, each only
// if the subscriber is still as the preview saw them (Was);
// otherwise nothing is written and digest.ErrListChanged is returned.
func (s *Store) ApplyImport(ctx context.Context, rows []digest.ImportRow, now time.Time) error {
	return s.inTx(ctx, func(tx *txn) error {
		for _, r := range rows {
			if !r.Writes() {
				continue
			}
			if err := digest.CheckSubscriberName(r.Name); err != nil {
				return fmt.Errorf("line %d: %w", r.Line, err)
			}
			var n int64
			switch r.Action {
			case digest.ImportAdd:
				if erased, err := s.erased(ctx, tx, r.Address); err != nil {
					return err
				} else if erased {
					return fmt.Errorf("line %d: %w", r.Line, digest.ErrListChanged)
				}
				res, err := tx.ExecContext(ctx, `INSERT INTO subscribers (address, name, status, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?) ON CONFLICT (address) DO NOTHING`,
					r.Address, r.Name, string(r.Status), formatTime(now), formatTime(now))
				if err != nil {
					return fmt.Errorf("import line %d: %w", r.Line, err)
				}
				n, _ = res.RowsAffected()
			case digest.ImportUpdate:
				res, err := tx.ExecContext(ctx, `UPDATE subscribers SET status = ?, updated_at = ? WHERE address = ? AND status = ?`,
					string(r.Status), formatTime(now), r.Address, string(r.Was))
				if err != nil {
					return fmt.Errorf("import line %d: %w", r.Line, err)
				}
				n, _ = res.RowsAffected()
			}
			if n != 1 {
				return fmt.Errorf("line %d: %w", r.Line, digest.ErrListChanged)
			}
		}
		return nil
	})
}

// BounceMessages returns the raw reports about a subscriber by event
// ID: the evidence a data-protection export hands over with the rest.
func (s *Store) BounceMessages(ctx context.Context, subscriberID int64) (map[int64][]byte, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, raw FROM bounce_events WHERE subscriber_id = ?`, subscriberID)
	if err != nil {
		return nil, fmt.Errorf("bounce messages: %w", err)
	}
	defer rows.Close()
	out := map[int64][]byte{}
	for rows.Next() {
		var id int64
		var raw []byte
		if err := rows.Scan(&id, &raw); err != nil {
			return nil, fmt.Errorf("bounce messages: %w", err)
		}
		out[id] = raw
	}
	return out, rows.Err()
}
