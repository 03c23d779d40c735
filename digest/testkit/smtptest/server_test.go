package smtptest

import (
	"bufio"
	"crypto/tls"
	"errors"
	"net"
	"net/smtp"
	"net/textproto"
	"strings"
	"testing"
	"time"

	gosmtp "github.com/emersion/go-smtp"
)

const body = "Subject: hi\r\n\r\nline one\r\n.leading dot\r\n"

// deliver sends one message with the standard library client, the way an
// independent implementation would, and returns the first error.
func deliver(c *smtp.Client, from string, to []string, data string) error {
	if err := c.Mail(from); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write([]byte(data)); err != nil {
		return err
	}
	return w.Close()
}

func dial(t *testing.T, addr string) *smtp.Client {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	if err := conn.SetDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	c, err := smtp.NewClient(conn, "127.0.0.1")
	if err != nil {
		t.Fatalf("greeting: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func replyCode(err error) int {
	var tpErr *textproto.Error
	if errors.As(err, &tpErr) {
		return tpErr.Code
	}
	return 0
}

func TestServerStoresMessagesInOrder(t *testing.T) {
	s := NewServer(t, Options{})
	c := dial(t, s.Addr)
	if err := deliver(c, "news@example.org", []string{"a@example.com", "b@example.com"}, body); err != nil {
		t.Fatalf("first: %v", err)
	}
	if err := deliver(c, "news@example.org", []string{"b@example.com"}, "Subject: two\r\n\r\nx\r\n"); err != nil {
		t.Fatalf("second: %v", err)
	}

	got := s.Messages()
	if len(got) != 2 {
		t.Fatalf("stored %d messages, want 2", len(got))
	}
	first := got[0]
	if first.From != "news@example.org" || strings.Join(first.To, ",") != "a@example.com,b@example.com" {
		t.Errorf("envelope = %q -> %q", first.From, first.To)
	}
	if string(first.Data) != body {
		t.Errorf("data = %q, want %q", first.Data, body)
	}
	if first.TLS {
		t.Error("plain connection recorded as TLS")
	}
	if !strings.Contains(string(got[1].Data), "Subject: two") {
		t.Errorf("second message out of order: %q", got[1].Data)
	}
	if n := s.Count("a@example.com"); n != 1 {
		t.Errorf("Count(a) = %d, want 1", n)
	}
	if n := s.Count("b@example.com"); n != 2 {
		t.Errorf("Count(b) = %d, want 2", n)
	}
	if n := s.MailCommands(); n != 2 {
		t.Errorf("MailCommands = %d, want 2", n)
	}

	got[0].Data[0] = 'X'
	got[0].To[0] = "changed"
	if again := s.Messages(); again[0].Data[0] != 'S' || again[0].To[0] != "a@example.com" {
		t.Error("Messages shares memory with the server's record")
	}
}

func TestServerTLS(t *testing.T) {
	t.Run("starttls", func(t *testing.T) {
		s := NewServer(t, Options{TLS: true})
		c := dial(t, s.Addr)
		if ok, _ := c.Extension("STARTTLS"); !ok {
			t.Fatal("STARTTLS not offered")
		}
		cfg := s.ClientTLSConfig()
		cfg.ServerName = "127.0.0.1"
		if err := c.StartTLS(cfg); err != nil {
			t.Fatalf("starttls: %v", err)
		}
		if err := deliver(c, "n@example.org", []string{"a@example.com"}, body); err != nil {
			t.Fatalf("deliver: %v", err)
		}
		if got := s.Messages(); len(got) != 1 || !got[0].TLS {
			t.Fatalf("messages = %+v, want one over TLS", got)
		}
	})
	t.Run("plain server offers no STARTTLS", func(t *testing.T) {
		s := NewServer(t, Options{})
		if s.ClientTLSConfig() != nil {
			t.Error("ClientTLSConfig should be nil without TLS")
		}
		c := dial(t, s.Addr)
		if ok, _ := c.Extension("STARTTLS"); ok {
			t.Fatal("STARTTLS offered")
		}
	})
	t.Run("implicit", func(t *testing.T) {
		s := NewServer(t, Options{ImplicitTLS: true})
		cfg := s.ClientTLSConfig()
		cfg.ServerName = "127.0.0.1"
		conn, err := tls.DialWithDialer(&net.Dialer{Timeout: 5 * time.Second}, "tcp", s.Addr, cfg)
		if err != nil {
			t.Fatalf("tls dial: %v", err)
		}
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		c, err := smtp.NewClient(conn, "127.0.0.1")
		if err != nil {
			t.Fatalf("greeting: %v", err)
		}
		defer c.Close()
		if ok, _ := c.Extension("STARTTLS"); ok {
			t.Error("STARTTLS offered inside implicit TLS")
		}
		if err := deliver(c, "n@example.org", []string{"a@example.com"}, body); err != nil {
			t.Fatalf("deliver: %v", err)
		}
		if got := s.Messages(); len(got) != 1 || !got[0].TLS {
			t.Fatalf("messages = %+v, want one over TLS", got)
		}
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		s := NewServer(t, Options{TLS: true})
		other := NewServer(t, Options{TLS: true})
		c := dial(t, s.Addr)
		cfg := other.ClientTLSConfig()
		cfg.ServerName = "127.0.0.1"
		if err := c.StartTLS(cfg); err == nil {
			t.Fatal("a client trusting another server's certificate completed the handshake")
		}
	})
}

func TestServerAuth(t *testing.T) {
	users := map[string]string{"editor": "s3cret"}
	tests := []struct {
		name     string
		opts     Options
		user     string
		password string
		wantAuth int // reply code to AUTH, 0 when AUTH is skipped
		wantMail int // reply code to MAIL, 0 when it succeeds
	}{
		{name: "no auth", opts: Options{Auth: users}, wantMail: 530},
		{name: "wrong password", opts: Options{Auth: users}, user: "editor", password: "guess", wantAuth: 535},
		{name: "unknown user", opts: Options{Auth: users}, user: "nobody", password: "s3cret", wantAuth: 535},
		{name: "good", opts: Options{Auth: users}, user: "editor", password: "s3cret"},
		{name: "good over tls", opts: Options{Auth: users, TLS: true}, user: "editor", password: "s3cret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewServer(t, tt.opts)
			c := dial(t, s.Addr)
			if tt.opts.TLS {
				if ok, _ := c.Extension("AUTH"); ok {
					t.Fatal("AUTH offered before STARTTLS")
				}
				cfg := s.ClientTLSConfig()
				cfg.ServerName = "127.0.0.1"
				if err := c.StartTLS(cfg); err != nil {
					t.Fatalf("starttls: %v", err)
				}
			}
			if tt.user != "" {
				err := c.Auth(smtp.PlainAuth("", tt.user, tt.password, "127.0.0.1"))
				if got := replyCode(err); got != tt.wantAuth {
					t.Fatalf("AUTH reply = %d (%v), want %d", got, err, tt.wantAuth)
				}
				if s.AuthAttempts() != 1 {
					t.Errorf("AuthAttempts = %d, want 1", s.AuthAttempts())
				}
				if tt.wantAuth != 0 {
					return
				}
			}
			err := deliver(c, "n@example.org", []string{"a@example.com"}, body)
			if got := replyCode(err); got != tt.wantMail {
				t.Fatalf("MAIL reply = %d (%v), want %d", got, err, tt.wantMail)
			}
			wantStored := 0
			if tt.wantMail == 0 {
				wantStored = 1
			}
			if n := len(s.Messages()); n != wantStored {
				t.Errorf("stored %d, want %d", n, wantStored)
			}
		})
	}
}

func TestServerFaults(t *testing.T) {
	unavailable := &gosmtp.SMTPError{Code: 451, EnhancedCode: gosmtp.EnhancedCode{4, 3, 0}, Message: "try later"}
	tests := []struct {
		name       string
		opts       Options
		wantCode   []int  // reply code for each of three messages, -1 for a broken connection
		wantStored []bool // whether each of the three was stored
	}{
		{
			name:       "data reply on the second",
			opts:       Options{DataReply: map[int]*gosmtp.SMTPError{2: unavailable}},
			wantCode:   []int{0, 451, 0},
			wantStored: []bool{true, false, true},
		},
		{
			name: "recipient refused",
			opts: Options{RcptReply: func(rcpt string) *gosmtp.SMTPError {
				if rcpt == "r2@example.com" {
					return &gosmtp.SMTPError{Code: 550, EnhancedCode: gosmtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
				}
				return nil
			}},
			wantCode:   []int{0, 550, 0},
			wantStored: []bool{true, false, true},
		},
		{
			name:       "dropped in data",
			opts:       Options{DropInData: map[int]bool{2: true}},
			wantCode:   []int{0, -1, 0},
			wantStored: []bool{true, false, true},
		},
		{
			name:       "lost data reply",
			opts:       Options{LoseDataReply: map[int]bool{1: true}},
			wantCode:   []int{-1, 0, 0},
			wantStored: []bool{true, true, true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewServer(t, tt.opts)
			c := dial(t, s.Addr)
			var want []string
			for i := range 3 {
				rcpt := []string{"r1@example.com", "r2@example.com", "r3@example.com"}[i]
				data := "Subject: " + rcpt + "\r\n\r\n" + strings.Repeat("words and more words\r\n", 50)
				err := deliver(c, "n@example.org", []string{rcpt}, data)
				got := replyCode(err)
				if err != nil && got == 0 {
					got = -1
				}
				if got != tt.wantCode[i] {
					t.Fatalf("message %d: reply %d (%v), want %d", i+1, got, err, tt.wantCode[i])
				}
				if got == -1 {
					c = dial(t, s.Addr) // the connection is gone; carry on with a new one
				} else if err != nil {
					if err := c.Reset(); err != nil {
						t.Fatalf("RSET: %v", err)
					}
				}
				if tt.wantStored[i] {
					want = append(want, rcpt)
				}
			}
			var stored []string
			for _, m := range s.Messages() {
				stored = append(stored, m.To...)
			}
			if strings.Join(stored, " ") != strings.Join(want, " ") {
				t.Errorf("stored %v, want %v", stored, want)
			}
		})
	}
}

func TestServerNoGreeting(t *testing.T) {
	s := NewServer(t, Options{NoGreeting: true})
	conn, err := net.DialTimeout("tcp", s.Addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	n, err := conn.Read(make([]byte, 64))
	var netErr net.Error
	if n != 0 || !errors.As(err, &netErr) || !netErr.Timeout() {
		t.Fatalf("read %d bytes, err %v; want nothing until the deadline", n, err)
	}
	if s.Connections() != 1 {
		t.Errorf("Connections = %d, want 1", s.Connections())
	}
}

func TestServerReadTimeoutClosesIdleConnection(t *testing.T) {
	s := NewServer(t, Options{ReadTimeout: 50 * time.Millisecond})
	conn, err := net.DialTimeout("tcp", s.Addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(conn)
	greeting, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(greeting, "220 ") {
		t.Fatalf("greeting %q, %v", greeting, err)
	}
	bye, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(bye, "421 ") {
		t.Fatalf("after idling got %q, %v; want 421", bye, err)
	}
}

func TestServerCountsConnections(t *testing.T) {
	s := NewServer(t, Options{})
	clients := []*smtp.Client{dial(t, s.Addr), dial(t, s.Addr), dial(t, s.Addr)}
	if got := s.MaxConcurrent(); got != 3 {
		t.Errorf("MaxConcurrent = %d, want 3", got)
	}
	if err := clients[0].Quit(); err != nil {
		t.Fatalf("quit: %v", err)
	}
	waitFor(t, func() bool { return s.OpenConnections() == 2 })
	dial(t, s.Addr)
	if got := s.Connections(); got != 4 {
		t.Errorf("Connections = %d, want 4", got)
	}
	if got := s.MaxConcurrent(); got != 3 {
		t.Errorf("MaxConcurrent = %d after one left and one came, want 3", got)
	}
}

func TestServerCloseEndsConnections(t *testing.T) {
	s := NewServer(t, Options{})
	c := dial(t, s.Addr)
	s.Close()
	s.Close() // idempotent
	if err := c.Noop(); err == nil {
		t.Error("connection still works after Close")
	}
	if conn, err := net.DialTimeout("tcp", s.Addr, time.Second); err == nil {
		conn.Close()
		t.Error("still accepting after Close")
	}
	if s.OpenConnections() != 0 {
		t.Errorf("OpenConnections = %d after Close", s.OpenConnections())
	}
}

// waitFor polls cond until it holds, failing the test after a generous
// bound. It waits for an event; it does not measure time.
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

func TestServerStallData(t *testing.T) {
	s := NewServer(t, Options{StallData: map[int]bool{1: true}})
	conn, err := net.DialTimeout("tcp", s.Addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	c, err := smtp.NewClient(conn, "127.0.0.1")
	if err != nil {
		t.Fatalf("greeting: %v", err)
	}
	defer c.Close()
	if err := c.Mail("n@example.org"); err != nil {
		t.Fatal(err)
	}
	if err := c.Rcpt("a@example.com"); err != nil {
		t.Fatal(err)
	}
	w, err := c.Data()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(body)); err != nil {
		t.Fatal(err)
	}
	conn.SetDeadline(time.Now().Add(300 * time.Millisecond))
	err = w.Close()
	var netErr net.Error
	if !errors.As(err, &netErr) || !netErr.Timeout() {
		t.Fatalf("reply to a stalled DATA: %v, want a timeout", err)
	}
	if n := len(s.Messages()); n != 0 {
		t.Errorf("stored %d messages, want 0", n)
	}
}

func TestServerRefusesNestedMail(t *testing.T) {
	s := NewServer(t, Options{})
	c := dial(t, s.Addr)
	if err := c.Mail("n@example.org"); err != nil {
		t.Fatal(err)
	}
	if got := replyCode(c.Mail("n@example.org")); got != 503 {
		t.Fatalf("second MAIL without RSET: reply %d, want 503", got)
	}
	if err := c.Reset(); err != nil {
		t.Fatal(err)
	}
	if err := deliver(c, "n@example.org", []string{"a@example.com"}, body); err != nil {
		t.Fatalf("after RSET: %v", err)
	}
	if err := deliver(c, "n@example.org", []string{"b@example.com"}, body); err != nil {
		t.Fatalf("a completed DATA ends the transaction, yet: %v", err)
	}
}
