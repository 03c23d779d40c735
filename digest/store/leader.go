package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// leaderLock is the advisory lock key the scheduling leader holds.
const leaderLock int64 = 0x6469676573740002 // "digest" 2

// Leadership decides which instance reconciles the schedule and builds
// editions. On PostgreSQL it is a session advisory lock held on a
// connection kept for it alone: the server releases it the moment that
// session ends, so when a leader dies (SIGKILL included) its socket closes
// and the next instance to try takes over. On SQLite the data dir's file
// lock already makes the one process the leader.
//
// Leading is only ever an optimisation of who does the work: an edition is
// still built at most once per slot because its key is unique in the
// database, whoever builds it.
type Leadership struct {
	s    *Store
	mu   sync.Mutex
	conn *sql.Conn // the session holding the lock; nil when not leading
}

// Leadership returns the store's leadership; Close releases it.
func (s *Store) Leadership() *Leadership { return &Leadership{s: s} }

// Lead reports whether this instance leads, trying to take the lead when
// it does not and checking the session still holds it when it does.
func (l *Leadership) Lead(ctx context.Context) (bool, error) {
	if !l.s.db.d.shared {
		return true, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn != nil {
		if err := l.conn.PingContext(ctx); err == nil {
			return true, nil
		}
		// The session is gone, and its lock with it: another instance
		// may already lead. Try again as anyone would.
		l.conn.Close()
		l.conn = nil
	}
	conn, err := l.s.db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("leadership: %w", err)
	}
	var got bool
	if err := conn.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1)`, leaderLock).Scan(&got); err != nil {
		conn.Close()
		return false, fmt.Errorf("leadership: %w", err)
	}
	if !got {
		conn.Close()
		return false, nil
	}
	l.conn = conn
	return true, nil
}

// Close gives the lead up, if held.
func (l *Leadership) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		return nil
	}
	_, err := l.conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, leaderLock)
	l.conn.Close()
	l.conn = nil
	return err
}
