package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/textproto"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// SMTP delivers through one relay over a bounded pool of connections. It
// is safe for concurrent use; see the package documentation for what a
// Send promises.
type SMTP struct {
	cfg     SMTPConfig
	log     *slog.Logger
	limiter *limiter // nil when the rate is not capped

	// slots holds one token per open connection, idle or busy, so there
	// are never more than cfg.Connections. idle holds the connections
	// waiting for a message; it never fills up, because each connection
	// in it also holds a slot.
	slots chan struct{}
	idle  chan *conn

	closing    chan struct{} // closed by Close: waiters give up
	reaperDone chan struct{} // closed when reapIdle has returned
	mu         sync.Mutex
	closed     bool
	inflight   sync.WaitGroup
	closeOnce  sync.Once
}

var _ digest.Transport = (*SMTP)(nil)

// NewSMTP checks cfg and returns a transport. It does not connect: the
// first Send does. log may be nil.
func NewSMTP(cfg SMTPConfig, log *slog.Logger) (*SMTP, error) {
	cfg, err := cfg.checked()
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	t := &SMTP{
		cfg:        cfg,
		log:        log,
		slots:      make(chan struct{}, cfg.Connections),
		idle:       make(chan *conn, cfg.Connections),
		closing:    make(chan struct{}),
		reaperDone: make(chan struct{}),
	}
	if cfg.RatePerSecond > 0 {
		t.limiter = newLimiter(cfg.RatePerSecond, time.Now)
	}
	go t.reapIdle()
	return t, nil
}

// Send makes one attempt to deliver msg and returns nil only when the
// server accepted it with 250. Failures are *digest.SendError. msg.Data
// goes out as is, dot-stuffed; it should use CRLF line endings, since a
// bare LF is sent as CRLF and a missing final CRLF is added.
func (t *SMTP) Send(ctx context.Context, msg *digest.Message) error {
	if err := validate(msg); err != nil {
		return err
	}
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return temporary(ErrClosed)
	}
	t.inflight.Add(1)
	t.mu.Unlock()
	defer t.inflight.Done()

	if err := t.waitTurn(ctx); err != nil {
		return err
	}
	c, err := t.acquire(ctx)
	if err != nil {
		return err
	}
	reused := c.sent > 0
	step, cut, err := t.transact(ctx, c, msg)
	if err == nil || cut || !reused || step != stepMail || !deadOnArrival(ctx, err) {
		return t.finish(ctx, c, step, cut, err)
	}

	// The pooled connection had died while idle, and nothing of this
	// message was sent: try once on a fresh one.
	t.log.Debug("smtp pooled connection was dead, redialling", "addr", t.cfg.Addr, "error", err.Error())
	t.discard(c, false)
	c, err = t.acquireFresh(ctx)
	if err != nil {
		return err
	}
	step, cut, err = t.transact(ctx, c, msg)
	return t.finish(ctx, c, step, cut, err)
}

const (
	stepMail = "mail from"
	stepRcpt = "rcpt to"
	stepData = "data"
)

// transact runs one mail transaction and names the step that failed. If
// ctx ends meanwhile, the connection is cut so that no read or write can
// outlive it; cut reports that it was.
func (t *SMTP) transact(ctx context.Context, c *conn, msg *digest.Message) (step string, cut bool, err error) {
	c.sent++
	stop := context.AfterFunc(ctx, func() { _ = c.raw.Close() })
	defer func() { cut = !stop() }()

	if step, err := t.envelope(c, msg); err != nil {
		return step, false, err
	}
	// net/smtp's DATA writer stuffs dots a byte at a time through a small
	// buffer; the whole message, stuffed at once into the connection's
	// buffer and written in one go, costs a fraction of that at tens of
	// thousands of messages.
	c.setDeadline(t.cfg.CommandTimeout)
	c.buf = appendDotStuffed(c.buf[:0], msg.Data)
	text := c.client.Text
	if _, err := text.W.Write(c.buf); err != nil {
		return stepData, false, err
	}
	if err := text.W.Flush(); err != nil {
		return stepData, false, err
	}
	_, _, err = text.ReadResponse(250)
	return stepData, false, err
}

// command sends one command and reads its reply, as net/smtp does.
func command(text *textproto.Conn, expect int, cmd string) error {
	id, err := text.Cmd("%s", cmd)
	if err != nil {
		return err
	}
	text.StartResponse(id)
	defer text.EndResponse(id)
	_, _, err = text.ReadResponse(expect)
	return err
}

// appendDotStuffed appends a message encoded for DATA (RFC 5321 section
// 4.5.2) to out: CRLF line ends (a bare LF becomes CRLF), a dot doubled
// at the start of a line, and the closing "." line.
func appendDotStuffed(out, data []byte) []byte {
	if len(data) == 0 {
		return append(out, "\r\n.\r\n"...) // an empty line, as net/textproto sends
	}
	out = slices.Grow(out, len(data)+len(data)/64+8)
	for len(data) > 0 {
		line := data
		rest := []byte(nil)
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, rest = data[:i], data[i+1:]
		}
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) > 0 && line[0] == '.' {
			out = append(out, '.')
		}
		out = append(out, line...)
		out = append(out, '\r', '\n')
		data = rest
	}
	return append(out, ".\r\n"...)
}

// finish puts c back or throws it away, and classifies err. A connection
// that got a clean refusal is reset and reused; one that broke, timed
// out, was cut by a cancelled ctx or was told 421 (closing) is not.
func (t *SMTP) finish(ctx context.Context, c *conn, step string, cut bool, err error) error {
	if cut {
		// Cut by ctx, perhaps only after a successful reply.
		t.discard(c, false)
	} else if err == nil {
		t.release(c)
	} else if code := replyCode(err); (code/100 == 4 && code != 421) || code/100 == 5 {
		c.setDeadline(t.cfg.CommandTimeout)
		if resetErr := c.client.Reset(); resetErr != nil {
			t.discard(c, false)
		} else {
			t.release(c)
		}
	} else {
		t.discard(c, false)
	}
	if err == nil {
		return nil
	}
	return failure(ctx, step, err)
}

// deadOnArrival tells a connection that died in the pool (closed, reset,
// or a parting 421) from a server that refuses or hangs: a timeout means
// the server is slow, and dialling again would only double the wait.
func deadOnArrival(ctx context.Context, err error) bool {
	var netErr net.Error
	if ctx.Err() != nil || (errors.As(err, &netErr) && netErr.Timeout()) {
		return false
	}
	code := replyCode(err)
	return code == 0 || code == 421
}

// waitTurn blocks until the rate limit lets one more message go.
func (t *SMTP) waitTurn(ctx context.Context) error {
	if t.limiter == nil {
		return nil
	}
	wait := t.limiter.reserve()
	if wait <= 0 {
		return nil
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return temporary(fmt.Errorf("wait for rate limit: %w", context.Cause(ctx)))
	case <-t.closing:
		return temporary(ErrClosed)
	}
}

// Close stops new sends, waits for those in flight (each bounded by its
// deadlines and context), then says QUIT on idle connections. It is safe
// to call more than once and from several goroutines.
func (t *SMTP) Close() error {
	t.closeOnce.Do(func() {
		t.mu.Lock()
		t.closed = true
		t.mu.Unlock()
		close(t.closing)
		<-t.reaperDone
		t.inflight.Wait()
		for {
			select {
			case c := <-t.idle:
				t.discard(c, true)
			default:
				return
			}
		}
	})
	return nil
}

// validate refuses what no server should see: a missing recipient, or an
// address that would break out of the command line it is written into.
func validate(msg *digest.Message) error {
	if msg == nil {
		return permanent(errors.New("no message"))
	}
	if msg.To == "" {
		return permanent(errors.New("message has no recipient"))
	}
	for _, addr := range []string{msg.From, msg.To} {
		if strings.ContainsAny(addr, "\r\n\x00<>") {
			return permanent(fmt.Errorf("address %q has characters not allowed in an SMTP envelope", addr))
		}
	}
	return nil
}
