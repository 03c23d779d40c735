package transport

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// conn is one pooled SMTP connection. raw is the TCP connection under
// any TLS, kept to set deadlines on and to cut the wire on cancellation.
type conn struct {
	raw       net.Conn
	client    *smtp.Client
	session   session
	sent      int       // transactions begun on this connection
	idleSince time.Time // when it was last put back in the pool
	buf       []byte    // the last message as written, reused for the next
}

// setDeadline bounds the next command; TLS deadlines pass through to raw.
func (c *conn) setDeadline(d time.Duration) {
	_ = c.raw.SetDeadline(time.Now().Add(d))
}

// dial opens a ready connection: connected, greeted, encrypted as the
// configuration demands and authenticated, all within DialTimeout.
func (t *SMTP) dial(ctx context.Context) (*conn, error) {
	dialCtx, cancel := context.WithTimeout(ctx, t.cfg.DialTimeout)
	defer cancel()

	var dialer net.Dialer
	raw, err := dialer.DialContext(dialCtx, "tcp", t.cfg.Addr)
	if err != nil {
		return nil, t.dialFailure(ctx, dialCtx, "connect", err)
	}
	deadline, _ := dialCtx.Deadline()
	_ = raw.SetDeadline(deadline)
	// The deadline bounds each read and write; cutting the wire also
	// covers the parent context being cancelled.
	stop := context.AfterFunc(dialCtx, func() { _ = raw.Close() })

	client, step, err := t.handshake(dialCtx, raw)
	if !stop() && err == nil {
		client.Close()
		err = net.ErrClosed
	}
	if err != nil {
		_ = raw.Close()
		return nil, t.dialFailure(ctx, dialCtx, step, err)
	}
	_ = raw.SetDeadline(time.Time{})
	t.log.Debug("smtp connection opened", "addr", t.cfg.Addr, "tls", string(t.cfg.TLS))
	return &conn{raw: raw, client: client, session: sessionOf(client)}, nil
}

// handshake runs everything before the first MAIL FROM and names the step
// that failed.
func (t *SMTP) handshake(ctx context.Context, raw net.Conn) (*smtp.Client, string, error) {
	var nc net.Conn = raw
	if t.cfg.TLS == TLSImplicit {
		tc := tls.Client(raw, t.cfg.TLSConfig)
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, "tls handshake", err
		}
		nc = tc
	}
	client, err := smtp.NewClient(nc, t.cfg.TLSConfig.ServerName)
	if err != nil {
		return nil, "greeting", err
	}
	fail := func(step string, err error) (*smtp.Client, string, error) {
		client.Close()
		return nil, step, err
	}
	if err := client.Hello(t.cfg.HeloName); err != nil {
		return fail("ehlo", err)
	}
	if t.cfg.TLS == TLSStartTLS {
		if ok, _ := client.Extension("STARTTLS"); !ok {
			return fail("starttls", permanent(ErrTLSUnavailable))
		}
		if err := client.StartTLS(t.cfg.TLSConfig); err != nil {
			return fail("starttls", err)
		}
	}
	if t.cfg.Username != "" {
		auth := &plainAuth{username: t.cfg.Username, password: t.cfg.Password, allowPlaintext: t.cfg.TLS == TLSOff}
		if err := client.Auth(auth); err != nil {
			return fail("auth", err)
		}
	}
	return client, "", nil
}

// dialFailure explains a failed dial. A timeout of the dial budget is
// named as such rather than as the "use of closed connection" it shows up
// as once the wire is cut.
//
// A permanent failure before the first MAIL FROM concerns the connection,
// not the message, so it is Fatal: every other message would fail the
// same way.
func (t *SMTP) dialFailure(ctx, dialCtx context.Context, step string, err error) *digest.SendError {
	se := t.classifyDial(ctx, dialCtx, step, err)
	if !se.Temporary {
		se.Fatal = true
	}
	return se
}

func (t *SMTP) classifyDial(ctx, dialCtx context.Context, step string, err error) *digest.SendError {
	var sendErr *digest.SendError
	if errors.As(err, &sendErr) {
		return sendErr
	}
	var netErr net.Error
	timedOut := errors.Is(dialCtx.Err(), context.DeadlineExceeded) || (errors.As(err, &netErr) && netErr.Timeout())
	if ctx.Err() == nil && timedOut && replyCode(err) == 0 {
		return temporary(fmt.Errorf("%s %s: not ready within the dial timeout of %s: %w", step, t.cfg.Addr, t.cfg.DialTimeout, err))
	}
	if (step == "tls handshake" || step == "starttls") && ctx.Err() == nil && replyCode(err) == 0 {
		// A server that could not agree on TLS with us will not on the
		// next message either: retrying per message is a storm.
		return permanent(fmt.Errorf("%s %s: %w", step, t.cfg.Addr, err))
	}
	return failure(ctx, step+" "+t.cfg.Addr, err)
}

// plainAuth is AUTH PLAIN that will not send the password over a plain
// connection unless TLS was switched off on purpose. net/smtp's own
// PlainAuth decides by host name instead.
type plainAuth struct {
	username, password string
	allowPlaintext     bool
}

func (a *plainAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	if !server.TLS && !a.allowPlaintext {
		return "", nil, permanent(errors.New("refusing to send credentials over an unencrypted connection"))
	}
	offered := false
	for _, mech := range server.Auth {
		offered = offered || strings.EqualFold(mech, "PLAIN")
	}
	if !offered {
		return "", nil, permanent(ErrAuthUnavailable)
	}
	return "PLAIN", []byte("\x00" + a.username + "\x00" + a.password), nil
}

func (a *plainAuth) Next(_ []byte, more bool) ([]byte, error) {
	if more {
		return nil, permanent(errors.New("unexpected challenge during AUTH PLAIN"))
	}
	return nil, nil
}
