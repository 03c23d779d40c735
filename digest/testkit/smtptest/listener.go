package smtptest

import (
	"net"
	"sync"
)

// trackedListener records every connection it hands out, so the server
// can count them and close them all on shutdown.
type trackedListener struct {
	net.Listener
	server *Server
}

func (l *trackedListener) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	tc := &trackedConn{Conn: conn, server: l.server}
	if !l.server.track(tc) {
		_ = conn.Close()
		return nil, net.ErrClosed
	}
	return tc, nil
}

// trackedConn leaves the open set the first time it is closed, by
// whichever layer closes it.
type trackedConn struct {
	net.Conn
	server *Server
	once   sync.Once
}

func (c *trackedConn) Close() error {
	c.once.Do(func() { c.server.untrack(c) })
	return c.Conn.Close()
}

func (s *Server) track(c *trackedConn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.open[c] = struct{}{}
	s.accepted++
	s.concurrent = max(s.concurrent, len(s.open))
	return true
}

func (s *Server) untrack(c *trackedConn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.open, c)
}
