package bounces

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// pop3Conn speaks POP3 (RFC 1939) and STLS (RFC 2595) over one
// connection. It is written here over bufio rather than taken from a
// library: the module proxy offers no POP3 client that is both kept up
// and does STLS, the protocol is a handful of line commands, and a
// message must come back byte for byte (CRLF and all, as IMAP hands it
// over) so that the same message read either way has one source key;
// net/textproto's dot reader turns CRLF into LF.
type pop3Conn struct {
	conn    net.Conn
	r       *bufio.Reader
	timeout time.Duration
	tls     bool // the connection is encrypted
}

// errPOP3 is a -ERR answer: the server refused a command.
var errPOP3 = errors.New("pop3 server refused")

func newPOP3Conn(conn net.Conn, timeout time.Duration, encrypted bool) *pop3Conn {
	return &pop3Conn{conn: conn, r: bufio.NewReaderSize(conn, 32<<10), timeout: timeout, tls: encrypted}
}

// greeting reads the server's first line.
func (c *pop3Conn) greeting() error {
	c.conn.SetDeadline(time.Now().Add(c.timeout))
	_, err := c.status("greeting")
	return err
}

// cmd sends one command and reads its status line. verb names it in
// errors: never the arguments, which may be the password.
func (c *pop3Conn) cmd(verb, line string) (string, error) {
	c.conn.SetDeadline(time.Now().Add(c.timeout))
	if _, err := io.WriteString(c.conn, line+"\r\n"); err != nil {
		return "", fmt.Errorf("pop3 %s: %w", verb, err)
	}
	return c.status(verb)
}

func (c *pop3Conn) status(verb string) (string, error) {
	line, err := c.line()
	if err != nil {
		return "", fmt.Errorf("pop3 %s: %w", verb, err)
	}
	switch {
	case strings.HasPrefix(line, "+OK"):
		return strings.TrimSpace(line[3:]), nil
	case strings.HasPrefix(line, "-ERR"):
		return "", fmt.Errorf("pop3 %s: %w: %s", verb, errPOP3, clip(strings.TrimSpace(line[4:])))
	}
	return "", fmt.Errorf("pop3 %s: unexpected answer %q", verb, clip(line))
}

// maxLine bounds one line a server sends; RFC 1939 allows 512 octets.
const maxLine = 8 << 10

func (c *pop3Conn) line() (string, error) {
	var b []byte
	for {
		chunk, err := c.r.ReadSlice('\n')
		b = append(b, chunk...)
		if len(b) > maxLine {
			return "", errors.New("line too long")
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return "", err
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	}
}

// lines reads a multi-line answer's lines, up to the lone dot.
func (c *pop3Conn) lines(verb string) ([]string, error) {
	var out []string
	for {
		c.conn.SetDeadline(time.Now().Add(c.timeout))
		l, err := c.line()
		if err != nil {
			return nil, fmt.Errorf("pop3 %s: %w", verb, err)
		}
		if l == "." {
			return out, nil
		}
		out = append(out, strings.TrimPrefix(l, "."))
	}
}

// body reads a multi-line answer as the message's bytes, undoing the
// dot-stuffing and keeping line ends as sent. Past limit it reads on to
// the end but keeps nothing, and says so.
func (c *pop3Conn) body(limit int) (raw []byte, tooBig bool, err error) {
	var b bytes.Buffer
	atStart := true
	for {
		c.conn.SetDeadline(time.Now().Add(c.timeout))
		l, err := c.r.ReadSlice('\n')
		if err != nil && err != bufio.ErrBufferFull {
			return nil, false, fmt.Errorf("pop3 RETR: %w", err)
		}
		if atStart && (bytes.Equal(l, []byte(".\r\n")) || bytes.Equal(l, []byte(".\n"))) {
			if tooBig {
				return nil, true, nil
			}
			return b.Bytes(), false, nil
		}
		if atStart {
			l = bytes.TrimPrefix(l, []byte("."))
		}
		atStart = err == nil
		if b.Len()+len(l) > limit {
			tooBig = true
			b.Reset()
		}
		if !tooBig {
			b.Write(l)
		}
	}
}

// startTLS upgrades the connection with STLS.
func (c *pop3Conn) startTLS(cfg *tls.Config) error {
	if _, err := c.cmd("STLS", "STLS"); err != nil {
		return err
	}
	tc := tls.Client(c.conn, cfg)
	c.conn.SetDeadline(time.Now().Add(c.timeout))
	if err := tc.Handshake(); err != nil {
		return fmt.Errorf("pop3 STLS handshake: %w", err)
	}
	c.conn, c.r, c.tls = tc, bufio.NewReaderSize(tc, 32<<10), true
	return nil
}

// listing is one message of a UIDL answer, with its size from LIST.
type listing struct {
	num  int
	uidl string
	size int
}

// list pairs each message's number with its unique id and size.
func (c *pop3Conn) list() ([]listing, error) {
	if _, err := c.cmd("UIDL", "UIDL"); err != nil {
		return nil, err
	}
	uidls, err := c.lines("UIDL")
	if err != nil {
		return nil, err
	}
	if _, err := c.cmd("LIST", "LIST"); err != nil {
		return nil, err
	}
	sizes, err := c.lines("LIST")
	if err != nil {
		return nil, err
	}
	size := map[int]int{}
	for _, l := range sizes {
		var n, s int
		if _, err := fmt.Sscan(l, &n, &s); err == nil {
			size[n] = s
		}
	}
	out := make([]listing, 0, len(uidls))
	for _, l := range uidls {
		f := strings.Fields(l)
		n, err := strconv.Atoi(firstOr(f))
		if err != nil || len(f) != 2 {
			return nil, fmt.Errorf("pop3 UIDL: unreadable line %q", clip(l))
		}
		out = append(out, listing{num: n, uidl: f[1], size: size[n]})
	}
	return out, nil
}

func firstOr(f []string) string {
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// clip keeps a server's words short in an error.
func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
