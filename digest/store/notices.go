package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// QueueSignup records one sign-up request for the worker. It is all a
// request does, the same single insert whatever the address: whether the
// address is new, listed or gone, and whether anything is mailed, is
// decided later (DecideSignup), so neither the answer nor its time can
// tell. The sections chosen with it (none: every section) wait with the
// confirmation link and are the subscriber's once it is used.
func (s *Store) QueueSignup(ctx context.Context, address, name string, sections digest.Sections, now time.Time) error {
	if err := digest.CheckSubscriberName(name); err != nil {
		return fmt.Errorf("queue sign-up: %w", err)
	}
	// An address erased at its owner's request is not written down
	// again, not even for the outbox to skip: the form answers alike.
	if erased, err := s.erased(ctx, s.db, address); err != nil || erased {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO notices (kind, address, name, sections, status, next_attempt, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, string(digest.NoticeSignup), address, name, sections.Key(), string(digest.NoticeQueued),
		formatTime(now), formatTime(now), formatTime(now))
	if err != nil {
		return fmt.Errorf("queue sign-up: %w", err)
	}
	return nil
}

// noticeClaimable is the one rule for which rows (n) an instance may
// claim, with arguments now, instance and liveAfter: still to do, due,
// and unclaimed, claimed by this instance (one worker per process, so a
// claim of its own is one a failed pass left), or claimed by an instance
// whose heartbeat is older than the lease. Its status list matches the
// notices_due index.
func noticeClaimable() string {
	return openNoticesIn("n.status") + ` AND n.next_attempt <= ?
	AND (n.claimed_by IN ('', ?) OR NOT EXISTS (SELECT 1 FROM instances i
		WHERE i.id = n.claimed_by AND i.heartbeat_at > ?))`
}

// ClaimNotices claims up to limit rows due at now for the instance,
// oldest due first, counting an attempt for each. As with deliveries,
// PostgreSQL locks the rows as they are chosen and skips rows another
// instance is claiming, so instances working together take disjoint
// rows; a row whose claimer died is taken over after the lease (measured
// in LeaseTime), and its message may go out twice, never not at all.
// When rows are due is the callers' clock, like every time they write.
func (s *Store) ClaimNotices(ctx context.Context, instance string, now time.Time, limit int) ([]digest.Notice, error) {
	lease, err := s.LeaseTime(ctx, now)
	if err != nil {
		return nil, fmt.Errorf("claim notices: %w", err)
	}
	// As for deliveries (claimQuery), the rows are chosen in a
	// materialized CTE, so the LIMIT holds whatever plan the database
	// picks: a sign-up flood on a fresh table is shared out, not taken
	// whole by one instance.
	rows, err := s.db.QueryContext(ctx, `WITH picked AS MATERIALIZED (
			SELECT n.id AS picked_id FROM notices n WHERE `+noticeClaimable()+`
			ORDER BY n.next_attempt, n.id LIMIT ?`+s.db.d.skipLocked+`)
		UPDATE notices SET claimed_by = ?, attempts = attempts + 1, updated_at = ?
		FROM picked WHERE notices.id = picked.picked_id
		RETURNING `+noticeColumns,
		formatTime(now), instance, s.liveAfter(lease), limit, instance, formatTime(now))
	if err != nil {
		return nil, fmt.Errorf("claim notices: %w", err)
	}
	out, err := scanNotices(rows)
	if err != nil {
		return nil, fmt.Errorf("claim notices: %w", err)
	}
	slices.SortFunc(out, func(a, b digest.Notice) int { return int(a.ID - b.ID) })
	for i := range out {
		out[i].ClaimedBy = instance
	}
	return out, nil
}

// FinishNotice records how a claimed row ended: sent, skipped or failed,
// with why. A row already done, or no longer claimed by (by) — taken over
// while its claimer was frozen — stays as it is.
func (s *Store) FinishNotice(ctx context.Context, id int64, by string, status digest.NoticeStatus, detail string, now time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE notices SET status = ?, detail = ?, claimed_by = '', updated_at = ?
		WHERE id = ? AND claimed_by = ? AND `+openNoticesIn("status"), string(status), detail, formatTime(now), id, by)
	if err != nil {
		return fmt.Errorf("notice %d: %w", id, err)
	}
	return nil
}

// RetryNotice frees a row claimed by (by) for another try at next,
// keeping why this one failed; a row another instance has taken over
// meanwhile stays with it.
func (s *Store) RetryNotice(ctx context.Context, id int64, by string, next time.Time, detail string, now time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE notices SET claimed_by = '', next_attempt = ?, detail = ?, updated_at = ?
		WHERE id = ? AND claimed_by = ? AND `+openNoticesIn("status"), formatTime(next), detail, formatTime(now), id, by)
	if err != nil {
		return fmt.Errorf("notice %d: %w", id, err)
	}
	return nil
}

// ForgetNotices deletes rows done before the given time: the outbox is a
// queue, not a record of who asked for what.
func (s *Store) ForgetNotices(ctx context.Context, before time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM notices WHERE `+doneNoticesIn("status")+` AND updated_at < ?`,
		formatTime(before))
	if err != nil {
		return 0, fmt.Errorf("forget notices: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Notices lists the outbox, oldest first, at most limit rows.
func (s *Store) Notices(ctx context.Context, limit int) ([]digest.Notice, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+noticeColumns+` FROM notices ORDER BY id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("notices: %w", err)
	}
	out, err := scanNotices(rows)
	if err != nil {
		return nil, fmt.Errorf("notices: %w", err)
	}
	return out, nil
}

const noticeColumns = `id, kind, address, name, COALESCE(subscriber_id, 0), status, nonce, expires_at, attempts, next_attempt,
	detail, created_at`

func scanNotices(rows interface {
	Next() bool
	Scan(...any) error
	Close() error
	Err() error
}) ([]digest.Notice, error) {
	defer rows.Close()
	var out []digest.Notice
	for rows.Next() {
		var n digest.Notice
		var expires, next, created string
		if err := rows.Scan(&n.ID, &n.Kind, &n.Address, &n.Name, &n.SubscriberID, &n.Status, &n.Nonce, &expires,
			&n.Attempts, &next, &n.Detail, &created); err != nil {
			return nil, err
		}
		n.ExpiresAt, n.NextAttempt, n.CreatedAt = parseTime(expires), parseTime(next), parseTime(created)
		out = append(out, n)
	}
	return out, rows.Err()
}
