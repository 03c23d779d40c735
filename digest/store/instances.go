package store

import (
	"context"
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Instance is one running digest process on this database, as it last
// reported itself.
type Instance struct {
	ID        string
	Host      string
	PID       int
	StartedAt time.Time
	Heartbeat time.Time
	Leader    bool
}

// DefaultLease is how long an instance counts as alive after its last
// heartbeat. A claim held by an instance quiet for longer is free again: a
// killed sender's rows are taken over within about one lease.
const DefaultLease = 10 * time.Second

// WithLease changes the lease from DefaultLease (tests shorten it to
// provoke takeovers). Every instance on a database must use the same one.
func WithLease(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.lease = d
		}
	}
}

// Lease is how long an instance's claims outlive its last heartbeat.
func (s *Store) Lease() time.Duration { return s.lease }

// HeartbeatEvery is how often a live instance says so: several beats fit
// in one lease, so one slow beat does not make it look dead.
func (s *Store) HeartbeatEvery() time.Duration { return s.lease / 4 }

// Register records this instance as alive.
func (s *Store) Register(ctx context.Context, in Instance) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO instances (id, host, pid, started_at, heartbeat_at, leader)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at`,
		in.ID, in.Host, in.PID, formatTime(in.StartedAt), formatTime(in.Heartbeat), in.Leader)
	if err != nil {
		return fmt.Errorf("register instance %s: %w", in.ID, err)
	}
	return nil
}

// Heartbeat renews an instance's lease and says whether it leads now.
// Instances long gone are forgotten on the way.
func (s *Store) Heartbeat(ctx context.Context, id string, leader bool, now time.Time) error {
	return s.inTx(ctx, func(tx *txn) error {
		res, err := tx.ExecContext(ctx, `UPDATE instances SET heartbeat_at = ?, leader = ? WHERE id = ?`,
			formatTime(now), leader, id)
		if err != nil {
			return fmt.Errorf("heartbeat %s: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("heartbeat %s: %w", id, digest.ErrNotFound)
		}
		// A day is far beyond any lease: nothing can still hold a claim.
		_, err = tx.ExecContext(ctx, `DELETE FROM instances WHERE heartbeat_at < ?
			AND NOT EXISTS (SELECT 1 FROM deliveries WHERE claimed_by = instances.id AND `+unfinishedIn("status")+`)`,
			formatTime(now.Add(-24*time.Hour)))
		return err
	})
}

// Deregister removes an instance that stops cleanly, so its claims are free
// at once rather than after the lease.
func (s *Store) Deregister(ctx context.Context, id string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM instances WHERE id = ?`, id); err != nil {
		return fmt.Errorf("deregister %s: %w", id, err)
	}
	return nil
}

// Instances lists the instances that are alive at now, the leader first.
func (s *Store) Instances(ctx context.Context, now time.Time) ([]Instance, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, host, pid, started_at, heartbeat_at, leader FROM instances
		WHERE heartbeat_at > ? ORDER BY leader DESC, started_at, id`, formatTime(now.Add(-s.lease)))
	if err != nil {
		return nil, fmt.Errorf("instances: %w", err)
	}
	defer rows.Close()
	var out []Instance
	for rows.Next() {
		var in Instance
		var started, beat string
		if err := rows.Scan(&in.ID, &in.Host, &in.PID, &started, &beat, &in.Leader); err != nil {
			return nil, fmt.Errorf("instances: %w", err)
		}
		in.StartedAt, in.Heartbeat = parseTime(started), parseTime(beat)
		out = append(out, in)
	}
	return out, rows.Err()
}

// liveAfter is the heartbeat a claimer must have given after to still own
// its claims. On SQLite one process owns the file, so no other claimer is
// alive: every heartbeat is too old.
func (s *Store) liveAfter(now time.Time) string {
	if !s.db.d.shared {
		return "9999"
	}
	return formatTime(now.Add(-s.lease))
}

// LeaseTime is the time heartbeats and claims are measured in: on
// PostgreSQL the server's clock, one clock for every instance however
// their machines' clocks drift; on SQLite, with its one process, local.
func (s *Store) LeaseTime(ctx context.Context, local time.Time) (time.Time, error) {
	if !s.db.d.shared {
		return local, nil
	}
	var t time.Time
	if err := s.db.QueryRowContext(ctx, `SELECT clock_timestamp()`).Scan(&t); err != nil {
		return time.Time{}, fmt.Errorf("database clock: %w", err)
	}
	return t.UTC(), nil
}
