package smtptest

import (
	"crypto/tls"
	"errors"
	"io"
	"net"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

var errAuthRequired = &smtp.SMTPError{
	Code:         530,
	EnhancedCode: smtp.EnhancedCode{5, 7, 0},
	Message:      "Authentication required",
}

// errNestedMail refuses MAIL inside an open transaction, as RFC 5321
// wants, so a client that forgets RSET after a refused recipient fails.
var errNestedMail = &smtp.SMTPError{
	Code:         503,
	EnhancedCode: smtp.EnhancedCode{5, 5, 1},
	Message:      "Nested MAIL command",
}

// errDropped is what the backend tells go-smtp after it cut a connection
// on purpose; the client never sees it because the connection is gone.
var errDropped = errors.New("smtptest: connection dropped on purpose")

type backend struct {
	server *Server
}

func (b *backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{server: b.server, conn: c}, nil
}

// session is one SMTP session. go-smtp starts a fresh one after STARTTLS,
// so authentication and the envelope never leak across the upgrade.
type session struct {
	server *Server
	conn   *smtp.Conn
	authed bool
	// inTransaction is set by MAIL and cleared by RSET, by a new EHLO
	// and after DATA; go-smtp itself would accept a second MAIL.
	inTransaction bool
	from          string
	to            []string
}

var _ smtp.AuthSession = (*session)(nil)

func (sess *session) AuthMechanisms() []string {
	if sess.server.opts.Auth == nil {
		return nil
	}
	return []string{sasl.Plain}
}

func (sess *session) Auth(mech string) (sasl.Server, error) {
	if sess.server.opts.Auth == nil || mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		sess.server.countAuth()
		want, ok := sess.server.opts.Auth[username]
		if !ok || want != password || (identity != "" && identity != username) {
			return smtp.ErrAuthFailed
		}
		sess.authed = true
		return nil
	}), nil
}

func (sess *session) Mail(from string, _ *smtp.MailOptions) error {
	sess.server.countMail()
	if sess.server.opts.Auth != nil && !sess.authed {
		return errAuthRequired
	}
	if sess.inTransaction {
		return errNestedMail
	}
	sess.inTransaction = true
	sess.from = from
	sess.to = nil
	return nil
}

func (sess *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if reply := sess.server.opts.RcptReply; reply != nil {
		if err := reply(to); err != nil {
			return err
		}
	}
	sess.to = append(sess.to, to)
	return nil
}

func (sess *session) Data(r io.Reader) error {
	n := sess.server.countData()
	opts := sess.server.opts
	if opts.DropInData[n] {
		// Read a little so the client is surely in the middle of sending,
		// then cut the wire as a crash would: no TLS close_notify, no reply.
		_, _ = r.Read(make([]byte, 16))
		_ = rawConn(sess.conn.Conn()).Close()
		return errDropped
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if opts.StallData[n] {
		// Nothing more is expected from the client: wait for it (or the
		// server's shutdown) to close the connection.
		_, _ = io.Copy(io.Discard, sess.conn.Conn())
		return errDropped
	}
	if reply := opts.DataReply[n]; reply != nil {
		return reply
	}
	if opts.DataDelay > 0 {
		time.Sleep(opts.DataDelay)
	}
	_, isTLS := sess.conn.TLSConnectionState()
	sess.server.store(Received{From: sess.from, To: sess.to, Data: data, TLS: isTLS, Helo: sess.conn.Hostname()})
	if opts.LoseDataReply[n] {
		_ = rawConn(sess.conn.Conn()).Close()
		return errDropped
	}
	return nil
}

func (sess *session) Reset() {
	sess.inTransaction = false
	sess.from = ""
	sess.to = nil
}

func (sess *session) Logout() error { return nil }

// rawConn digs the TCP connection out from under TLS.
func rawConn(c net.Conn) net.Conn {
	if tc, ok := c.(*tls.Conn); ok {
		return tc.NetConn()
	}
	return c
}
