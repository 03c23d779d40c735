// Package smtptest runs a real SMTP server on the loopback interface for
// tests, the way net/http/httptest runs an HTTP one. It is built on
// github.com/emersion/go-smtp's server, so clients speak to a real
// protocol implementation over real TCP, and it can misbehave on purpose:
// refuse a recipient, answer 4xx to the Nth DATA, drop the connection in
// the middle of a message, store a message and then lose the reply, or
// never greet at all.
//
// Everything the server sees is recorded and safe to read from any
// goroutine: the messages it stored, how many MAIL and AUTH commands
// arrived, how many connections were opened and how many were open at
// the same time.
package smtptest

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"log"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Options choose what the server offers and which faults it injects. The
// zero value is a plain server that accepts everything without TLS or
// authentication.
type Options struct {
	// TLS offers STARTTLS with a self-signed certificate; see
	// Server.ClientTLSConfig.
	TLS bool
	// ImplicitTLS makes the whole connection TLS from the first byte.
	ImplicitTLS bool
	// Auth maps user names to passwords. When set, AUTH PLAIN is offered
	// and MAIL is refused with 530 until the client has authenticated.
	// AUTH is offered only after TLS when TLS or ImplicitTLS is set, and
	// on the plain connection otherwise.
	Auth map[string]string
	// NoGreeting accepts TCP connections but never sends the 220 greeting
	// nor reads a command.
	NoGreeting bool
	// ReadTimeout makes the server close a connection with 421 when no
	// command arrives within this long, as real servers do with idle
	// clients. Zero means never.
	ReadTimeout time.Duration

	// DataDelay holds each message this long before storing and
	// answering it, as a busy relay does, so a test can stop a client in
	// the middle of a run.
	DataDelay time.Duration

	// The faults below count DATA commands across the whole server,
	// from 1, in the order the server received them.

	// DataReply answers the Nth DATA with this error instead of 250 after
	// reading the whole message, and stores nothing.
	DataReply map[int]*smtp.SMTPError
	// RcptReply, when it returns an error, refuses that recipient with it.
	RcptReply func(rcpt string) *smtp.SMTPError
	// DropInData closes the connection after reading only the start of
	// the Nth message; nothing is stored and no reply is sent. It wins
	// over the other faults for the same N.
	DropInData map[int]bool
	// LoseDataReply stores the Nth message and then closes the connection
	// without replying, so the client cannot know it was accepted.
	LoseDataReply map[int]bool
	// StallData reads the whole Nth message, stores nothing and never
	// replies, holding the connection until the client hangs up: a relay
	// that hangs, for testing a client's timeouts and cancellation.
	StallData map[int]bool
}

// Received is one message the server accepted.
type Received struct {
	From string   // MAIL FROM
	To   []string // RCPT TO, in order
	Data []byte   // the message exactly as received, dot-unstuffed
	TLS  bool     // the connection was encrypted when DATA arrived
	Helo string   // the name the client gave in EHLO
}

// Server is a running test server. Addr is host:port on 127.0.0.1.
type Server struct {
	Addr string

	opts      Options
	clientTLS *tls.Config
	listener  net.Listener
	smtp      *smtp.Server
	done      chan struct{} // closed when the accept loop has returned
	closeOnce sync.Once
	handlers  sync.WaitGroup // connections held open by NoGreeting

	mu         sync.Mutex
	closed     bool
	messages   []Received
	dataSeen   int
	mails      int
	auths      int
	open       map[*trackedConn]struct{}
	accepted   int
	concurrent int
}

// NewServer starts a server on 127.0.0.1:0 and stops it when the test
// ends. It fails the test if the server cannot start.
func NewServer(t testing.TB, opts Options) *Server {
	t.Helper()
	s := &Server{opts: opts, done: make(chan struct{}), open: map[*trackedConn]struct{}{}}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("smtptest: listen: %v", err)
	}
	s.Addr = ln.Addr().String()
	s.listener = &trackedListener{Listener: ln, server: s}

	var serverTLS *tls.Config
	if opts.TLS || opts.ImplicitTLS {
		cert, roots, err := selfSigned()
		if err != nil {
			ln.Close()
			t.Fatalf("smtptest: %v", err)
		}
		serverTLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		s.clientTLS = &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
	}

	t.Cleanup(func() {
		if err := s.shutdown(); err != nil {
			t.Errorf("smtptest: shutdown: %v", err)
		}
	})

	if opts.NoGreeting {
		go s.serveSilently()
		return s
	}

	s.smtp = smtp.NewServer(&backend{server: s})
	s.smtp.Domain = "smtptest.invalid"
	s.smtp.ErrorLog = log.New(io.Discard, "", 0)
	s.smtp.ReadTimeout = opts.ReadTimeout
	s.smtp.AllowInsecureAuth = serverTLS == nil
	listener := s.listener
	switch {
	case opts.ImplicitTLS:
		listener = tls.NewListener(s.listener, serverTLS)
	case opts.TLS:
		s.smtp.TLSConfig = serverTLS
	}
	go func() {
		defer close(s.done)
		_ = s.smtp.Serve(listener)
	}()
	return s
}

// ClientTLSConfig trusts this server's certificate and nothing else. It is
// nil when the server offers no TLS. ServerName is left empty so that a
// client fills it in from the address it dials, as a real one must; set it
// to "127.0.0.1" for clients that do not.
func (s *Server) ClientTLSConfig() *tls.Config {
	if s.clientTLS == nil {
		return nil
	}
	return s.clientTLS.Clone()
}

// Messages returns copies of the stored messages in arrival order.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Received, len(s.messages))
	for i, m := range s.messages {
		out[i] = Received{From: m.From, To: slices.Clone(m.To), Data: bytes.Clone(m.Data), TLS: m.TLS, Helo: m.Helo}
	}
	return out
}

// Count reports how many stored messages were addressed to rcpt.
func (s *Server) Count(rcpt string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, m := range s.messages {
		if slices.Contains(m.To, rcpt) {
			n++
		}
	}
	return n
}

// MailCommands counts MAIL commands received, refused ones included: zero
// proves a client never began a transaction.
func (s *Server) MailCommands() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mails
}

// AuthAttempts counts AUTH PLAIN exchanges that reached a password check,
// successful or not: zero proves a client never sent its credentials.
func (s *Server) AuthAttempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.auths
}

// Connections counts TCP connections accepted since the server started.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.accepted
}

// OpenConnections counts connections the server has not closed yet.
func (s *Server) OpenConnections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.open)
}

// MaxConcurrent is the largest number of connections that were open at
// once. A connection counts until the server closes its side, which can
// be a moment after the client has hung up.
func (s *Server) MaxConcurrent() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.concurrent
}

// Close stops the server and closes every connection. NewServer arranges
// for it to run when the test ends; calling it earlier simulates a server
// that went away.
func (s *Server) Close() {
	_ = s.shutdown()
}

func (s *Server) shutdown() error {
	var err error
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		conns := make([]*trackedConn, 0, len(s.open))
		for c := range s.open {
			conns = append(conns, c)
		}
		s.mu.Unlock()

		_ = s.listener.Close()
		for _, c := range conns {
			_ = c.Close()
		}
		if s.smtp != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if shutdownErr := s.smtp.Shutdown(ctx); shutdownErr == context.DeadlineExceeded {
				err = shutdownErr
			}
		}
		<-s.done
		s.handlers.Wait()
	})
	return err
}

// serveSilently holds connections open without a word, like a server
// that is overloaded or a firewall that swallows packets.
func (s *Server) serveSilently() {
	defer close(s.done)
	for {
		conn, err := s.listener.Accept()
		if err != nil {
			return
		}
		s.handlers.Add(1)
		go func() {
			defer s.handlers.Done()
			_, _ = io.Copy(io.Discard, conn)
			_ = conn.Close()
		}()
	}
}

func (s *Server) store(m Received) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages = append(s.messages, m)
}

func (s *Server) countData() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dataSeen++
	return s.dataSeen
}

func (s *Server) countMail() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mails++
}

func (s *Server) countAuth() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.auths++
}
