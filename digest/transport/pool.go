package transport

import (
	"context"
	"fmt"
	"time"
)

// acquire returns an idle connection if there is one, else dials a new
// one if fewer than Connections are open, else waits for either.
func (t *SMTP) acquire(ctx context.Context) (*conn, error) {
	for {
		select {
		case c := <-t.idle:
			if t.expired(c) {
				t.discard(c, true)
				continue
			}
			return c, nil
		default:
		}
		select {
		case c := <-t.idle:
			if t.expired(c) {
				t.discard(c, true)
				continue
			}
			return c, nil
		case t.slots <- struct{}{}:
			return t.dialInSlot(ctx)
		case <-ctx.Done():
			return nil, temporary(fmt.Errorf("wait for a connection: %w", context.Cause(ctx)))
		case <-t.closing:
			return nil, temporary(ErrClosed)
		}
	}
}

// acquireFresh dials a new connection, closing an idle one for its slot
// if need be: after one pooled connection was found dead, the others
// idling beside it are suspect too.
func (t *SMTP) acquireFresh(ctx context.Context) (*conn, error) {
	select {
	case t.slots <- struct{}{}:
	case c := <-t.idle:
		t.closeConn(c, false) // keep its slot for the new connection
	case <-ctx.Done():
		return nil, temporary(fmt.Errorf("wait for a connection: %w", context.Cause(ctx)))
	case <-t.closing:
		return nil, temporary(ErrClosed)
	}
	return t.dialInSlot(ctx)
}

// dialInSlot dials in a slot already taken, and gives it back on failure.
func (t *SMTP) dialInSlot(ctx context.Context) (*conn, error) {
	c, err := t.dial(ctx)
	if err != nil {
		<-t.slots
		return nil, err
	}
	return c, nil
}

// release puts a healthy connection back, or retires it with QUIT once it
// has carried MaxPerConnection messages or the transport is closing.
func (t *SMTP) release(c *conn) {
	t.mu.Lock()
	closed := t.closed
	t.mu.Unlock()
	if closed || c.sent >= t.cfg.MaxPerConnection {
		t.discard(c, true)
		return
	}
	c.idleSince = time.Now()
	select {
	case t.idle <- c:
	default: // cannot happen while each connection holds a slot; never block on it
		t.discard(c, true)
	}
}

// discard closes c and frees its slot. polite says QUIT first, for
// connections that are still in a known state.
func (t *SMTP) discard(c *conn, polite bool) {
	t.closeConn(c, polite)
	<-t.slots
}

func (t *SMTP) closeConn(c *conn, polite bool) {
	if polite {
		c.setDeadline(min(t.cfg.CommandTimeout, 10*time.Second))
		_ = c.client.Quit()
	}
	_ = c.client.Close()
	_ = c.raw.Close()
	t.log.Debug("smtp connection closed", "addr", t.cfg.Addr, "messages", c.sent, "polite", polite)
}

func (t *SMTP) expired(c *conn) bool {
	return time.Since(c.idleSince) >= t.cfg.IdleTimeout
}

// reapIdle closes connections that have idled for IdleTimeout, so that
// neither side holds sockets open between editions.
func (t *SMTP) reapIdle() {
	defer close(t.reaperDone)
	ticker := time.NewTicker(max(t.cfg.IdleTimeout/2, 10*time.Millisecond))
	defer ticker.Stop()
	for {
		select {
		case <-t.closing:
			return
		case <-ticker.C:
		}
		for range len(t.idle) {
			select {
			case c := <-t.idle:
				if t.expired(c) {
					t.discard(c, true)
				} else {
					t.idle <- c
				}
			default:
			}
		}
	}
}
