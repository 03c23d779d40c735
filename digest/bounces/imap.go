package bounces

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-imap"
	"github.com/emersion/go-imap/client"
)

// IMAP is a bounce mailbox on an IMAP server, reached over TLS from the
// first byte (port 993): the password never crosses the network in the
// clear. Each bounce or complaint, once recorded, is moved to Processed,
// where editors can still read it; every other message (a person's mail,
// an auto-reply) is left where it was, unread flag and all. Nothing is
// ever deleted: without the MOVE extension (RFC 6851), whose fallback
// would expunge whatever else is marked deleted, reports stay in the
// folder too, and count once because their source key is kept.
type IMAP struct {
	Addr      string // host:port
	User      string
	Password  string
	Folder    string // read; INBOX when empty
	Processed string // reports go here; created when missing
	// TLS is the client's TLS configuration; nil verifies the server
	// against the system's roots under the host name of Addr.
	TLS     *tls.Config
	Timeout time.Duration // each command's; a minute when zero
	Log     *slog.Logger
}

// fetchBatch is how many messages are fetched at once: few enough that
// a batch of quoted originals stays small in memory.
const fetchBatch = 32

// Each hands every message of the folder to fn, oldest first, fetched
// with BODY.PEEK so reading marks nothing seen, and then moves the
// reports fn named to the Processed folder, also when fn stopped early:
// they are recorded.
func (m IMAP) Each(ctx context.Context, fn func(Message) (bool, error)) (err error) {
	c, err := m.dial(ctx)
	if err != nil {
		return err
	}
	defer c.Logout()
	stop := context.AfterFunc(ctx, func() { c.Terminate() })
	defer stop()
	if err := c.Login(m.User, m.Password); err != nil {
		return fmt.Errorf("imap login: %w", err)
	}
	folder := m.folder()
	status, err := c.Select(folder, false)
	if err != nil {
		return fmt.Errorf("imap select %s: %w", folder, err)
	}
	if status.Messages == 0 {
		return nil
	}
	uids, err := c.UidSearch(imap.NewSearchCriteria())
	if err != nil {
		return fmt.Errorf("imap search: %w", err)
	}
	reports := new(imap.SeqSet)
	defer func() {
		if reports.Empty() {
			return
		}
		err = errors.Join(err, m.file(c, reports))
	}()
	for start := 0; start < len(uids); start += fetchBatch {
		msgs, err := fetch(c, uids[start:min(start+fetchBatch, len(uids))])
		if err != nil {
			return err
		}
		for _, msg := range msgs {
			report, err := fn(msg.Message)
			if report {
				reports.AddNum(msg.uid)
			}
			if err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

func (m IMAP) folder() string {
	if m.Folder == "" {
		return "INBOX"
	}
	return m.Folder
}

func (m IMAP) dial(ctx context.Context) (*client.Client, error) {
	timeout := m.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	cfg := m.TLS
	if cfg == nil {
		host, _, err := net.SplitHostPort(m.Addr)
		if err != nil {
			return nil, fmt.Errorf("imap address %q: %w", m.Addr, err)
		}
		cfg = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	}
	d := &tls.Dialer{NetDialer: &net.Dialer{Timeout: timeout}, Config: cfg}
	conn, err := d.DialContext(ctx, "tcp", m.Addr)
	if err != nil {
		return nil, fmt.Errorf("imap dial: %w", err)
	}
	c, err := client.New(conn)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("imap greeting: %w", err)
	}
	c.Timeout = timeout
	return c, nil
}

// fetched is a message and its UID.
type fetched struct {
	Message
	uid uint32
}

// fetch reads one batch whole before it is processed: go-imap runs one
// command at a time, and processing may take a while.
func fetch(c *client.Client, uids []uint32) ([]fetched, error) {
	set := new(imap.SeqSet)
	set.AddNum(uids...)
	section := &imap.BodySectionName{Peek: true}
	ch := make(chan *imap.Message, len(uids))
	done := make(chan error, 1)
	go func() {
		done <- c.UidFetch(set, []imap.FetchItem{imap.FetchUid, imap.FetchRFC822Size, section.FetchItem()}, ch)
	}()
	var out []fetched
	for msg := range ch {
		if msg.Size > maxMessage {
			continue // too big to be a bounce; left alone
		}
		body := msg.GetBody(section)
		if body == nil {
			continue
		}
		raw, err := io.ReadAll(body)
		if err != nil {
			return nil, fmt.Errorf("imap fetch uid %d: %w", msg.Uid, err)
		}
		out = append(out, fetched{Message: Message{Name: fmt.Sprintf("uid %d", msg.Uid), Raw: raw}, uid: msg.Uid})
	}
	if err := <-done; err != nil {
		return nil, fmt.Errorf("imap fetch: %w", err)
	}
	return out, nil
}

// file moves the reports to the Processed folder, by MOVE only.
func (m IMAP) file(c *client.Client, reports *imap.SeqSet) error {
	if m.Processed == "" {
		return nil
	}
	if ok, err := c.Support("MOVE"); err != nil || !ok {
		if m.Log != nil {
			m.Log.Warn("imap server offers no MOVE: reports stay in the folder (counted once all the same)", "folder", m.folder())
		}
		return err
	}
	if err := c.Create(m.Processed); err != nil && !strings.Contains(strings.ToLower(err.Error()), "exist") {
		return fmt.Errorf("imap create %s: %w", m.Processed, err)
	}
	if err := c.UidMove(reports, m.Processed); err != nil {
		return fmt.Errorf("imap move to %s: %w", m.Processed, err)
	}
	return nil
}
