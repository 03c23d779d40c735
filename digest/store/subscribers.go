package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// AddSubscriber adds an active subscriber. An address already on the list
// keeps its status (an unsubscribed address is not resubscribed by an add)
// and digest.ErrExists is returned with the stored subscriber.
func (s *Store) AddSubscriber(ctx context.Context, address, name string, now time.Time) (*digest.Subscriber, error) {
	added, err := s.insertSubscriber(ctx, s.db, digest.Subscriber{Address: address, Name: name}, now)
	if err != nil {
		return nil, err
	}
	sub, err := s.Subscriber(ctx, address)
	if err != nil {
		return nil, err
	}
	if !added {
		return sub, fmt.Errorf("subscriber %s: %w", address, digest.ErrExists)
	}
	return sub, nil
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// insertSubscriber adds an active subscriber unless the address is on the
// list already, whatever its status there; it reports whether it added.
// An address erased at its owner's request is refused with
// digest.ErrErased.
func (s *Store) insertSubscriber(ctx context.Context, db execer, sub digest.Subscriber, now time.Time) (bool, error) {
	if err := digest.CheckSubscriberName(sub.Name); err != nil {
		return false, fmt.Errorf("add subscriber %s: %w", sub.Address, err)
	}
	if erased, err := s.erased(ctx, db, sub.Address); err != nil {
		return false, err
	} else if erased {
		return false, fmt.Errorf("add subscriber: %w", digest.ErrErased)
	}
	status := sub.Status
	if status == "" {
		status = digest.SubscriberActive
	}
	// A row that says someone left (an export read back in) is kept as
	// such, and takes an active subscriber off the list; it never puts
	// anyone back on.
	res, err := db.ExecContext(ctx, `INSERT INTO subscribers (address, name, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (address) DO NOTHING`,
		sub.Address, sub.Name, string(status), formatTime(now), formatTime(now))
	if err != nil {
		return false, fmt.Errorf("add subscriber %s: %w", sub.Address, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return true, nil
	}
	if status.Left() {
		if _, err := db.ExecContext(ctx, `UPDATE subscribers SET status = ?, updated_at = ? WHERE address = ? AND status = ?`,
			string(status), formatTime(now), sub.Address, string(digest.SubscriberActive)); err != nil {
			return false, fmt.Errorf("add subscriber %s: %w", sub.Address, err)
		}
	}
	return false, nil
}

// Subscriber finds a subscriber by address, case-insensitively.
func (s *Store) Subscriber(ctx context.Context, address string) (*digest.Subscriber, error) {
	return s.scanSubscriber(s.db.QueryRowContext(ctx, subscriberQuery+` WHERE address = ?`, address), address)
}

// SubscriberByID finds a subscriber by ID.
func (s *Store) SubscriberByID(ctx context.Context, id int64) (*digest.Subscriber, error) {
	return s.scanSubscriber(s.db.QueryRowContext(ctx, subscriberQuery+` WHERE id = ?`, id), fmt.Sprint(id))
}

// SubscriberByPublicID finds a subscriber by the reference links carry.
func (s *Store) SubscriberByPublicID(ctx context.Context, publicID string) (*digest.Subscriber, error) {
	if publicID == "" {
		return nil, fmt.Errorf("subscriber without a reference: %w", digest.ErrNotFound)
	}
	return s.scanSubscriber(s.db.QueryRowContext(ctx, subscriberQuery+` WHERE public_id = ?`, publicID), "reference")
}

const subscriberQuery = `SELECT id, public_id, address, name, status, created_at, updated_at, sections FROM subscribers`

func (s *Store) scanSubscriber(row interface{ Scan(...any) error }, key string) (*digest.Subscriber, error) {
	var sub digest.Subscriber
	var status, created, updated, sections string
	err := row.Scan(&sub.ID, &sub.PublicID, &sub.Address, &sub.Name, &status, &created, &updated, &sections)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("subscriber %s: %w", key, digest.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("subscriber %s: %w", key, err)
	}
	sub.Status = digest.SubscriberStatus(status)
	sub.CreatedAt, sub.UpdatedAt = parseTime(created), parseTime(updated)
	sub.Sections = digest.SectionsFromKey(sections)
	return &sub, nil
}

// SetSubscriberStatus changes a subscriber's status. Setting the status it
// already has is harmless.
func (s *Store) SetSubscriberStatus(ctx context.Context, id int64, status digest.SubscriberStatus, now time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE subscribers SET status = ?, updated_at = ? WHERE id = ?`,
		string(status), formatTime(now), id)
	if err != nil {
		return fmt.Errorf("subscriber %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("subscriber %d: %w", id, digest.ErrNotFound)
	}
	return nil
}

// Subscribers lists subscribers by ID, optionally only those with status.
func (s *Store) Subscribers(ctx context.Context, status digest.SubscriberStatus) ([]digest.Subscriber, error) {
	q := subscriberQuery
	var args []any
	if status != "" {
		q += ` WHERE status = ?`
		args = append(args, string(status))
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list subscribers: %w", err)
	}
	defer rows.Close()
	var out []digest.Subscriber
	for rows.Next() {
		var sub digest.Subscriber
		var st, created, updated, sections string
		if err := rows.Scan(&sub.ID, &sub.PublicID, &sub.Address, &sub.Name, &st, &created, &updated, &sections); err != nil {
			return nil, fmt.Errorf("list subscribers: %w", err)
		}
		sub.Sections = digest.SectionsFromKey(sections)
		sub.Status = digest.SubscriberStatus(st)
		sub.CreatedAt, sub.UpdatedAt = parseTime(created), parseTime(updated)
		out = append(out, sub)
	}
	return out, rows.Err()
}

// ImportFromConfig adds the config's subscribers that the config has
// never contributed before, in one transaction. From then on the database
// is the authority: an address imported once is never imported again, so
// someone who unsubscribed or bounced (or was removed) stays that way
// whatever the config says. It returns how many were added.
func (s *Store) ImportFromConfig(ctx context.Context, subs []digest.Subscriber, now time.Time) (int, error) {
	added := 0
	err := s.inTx(ctx, func(tx *txn) error {
		for _, sub := range subs {
			// Erased at their request: the config cannot undo it, nor
			// write the address down again.
			if erased, err := s.erased(ctx, tx, sub.Address); err != nil {
				return err
			} else if erased {
				continue
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO config_imports (address, imported_at) VALUES (?, ?)
				ON CONFLICT (address) DO NOTHING`, strings.ToLower(sub.Address), formatTime(now))
			if err != nil {
				return fmt.Errorf("import %s: %w", sub.Address, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue // imported before: the database decides now
			}
			ok, err := s.insertSubscriber(ctx, tx, sub, now)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		return nil
	})
	return added, err
}

// AddSubscribers adds many subscribers in one transaction, keeping the
// status of those already on the list. It returns how many were new and
// how many it kept out: rows that would have put back on the list
// someone who had left it.
func (s *Store) AddSubscribers(ctx context.Context, subs []digest.Subscriber, now time.Time) (added, keptOut int, err error) {
	err = s.inTx(ctx, func(tx *txn) error {
		for _, sub := range subs {
			ok, err := s.insertSubscriber(ctx, tx, sub, now)
			if errors.Is(err, digest.ErrErased) {
				keptOut++
				continue
			}
			if err != nil {
				return err
			}
			if ok {
				added++
				continue
			}
			var was string
			if err := tx.QueryRowContext(ctx, `SELECT status FROM subscribers WHERE address = ?`, sub.Address).Scan(&was); err != nil {
				return fmt.Errorf("add subscriber %s: %w", sub.Address, err)
			}
			if digest.SubscriberStatus(was).Left() && !sub.Status.Left() {
				keptOut++
			}
		}
		return nil
	})
	return added, keptOut, err
}

// SetSubscriberSections stores the sections a subscriber chose; none is
// every section.
func (s *Store) SetSubscriberSections(ctx context.Context, id int64, sections digest.Sections, now time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE subscribers SET sections = ?, updated_at = ? WHERE id = ?`,
		sections.Key(), formatTime(now), id)
	if err != nil {
		return fmt.Errorf("subscriber %d sections: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("subscriber %d: %w", id, digest.ErrNotFound)
	}
	return nil
}

// PreferenceSets lists the distinct section choices of active
// subscribers other than "every section": the variants an edition needs.
func (s *Store) PreferenceSets(ctx context.Context) ([]digest.Sections, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT sections FROM subscribers WHERE status = ? AND sections <> ''
		ORDER BY sections`, string(digest.SubscriberActive))
	if err != nil {
		return nil, fmt.Errorf("preference sets: %w", err)
	}
	defer rows.Close()
	var out []digest.Sections
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			return nil, fmt.Errorf("preference sets: %w", err)
		}
		out = append(out, digest.SectionsFromKey(key))
	}
	return out, rows.Err()
}
