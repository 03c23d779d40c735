package mailtest

import (
	gosmtp "net/smtp"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
	"github.com/emersion/go-imap/client"
	"github.com/emersion/go-smtp"
)

// A started Dovecot takes its user's login over IMAP with TLS.
func TestDovecot(t *testing.T) {
	d := StartDovecot(t)
	c, err := client.DialTLS(d.IMAPAddr, d.TLS())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Logout()
	if err := c.Login(d.User, d.Password); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("INBOX", true); err != nil {
		t.Fatal(err)
	}
}

// A started Postfix takes mail at RCPT for an address its next hop then
// refuses, and delivers the DSN it writes into Dovecot's Maildir.
func TestPostfixBounceLandsInDovecot(t *testing.T) {
	d := StartDovecot(t)
	hop := smtptest.NewServer(t, smtptest.Options{RcptReply: func(to string) *smtp.SMTPError {
		if strings.HasPrefix(to, "nobody@") {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
		}
		return nil
	}})
	p := StartPostfix(t, hop.Addr, "bounce.example.org", d)
	msg := "From: a@example.org\r\nTo: nobody@example.net\r\nSubject: hi\r\nMessage-ID: <x1@example.org>\r\n\r\nhello\r\n"
	if err := gosmtp.SendMail(p.Addr, nil, "bounces+abc@bounce.example.org", []string{"nobody@example.net", "yes@example.net"}, []byte(msg)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		entries, _ := os.ReadDir(filepath.Join(d.Maildir, "new"))
		if len(entries) > 0 {
			raw, _ := os.ReadFile(filepath.Join(d.Maildir, "new", entries[0].Name()))
			if !strings.Contains(string(raw), "multipart/report") {
				t.Errorf("not a DSN:\n%s", raw)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no DSN after 30s; postfix log:\n%s", p.LogText())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if n := len(hop.Messages()); n != 1 {
		t.Errorf("next hop got %d messages, want 1", n)
	}
}
