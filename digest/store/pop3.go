package store

import (
	"context"
	"fmt"
	"time"
)

// SeenUIDLs returns the remembered message ids of a POP3 mailbox, each
// saying whether it was a report.
func (s *Store) SeenUIDLs(ctx context.Context, mailbox string) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT uidl, report FROM pop3_uidls WHERE mailbox = ?`, mailbox)
	if err != nil {
		return nil, fmt.Errorf("pop3 uidls: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var uidl string
		var report int
		if err := rows.Scan(&uidl, &report); err != nil {
			return nil, fmt.Errorf("pop3 uidls: %w", err)
		}
		out[uidl] = report != 0
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pop3 uidls: %w", err)
	}
	return out, nil
}

// RememberUIDL keeps a message id as read; read again, it stays as
// first kept.
func (s *Store) RememberUIDL(ctx context.Context, mailbox, uidl string, report bool, at time.Time) error {
	flag := 0
	if report {
		flag = 1
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO pop3_uidls (mailbox, uidl, report, seen_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (mailbox, uidl) DO NOTHING`, mailbox, uidl, flag, formatTime(at))
	if err != nil {
		return fmt.Errorf("remember pop3 uidl: %w", err)
	}
	return nil
}

// UIDLsGone notes when remembered ids were first missing from the
// server, and forgets every id of the mailbox missing since before
// forget.
func (s *Store) UIDLsGone(ctx context.Context, mailbox string, uidls []string, at, forget time.Time) error {
	return s.inTx(ctx, func(tx *txn) error {
		for _, u := range uidls {
			if _, err := tx.ExecContext(ctx, `UPDATE pop3_uidls SET gone_at = ? WHERE mailbox = ? AND uidl = ? AND gone_at IS NULL`,
				formatTime(at), mailbox, u); err != nil {
				return fmt.Errorf("pop3 uidl gone: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM pop3_uidls WHERE mailbox = ? AND gone_at IS NOT NULL AND gone_at < ?`,
			mailbox, formatTime(forget)); err != nil {
			return fmt.Errorf("forget pop3 uidls: %w", err)
		}
		return nil
	})
}
