package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	gosmtp "github.com/emersion/go-smtp"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
)

const password = "correct-horse-battery"

var users = map[string]string{"digest": password}

func message(n int) *digest.Message {
	to := fmt.Sprintf("reader%d@example.com", n)
	return &digest.Message{
		ID:   fmt.Sprintf("m%d@digest.example", n),
		From: "bounces@digest.example",
		To:   to,
		Data: []byte(fmt.Sprintf("Message-ID: <m%d@digest.example>\r\nTo: %s\r\nSubject: Edition\r\n\r\nHello.\r\n.dot-led line\r\n", n, to)),
	}
}

// newSMTP points a transport at srv; edit adjusts the config first.
func newSMTP(t *testing.T, srv *smtptest.Server, edit func(*SMTPConfig)) *SMTP {
	t.Helper()
	tr, _ := newLoggedSMTP(t, srv, edit)
	return tr
}

// logBuffer collects the transport's debug log; it is written from many
// goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newLoggedSMTP(t *testing.T, srv *smtptest.Server, edit func(*SMTPConfig)) (*SMTP, *logBuffer) {
	t.Helper()
	cfg := settings(srv.Addr)
	cfg.DialTimeout, cfg.CommandTimeout = 5*time.Second, 5*time.Second
	if tlsCfg := srv.ClientTLSConfig(); tlsCfg != nil {
		cfg.TLS = TLSStartTLS
		cfg.TLSConfig = tlsCfg
	}
	if edit != nil {
		edit(&cfg)
	}
	logs := &logBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	tr, err := NewSMTP(cfg, log)
	if err != nil {
		t.Fatalf("NewSMTP: %v", err)
	}
	t.Cleanup(func() { tr.Close() })
	return tr, logs
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func asSendError(t *testing.T, err error) *digest.SendError {
	t.Helper()
	var sendErr *digest.SendError
	if !errors.As(err, &sendErr) {
		t.Fatalf("error %v (%T) is not a *digest.SendError", err, err)
	}
	return sendErr
}

func TestSendDelivers(t *testing.T) {
	tests := []struct {
		name    string
		opts    smtptest.Options
		mode    TLSMode
		auth    bool
		wantTLS bool
	}{
		{name: "plain when tls is off", opts: smtptest.Options{}, mode: TLSOff},
		{name: "starttls", opts: smtptest.Options{TLS: true}, mode: TLSStartTLS, wantTLS: true},
		{name: "implicit tls", opts: smtptest.Options{ImplicitTLS: true}, mode: TLSImplicit, wantTLS: true},
		{name: "auth over starttls", opts: smtptest.Options{TLS: true, Auth: users}, mode: TLSStartTLS, auth: true, wantTLS: true},
		{name: "auth over implicit tls", opts: smtptest.Options{ImplicitTLS: true, Auth: users}, mode: TLSImplicit, auth: true, wantTLS: true},
		{name: "auth in clear when tls is off on purpose", opts: smtptest.Options{Auth: users}, mode: TLSOff, auth: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := smtptest.NewServer(t, tt.opts)
			tr := newSMTP(t, srv, func(cfg *SMTPConfig) {
				cfg.TLS = tt.mode
				if tt.auth {
					cfg.Username, cfg.Password = "digest", password
				}
			})
			msg := message(1)
			if err := tr.Send(testContext(t), msg); err != nil {
				t.Fatalf("Send: %v", err)
			}
			got := srv.Messages()
			if len(got) != 1 {
				t.Fatalf("server stored %d messages, want 1", len(got))
			}
			if got[0].From != msg.From || len(got[0].To) != 1 || got[0].To[0] != msg.To {
				t.Errorf("envelope %q -> %q, want %q -> %q", got[0].From, got[0].To, msg.From, msg.To)
			}
			if string(got[0].Data) != string(msg.Data) {
				t.Errorf("data = %q, want %q", got[0].Data, msg.Data)
			}
			if got[0].TLS != tt.wantTLS {
				t.Errorf("TLS = %v, want %v", got[0].TLS, tt.wantTLS)
			}
			if tt.auth && srv.AuthAttempts() != 1 {
				t.Errorf("AuthAttempts = %d, want 1", srv.AuthAttempts())
			}
		})
	}
}

func TestSendRefusesWhatCannotBeSecured(t *testing.T) {
	trustsNobody := func(cfg *SMTPConfig) { cfg.TLSConfig = nil }
	tests := []struct {
		name    string
		opts    smtptest.Options
		edit    func(*SMTPConfig)
		wantErr error // nil: only check it is permanent
	}{
		{
			name:    "starttls not offered",
			opts:    smtptest.Options{Auth: users},
			edit:    func(cfg *SMTPConfig) { cfg.TLS = TLSStartTLS; cfg.Username, cfg.Password = "digest", password },
			wantErr: ErrTLSUnavailable,
		},
		{name: "starttls with an untrusted certificate", opts: smtptest.Options{TLS: true}, edit: trustsNobody},
		{name: "implicit tls with an untrusted certificate", opts: smtptest.Options{ImplicitTLS: true}, edit: func(cfg *SMTPConfig) {
			cfg.TLS = TLSImplicit
			cfg.TLSConfig = nil
		}},
		// Implicit TLS against a server that speaks plain SMTP: the
		// handshake fails on the greeting, and would for every message.
		{name: "implicit tls against a plaintext server", opts: smtptest.Options{}, edit: func(cfg *SMTPConfig) {
			cfg.TLS = TLSImplicit
		}},
		{
			name:    "credentials but no AUTH offered",
			opts:    smtptest.Options{TLS: true},
			edit:    func(cfg *SMTPConfig) { cfg.Username, cfg.Password = "digest", password },
			wantErr: ErrAuthUnavailable,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := smtptest.NewServer(t, tt.opts)
			tr := newSMTP(t, srv, tt.edit)
			err := tr.Send(testContext(t), message(1))
			sendErr := asSendError(t, err)
			if sendErr.Temporary {
				t.Errorf("error %v is Temporary; retrying cannot help", err)
			}
			if !sendErr.Fatal {
				t.Errorf("error %v is not Fatal; every message would fail the same way", err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			if n := srv.MailCommands(); n != 0 {
				t.Errorf("server saw %d MAIL commands, want 0", n)
			}
			if n := srv.AuthAttempts(); n != 0 {
				t.Errorf("credentials were sent %d times", n)
			}
			if n := len(srv.Messages()); n != 0 {
				t.Errorf("server stored %d messages", n)
			}
			if strings.Contains(err.Error(), password) {
				t.Errorf("error text holds the password: %v", err)
			}
		})
	}
}

func TestSendWrongPassword(t *testing.T) {
	srv := smtptest.NewServer(t, smtptest.Options{TLS: true, Auth: users})
	tr := newSMTP(t, srv, func(cfg *SMTPConfig) { cfg.Username, cfg.Password = "digest", "wrong-"+password })
	err := tr.Send(testContext(t), message(1))
	sendErr := asSendError(t, err)
	if sendErr.Code != 535 || sendErr.Enhanced != "5.7.8" || sendErr.Temporary || sendErr.Bounced() || !sendErr.Fatal {
		t.Errorf("got %+v, want a fatal 535 5.7.8 that is not a bounce", sendErr)
	}
	if text := fmt.Sprintf("%v %+v", err, sendErr); strings.Contains(text, password) {
		t.Errorf("error holds the password: %s", text)
	}
	if n := srv.MailCommands(); n != 0 {
		t.Errorf("MAIL sent after failed AUTH: %d", n)
	}
}

func TestSendClassifiesRefusals(t *testing.T) {
	tests := []struct {
		name          string
		opts          smtptest.Options
		wantCode      int
		wantEnhanced  string
		wantTemporary bool
		wantBounced   bool
	}{
		{
			name:          "451 to data",
			opts:          smtptest.Options{DataReply: map[int]*gosmtp.SMTPError{1: {Code: 451, EnhancedCode: gosmtp.EnhancedCode{4, 3, 0}, Message: "try again"}}},
			wantCode:      451,
			wantEnhanced:  "4.3.0",
			wantTemporary: true,
		},
		{
			name: "550 5.1.1 to rcpt",
			opts: smtptest.Options{RcptReply: func(rcpt string) *gosmtp.SMTPError {
				if rcpt == message(1).To {
					return &gosmtp.SMTPError{Code: 550, EnhancedCode: gosmtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
				}
				return nil
			}},
			wantCode:     550,
			wantEnhanced: "5.1.1",
			wantBounced:  true,
		},
		{
			name:         "554 5.6.0 to data",
			opts:         smtptest.Options{DataReply: map[int]*gosmtp.SMTPError{1: {Code: 554, EnhancedCode: gosmtp.EnhancedCode{5, 6, 0}, Message: "content rejected"}}},
			wantCode:     554,
			wantEnhanced: "5.6.0",
		},
		{
			name: "452 4.2.2 to rcpt",
			opts: smtptest.Options{RcptReply: func(rcpt string) *gosmtp.SMTPError {
				if rcpt == message(1).To {
					return &gosmtp.SMTPError{Code: 452, EnhancedCode: gosmtp.EnhancedCode{4, 2, 2}, Message: "mailbox full"}
				}
				return nil
			}},
			wantCode:      452,
			wantEnhanced:  "4.2.2",
			wantTemporary: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := smtptest.NewServer(t, tt.opts)
			tr := newSMTP(t, srv, nil)
			ctx := testContext(t)
			err := tr.Send(ctx, message(1))
			sendErr := asSendError(t, err)
			if sendErr.Code != tt.wantCode || sendErr.Enhanced != tt.wantEnhanced ||
				sendErr.Temporary != tt.wantTemporary || sendErr.Bounced() != tt.wantBounced || sendErr.Fatal {
				t.Errorf("got code %d enhanced %q temporary %v bounced %v; want %d %q %v %v",
					sendErr.Code, sendErr.Enhanced, sendErr.Temporary, sendErr.Bounced(),
					tt.wantCode, tt.wantEnhanced, tt.wantTemporary, tt.wantBounced)
			}
			// After RSET the same connection carries the next message.
			if err := tr.Send(ctx, message(2)); err != nil {
				t.Fatalf("next Send: %v", err)
			}
			if srv.Connections() != 1 || srv.Count(message(2).To) != 1 || srv.Count(message(1).To) != 0 {
				t.Errorf("connections %d, stored %d of the refused and %d of the next; want 1, 0, 1",
					srv.Connections(), srv.Count(message(1).To), srv.Count(message(2).To))
			}
		})
	}
}

func TestSendBrokenConnections(t *testing.T) {
	tests := []struct {
		name       string
		opts       smtptest.Options
		wantStored int // copies of the first message on the server
	}{
		{name: "dropped in data", opts: smtptest.Options{DropInData: map[int]bool{1: true}}, wantStored: 0},
		{name: "reply to data lost", opts: smtptest.Options{LoseDataReply: map[int]bool{1: true}}, wantStored: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := smtptest.NewServer(t, tt.opts)
			tr, logs := newLoggedSMTP(t, srv, nil)
			ctx := testContext(t)
			first := message(1)
			first.Data = []byte(strings.Repeat("A line of the edition that goes on.\r\n", 2000))
			sendErr := asSendError(t, tr.Send(ctx, first))
			if !sendErr.Temporary || sendErr.Code != 0 {
				t.Errorf("got %+v, want Temporary without a reply code", sendErr)
			}
			if got := srv.Count(first.To); got != tt.wantStored {
				t.Errorf("server has %d copies, want %d", got, tt.wantStored)
			}
			if err := tr.Send(ctx, message(2)); err != nil {
				t.Fatalf("next Send: %v", err)
			}
			if srv.Connections() != 2 || strings.Contains(logs.String(), deadConnectionLog) {
				t.Errorf("connections = %d, log:\n%s\nthe broken connection must not go back to the pool", srv.Connections(), logs)
			}
		})
	}
}

// deadConnectionLog is logged when a pooled connection is found dead.
const deadConnectionLog = "pooled connection was dead"

func TestSendHungServers(t *testing.T) {
	t.Run("never greets", func(t *testing.T) {
		silent := smtptest.NewServer(t, smtptest.Options{NoGreeting: true})
		tr := newSMTP(t, silent, func(cfg *SMTPConfig) { cfg.DialTimeout = 200 * time.Millisecond })
		ctx := testContext(t)
		sendErr := asSendError(t, tr.Send(ctx, message(1)))
		if !sendErr.Temporary {
			t.Errorf("got %v, want Temporary", sendErr)
		}
		if ctx.Err() != nil {
			t.Fatal("Send returned only after the test's own deadline")
		}
		if !strings.Contains(sendErr.Error(), "dial timeout") {
			t.Errorf("error %q does not say the dial timeout ran out", sendErr)
		}

		good := smtptest.NewServer(t, smtptest.Options{})
		other := newSMTP(t, good, func(cfg *SMTPConfig) { cfg.DialTimeout = 200 * time.Millisecond })
		if err := other.Send(ctx, message(2)); err != nil {
			t.Fatalf("a good server with the same settings: %v", err)
		}
	})
	t.Run("stalls after data", func(t *testing.T) {
		srv := smtptest.NewServer(t, smtptest.Options{StallData: map[int]bool{1: true}})
		tr := newSMTP(t, srv, func(cfg *SMTPConfig) { cfg.CommandTimeout = 200 * time.Millisecond })
		ctx := testContext(t)
		sendErr := asSendError(t, tr.Send(ctx, message(1)))
		if !sendErr.Temporary || ctx.Err() != nil {
			t.Errorf("got %v (test context %v), want Temporary before the test's deadline", sendErr, ctx.Err())
		}
		if err := tr.Send(ctx, message(2)); err != nil {
			t.Fatalf("next Send: %v", err)
		}
	})
	t.Run("context cancelled in data", func(t *testing.T) {
		srv := smtptest.NewServer(t, smtptest.Options{StallData: map[int]bool{1: true}})
		tr, logs := newLoggedSMTP(t, srv, nil) // CommandTimeout 5s: only the cancel can end it early
		ctx, cancel := context.WithCancel(testContext(t))
		time.AfterFunc(100*time.Millisecond, cancel)
		err := tr.Send(ctx, message(1))
		sendErr := asSendError(t, err)
		if !sendErr.Temporary || !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want Temporary wrapping context.Canceled", err)
		}
		if err := tr.Send(testContext(t), message(2)); err != nil {
			t.Fatalf("next Send: %v", err)
		}
		if srv.Connections() != 2 || strings.Contains(logs.String(), deadConnectionLog) {
			t.Errorf("connections = %d, log:\n%s\na cut connection must not go back to the pool", srv.Connections(), logs)
		}
	})
	t.Run("context cancelled while dialling", func(t *testing.T) {
		silent := smtptest.NewServer(t, smtptest.Options{NoGreeting: true})
		tr := newSMTP(t, silent, nil)
		ctx, cancel := context.WithCancel(testContext(t))
		time.AfterFunc(100*time.Millisecond, cancel)
		err := tr.Send(ctx, message(1))
		if sendErr := asSendError(t, err); !sendErr.Temporary || !errors.Is(err, context.Canceled) {
			t.Errorf("got %v, want Temporary wrapping context.Canceled", err)
		}
	})
}

func TestSendConcurrently(t *testing.T) {
	srv := smtptest.NewServer(t, smtptest.Options{TLS: true})
	tr := newSMTP(t, srv, func(cfg *SMTPConfig) {
		cfg.Connections = 4
		cfg.MaxPerConnection = 1000 // no redials: every connection stays open to the end
	})
	ctx := testContext(t)
	const workers, total = 16, 200
	next := make(chan int)
	errs := make(chan error, total)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for n := range next {
				errs <- tr.Send(ctx, message(n))
			}
		})
	}
	for n := range total {
		next <- n
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("Send: %v", err)
		}
	}
	if got := len(srv.Messages()); got != total {
		t.Errorf("server stored %d messages, want %d", got, total)
	}
	for n := range total {
		if got := srv.Count(message(n).To); got != 1 {
			t.Errorf("%s received %d copies, want 1", message(n).To, got)
		}
	}
	if got := srv.MaxConcurrent(); got > 4 {
		t.Errorf("server saw %d connections at once, want at most 4", got)
	}
	if got := srv.Connections(); got > 4 {
		t.Errorf("server accepted %d connections, want at most 4", got)
	}
}

func TestMaxPerConnection(t *testing.T) {
	srv := smtptest.NewServer(t, smtptest.Options{})
	tr := newSMTP(t, srv, func(cfg *SMTPConfig) { cfg.MaxPerConnection = 2 })
	ctx := testContext(t)
	for n := range 5 {
		if err := tr.Send(ctx, message(n)); err != nil {
			t.Fatalf("Send %d: %v", n, err)
		}
	}
	if got := srv.Connections(); got != 3 {
		t.Errorf("5 messages at 2 per connection used %d connections, want 3", got)
	}
}

func TestIdleConnectionsAreClosed(t *testing.T) {
	srv := smtptest.NewServer(t, smtptest.Options{})
	tr := newSMTP(t, srv, func(cfg *SMTPConfig) { cfg.IdleTimeout = 50 * time.Millisecond })
	ctx := testContext(t)
	if err := tr.Send(ctx, message(1)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return srv.OpenConnections() == 0 })
	if err := tr.Send(ctx, message(2)); err != nil {
		t.Fatalf("Send after the idle close: %v", err)
	}
	if got := srv.Connections(); got != 2 {
		t.Errorf("connections = %d, want 2", got)
	}
}

func TestDeadPooledConnectionIsRedialled(t *testing.T) {
	// The server hangs up on idle clients long before the pool would.
	srv := smtptest.NewServer(t, smtptest.Options{ReadTimeout: 300 * time.Millisecond, Auth: users})
	tr, logs := newLoggedSMTP(t, srv, func(cfg *SMTPConfig) { cfg.Username, cfg.Password = "digest", password })
	ctx := testContext(t)
	if err := tr.Send(ctx, message(1)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return srv.OpenConnections() == 0 })
	if err := tr.Send(ctx, message(2)); err != nil {
		t.Fatalf("Send over a connection the server had closed: %v", err)
	}
	if srv.Count(message(2).To) != 1 || srv.Connections() != 2 {
		t.Errorf("stored %d, connections %d; want 1 and 2", srv.Count(message(2).To), srv.Connections())
	}
	if !strings.Contains(logs.String(), deadConnectionLog) {
		t.Errorf("the dead connection was not noticed; log:\n%s", logs)
	}
	if strings.Contains(logs.String(), password) {
		t.Error("the log holds the password")
	}
}

func TestCloseDuringSends(t *testing.T) {
	// One connection, stuck on the first message until CommandTimeout:
	// when Close comes, one send is in flight and the rest are waiting.
	srv := smtptest.NewServer(t, smtptest.Options{StallData: map[int]bool{1: true}})
	tr := newSMTP(t, srv, func(cfg *SMTPConfig) {
		cfg.Connections = 1
		cfg.CommandTimeout = time.Second
	})
	ctx := testContext(t)

	const workers, each = 8, 5
	var wg sync.WaitGroup
	var mu sync.Mutex
	var sent, refused int
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				err := tr.Send(ctx, message(w*1000+i))
				mu.Lock()
				switch {
				case err == nil:
					sent++
				case asSendError(t, err).Temporary:
					refused++
				default:
					t.Errorf("Send: %v, want success or a Temporary error", err)
				}
				mu.Unlock()
			}
		})
	}
	waitFor(t, func() bool { return srv.MailCommands() > 0 })
	done := make(chan struct{})
	go func() {
		tr.Close()
		tr.Close()
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		t.Fatal("Close or the senders did not return")
	}
	if got := len(srv.Messages()); got != sent {
		t.Errorf("server stored %d messages, Send reported %d", got, sent)
	}
	if sent+refused != workers*each {
		t.Errorf("%d sent + %d refused, want %d", sent, refused, workers*each)
	}
	if err := tr.Send(ctx, message(1)); !errors.Is(err, ErrClosed) {
		t.Errorf("Send after Close: %v, want ErrClosed", err)
	}
	waitFor(t, func() bool { return srv.OpenConnections() == 0 })
}

func TestSendRefusesBadMessages(t *testing.T) {
	srv := smtptest.NewServer(t, smtptest.Options{})
	tr := newSMTP(t, srv, nil)
	tests := []struct {
		name string
		msg  *digest.Message
	}{
		{name: "nil", msg: nil},
		{name: "no recipient", msg: &digest.Message{From: "a@example.org", Data: []byte("x")}},
		{name: "injected command", msg: &digest.Message{From: "a@example.org", To: "b@example.com>\r\nRCPT TO:<c@example.com", Data: []byte("x")}},
		{name: "angle bracket in sender", msg: &digest.Message{From: "a@example.org> SIZE=1", To: "b@example.com", Data: []byte("x")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sendErr := asSendError(t, tr.Send(testContext(t), tt.msg))
			if sendErr.Temporary {
				t.Errorf("got %v, want permanent", sendErr)
			}
		})
	}
	if n := srv.MailCommands(); n != 0 {
		t.Errorf("server saw %d MAIL commands, want 0", n)
	}
}

func TestNewSMTPChecksConfig(t *testing.T) {
	// Each case spoils one field of a good config: a zero limit or
	// timeout is a mistake, not a request for a default.
	tests := []struct {
		name  string
		spoil func(*SMTPConfig)
	}{
		{"no port", func(c *SMTPConfig) { c.Addr = "mail.example.org" }},
		{"unknown tls mode", func(c *SMTPConfig) { c.TLS = "maybe" }},
		{"no tls mode", func(c *SMTPConfig) { c.TLS = "" }},
		{"password without user", func(c *SMTPConfig) { c.Password = password }},
		{"negative rate", func(c *SMTPConfig) { c.RatePerSecond = -1 }},
		{"negative connections", func(c *SMTPConfig) { c.Connections = -1 }},
		{"no connections", func(c *SMTPConfig) { c.Connections = 0 }},
		{"no messages per connection", func(c *SMTPConfig) { c.MaxPerConnection = 0 }},
		{"no dial timeout", func(c *SMTPConfig) { c.DialTimeout = 0 }},
		{"no command timeout", func(c *SMTPConfig) { c.CommandTimeout = 0 }},
		{"no idle timeout", func(c *SMTPConfig) { c.IdleTimeout = 0 }},
		{"no helo name", func(c *SMTPConfig) { c.HeloName = "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := settings("mail.example.org:587")
			tt.spoil(&cfg)
			tr, err := NewSMTP(cfg, nil)
			if err == nil {
				tr.Close()
				t.Fatal("NewSMTP accepted a bad config")
			}
			if strings.Contains(err.Error(), password) {
				t.Errorf("error holds the password: %v", err)
			}
		})
	}
}

// waitFor polls cond until it holds, failing after a generous bound. It
// waits for an event; it does not measure how long the event took.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached within 10s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
