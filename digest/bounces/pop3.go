package bounces

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// POP3Security is how a POP3 connection is encrypted.
type POP3Security string

const (
	POP3TLS      POP3Security = "tls"      // TLS from the first byte (port 995)
	POP3STARTTLS POP3Security = "starttls" // plain, upgraded with STLS before login (port 110)
	// POP3Plain sends the password in the clear: refused unless
	// AllowPlaintext is set and the server is on a loopback address.
	POP3Plain POP3Security = "none"
)

// UIDLStore remembers which messages of a POP3 mailbox were read, by
// their unique ids (UIDL), so each is fetched and counted once however
// often the mailbox is read, and forgets them some time after they left
// the server.
type UIDLStore interface {
	// SeenUIDLs returns the remembered ids of the mailbox, each saying
	// whether that message was a report.
	SeenUIDLs(ctx context.Context, mailbox string) (map[string]bool, error)
	RememberUIDL(ctx context.Context, mailbox, uidl string, report bool, at time.Time) error
	// UIDLsGone notes that these remembered ids are no longer on the
	// server (a first time only), and forgets those gone before forget.
	UIDLsGone(ctx context.Context, mailbox string, uidls []string, at, forget time.Time) error
}

// POP3 is a bounce mailbox read over POP3. Messages are left on the
// server unless DeleteProcessed is set, and then only bounces and
// complaints (recorded) are deleted, never anything else: POP3 has no
// folders to file them in. Each message is fetched once; its UIDL is
// remembered in Seen, and forgotten Retention after it left the server.
type POP3 struct {
	Addr     string // host:port
	User     string
	Password string
	Security POP3Security // tls when empty
	// AllowPlaintext lets Security none log in on a loopback address
	// (a test's server, or a local relay); nowhere else.
	AllowPlaintext  bool
	DeleteProcessed bool
	// TLS is the client's TLS configuration; nil verifies the server
	// against the system's roots under the host name of Addr.
	TLS       *tls.Config
	Seen      UIDLStore
	Retention time.Duration // 30 days when zero
	Clock     digest.Clock
	Timeout   time.Duration // each command's; a minute when zero
	Log       *slog.Logger
}

// Key names the mailbox among the remembered UIDLs: its user and host,
// not the port, since pop3s and pop3 with STLS reach the same mailbox.
func (m POP3) Key() string {
	host, _, err := net.SplitHostPort(m.Addr)
	if err != nil {
		host = m.Addr
	}
	return "pop3://" + m.User + "@" + host
}

// Each hands every message not read before to fn, in the server's
// order, and remembers it once fn has taken it without error. With
// DeleteProcessed, reports (of this read or an earlier one) are marked
// deleted; the server deletes them at QUIT, so a read that fails midway
// deletes only what it recorded.
func (m POP3) Each(ctx context.Context, fn func(Message) (bool, error)) (err error) {
	if m.Seen == nil || m.Clock == nil {
		return errors.New("pop3: no store to remember read messages in")
	}
	key := m.Key()
	seen, err := m.Seen.SeenUIDLs(ctx, key)
	if err != nil {
		return fmt.Errorf("pop3 %s: %w", m.Addr, err)
	}
	c, err := m.login(ctx)
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { c.conn.Close() })
	defer stop()
	defer func() {
		if _, qerr := c.cmd("QUIT", "QUIT"); qerr != nil && ctx.Err() == nil {
			err = errors.Join(err, qerr)
		}
		c.conn.Close()
	}()
	msgs, err := c.list()
	if err != nil {
		return err
	}
	if err := m.forgetGone(ctx, key, seen, msgs); err != nil {
		return err
	}
	deleted := 0
	defer func() {
		if deleted > 0 && m.Log != nil {
			m.Log.Info("pop3 bounce mailbox: reports marked for deletion", "mailbox", key, "deleted", deleted)
		}
	}()
	for _, msg := range msgs {
		if err := ctx.Err(); err != nil {
			return err
		}
		report, known := seen[msg.uidl]
		if !known {
			if report, err = m.read(ctx, c, msg, fn); err != nil {
				return err
			}
		}
		if report && m.DeleteProcessed {
			if _, err := c.cmd("DELE", fmt.Sprintf("DELE %d", msg.num)); err != nil {
				return err
			}
			deleted++
		}
	}
	return nil
}

// read fetches one message, hands it to fn and remembers it. A message
// too big to be a bounce is remembered unread, and left alone.
func (m POP3) read(ctx context.Context, c *pop3Conn, msg listing, fn func(Message) (bool, error)) (bool, error) {
	report := false
	if msg.size <= maxMessage {
		if _, err := c.cmd("RETR", fmt.Sprintf("RETR %d", msg.num)); err != nil {
			return false, err
		}
		raw, tooBig, err := c.body(maxMessage)
		if err != nil {
			return false, err
		}
		if !tooBig {
			if report, err = fn(Message{Name: "uidl " + msg.uidl, Raw: raw}); err != nil {
				return false, err
			}
		}
	}
	if err := m.Seen.RememberUIDL(ctx, m.Key(), msg.uidl, report, m.Clock.Now()); err != nil {
		return false, fmt.Errorf("pop3 uidl %s: %w", msg.uidl, err)
	}
	return report, nil
}

// forgetGone notes which remembered messages left the server and
// forgets them after the retention: their ids are not to be reused, so
// remembering them longer only costs rows.
func (m POP3) forgetGone(ctx context.Context, key string, seen map[string]bool, msgs []listing) error {
	on := make(map[string]bool, len(msgs))
	for _, msg := range msgs {
		on[msg.uidl] = true
	}
	var gone []string
	for uidl := range seen {
		if !on[uidl] {
			gone = append(gone, uidl)
		}
	}
	retention := m.Retention
	if retention <= 0 {
		retention = 30 * 24 * time.Hour
	}
	now := m.Clock.Now()
	if err := m.Seen.UIDLsGone(ctx, key, gone, now, now.Add(-retention)); err != nil {
		return fmt.Errorf("pop3 %s: %w", m.Addr, err)
	}
	return nil
}

// login connects, encrypts as configured and logs in. The password is
// sent only over TLS, or in the clear to a loopback address when that
// was allowed in so many words.
func (m POP3) login(ctx context.Context) (*pop3Conn, error) {
	timeout := m.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	host, _, err := net.SplitHostPort(m.Addr)
	if err != nil {
		return nil, fmt.Errorf("pop3 address %q: %w", m.Addr, err)
	}
	sec := m.Security
	if sec == "" {
		sec = POP3TLS
	}
	if sec == POP3Plain {
		if ip := net.ParseIP(host); !m.AllowPlaintext || ip == nil || !ip.IsLoopback() {
			return nil, fmt.Errorf("pop3 %s: refusing to send the password unencrypted; use tls or starttls (none is for a loopback address only)", m.Addr)
		}
	}
	cfg := m.TLS
	if cfg == nil {
		cfg = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	}
	d := &net.Dialer{Timeout: timeout}
	var conn net.Conn
	if sec == POP3TLS {
		conn, err = (&tls.Dialer{NetDialer: d, Config: cfg}).DialContext(ctx, "tcp", m.Addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", m.Addr)
	}
	if err != nil {
		return nil, fmt.Errorf("pop3 dial: %w", err)
	}
	c := newPOP3Conn(conn, timeout, sec == POP3TLS)
	err = c.greeting()
	if err == nil && sec == POP3STARTTLS {
		err = c.startTLS(cfg)
	}
	if err == nil {
		_, err = c.cmd("USER", "USER "+m.User)
	}
	if err == nil {
		_, err = c.cmd("PASS", "PASS "+m.Password)
	}
	if err != nil {
		conn.Close()
		return nil, err
	}
	return c, nil
}
