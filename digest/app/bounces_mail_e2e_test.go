package app_test

import (
	"context"
	"fmt"
	"net"
	gosmtp "net/smtp"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/app"
	"github.com/digest-newsletter/digest/digest/bounces"
	"github.com/digest-newsletter/digest/digest/testkit/mailtest"
	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
	"github.com/emersion/go-smtp"
)

// relayed is a digest whose mail goes through a real Postfix to a next
// hop that refuses bob@example.net after Postfix took him, so Postfix
// writes a real DSN to bob's VERP envelope sender, which it delivers to
// a real Dovecot: the digest's bounce mailbox, read over IMAP or POP3.
type relayed struct {
	app     *app.App
	hop     *smtptest.Server
	postfix *mailtest.Postfix
	dovecot *mailtest.Dovecot
}

func startRelayed(t *testing.T, mailbox func(d *mailtest.Dovecot) string) *relayed {
	t.Helper()
	r := &relayed{dovecot: mailtest.StartDovecot(t)}
	r.hop = smtptest.NewServer(t, smtptest.Options{RcptReply: func(to string) *smtp.SMTPError {
		if to == "bob@example.net" {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "bob@example.net: no such user here"}
		}
		return nil
	}})
	r.postfix = mailtest.StartPostfix(t, r.hop.Addr, "bounce.example.org", r.dovecot)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "digest.yaml")
	yaml := "data_dir: " + dir + "\nsubscribers:\n  - address: ada@example.net\n  - address: bob@example.net\n  - address: cy@example.net\n" +
		"mail:\n  bounces:\n    verp_domain: bounce.example.org\n" + mailbox(r.dovecot)
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DIGEST_SMTP_ADDR": r.postfix.Addr, "DIGEST_SMTP_TLS": "off",
		"DIGEST_BOUNCES_IMAP_PASSWORD": r.dovecot.Password, "DIGEST_BOUNCES_POP3_PASSWORD": r.dovecot.Password}
	a, err := app.Open(context.Background(), app.Options{ConfigPath: cfg, Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	a.BounceTLS = r.dovecot.TLS()
	r.app = a
	return r
}

// inbox lists the messages in the Dovecot user's INBOX (its Maildir's
// new and cur), by file name.
func (r *relayed) inbox(t *testing.T) (names []string, raws []string) {
	t.Helper()
	for _, sub := range []string{"new", "cur"} {
		entries, err := os.ReadDir(filepath.Join(r.dovecot.Maildir, sub))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			raw, err := os.ReadFile(filepath.Join(r.dovecot.Maildir, sub, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			names, raws = append(names, e.Name()), append(raws, string(raw))
		}
	}
	return names, raws
}

// waitInbox waits until the INBOX holds n messages.
func (r *relayed) waitInbox(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if names, _ := r.inbox(t); len(names) >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the bounce mailbox did not get %d messages in 60s; postfix log:\n%s", n, r.postfix.LogText())
		}
		r.postfix.Flush(t)
		time.Sleep(200 * time.Millisecond)
	}
}

// send hands a message to Postfix as another server on the Internet
// would: for the bounce domain, from the null sender when from is "".
func (r *relayed) send(t *testing.T, from, to string, raw []byte) {
	t.Helper()
	if err := gosmtp.SendMail(r.postfix.Addr, nil, from, []string{to}, raw); err != nil {
		t.Fatalf("to postfix: %v", err)
	}
}

// sendEdition builds and sends the next edition and returns, per
// recipient the digest sent to, its envelope sender (from the next hop;
// bob's never gets there, and is read from his DSN instead).
func (r *relayed) sendEdition(t *testing.T) (editionID string, to []string) {
	t.Helper()
	ctx := context.Background()
	res, err := r.app.Builder.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.app.Desk.Send(ctx, res.Edition.ID, nil); err != nil {
		t.Fatal(err)
	}
	ds, err := r.app.Store.Deliveries(ctx, res.Edition.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.Status == digest.DeliverySent {
			to = append(to, d.Subscriber.Address)
		}
	}
	slices.Sort(to)
	return res.Edition.ID, to
}

// envelopeOf waits for the next hop to get the edition for addr and
// returns the envelope sender it came with.
func (r *relayed) envelopeOf(t *testing.T, addr string) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		for _, m := range r.hop.Messages() {
			if slices.Contains(m.To, addr) {
				return m.From
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("postfix did not relay to %s in 60s; log:\n%s", addr, r.postfix.LogText())
	return ""
}

// The "done when", with the real parts: an edition to ada, bob
// and cy goes through Postfix; the next hop refuses bob after Postfix
// accepted him, and Postfix's own DSN lands in Dovecot, beside a
// person's message and an RFC 3834 auto-reply to ada's envelope sender.
// digest bounces (the app's BounceMailbox and Bounces, as the command
// runs them) marks bob alone bounced, by his VERP token; the auto-reply
// changes nothing; the person's message is left where it was (IMAP: in
// INBOX, unread; POP3: on the server, though delete_processed deleted
// the DSN). Reading again counts nothing twice, and the next edition is
// not sent to bob.
func TestRealRelayBounces(t *testing.T) {
	for _, tc := range []struct {
		name    string
		mailbox func(d *mailtest.Dovecot) string
	}{
		{"imap", func(d *mailtest.Dovecot) string {
			return fmt.Sprintf("    imap:\n      addr: %s\n      user: %s\n", d.IMAPAddr, d.User)
		}},
		{"pop3", func(d *mailtest.Dovecot) string {
			_, port, _ := net.SplitHostPort(d.POP3SAddr)
			return fmt.Sprintf("    pop3:\n      host: 127.0.0.1\n      port: %s\n      user: %s\n      tls: tls\n      delete_processed: true\n", port, d.User)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := startRelayed(t, tc.mailbox)
			ctx := context.Background()
			a := r.app
			editionID, to := r.sendEdition(t)
			if !slices.Equal(to, []string{"ada@example.net", "bob@example.net", "cy@example.net"}) {
				t.Fatalf("the edition went to %v; want all three (postfix takes bob and bounces him later)", to)
			}
			adaEnvelope := r.envelopeOf(t, "ada@example.net")
			r.envelopeOf(t, "cy@example.net")
			r.waitInbox(t, 1)
			_, raws := r.inbox(t)
			if !strings.Contains(raws[0], "multipart/report") || !strings.Contains(raws[0], "bob@example.net") {
				t.Fatalf("the mailbox's first message is not postfix's DSN about bob:\n%s", raws[0])
			}
			r.send(t, "ann@example.com", "bounces@bounce.example.org", fixture(t, "not-forwarded.eml"))
			r.send(t, "", adaEnvelope, fixture(t, "auto-zimbra.eml", "\nTo: \n", "\nTo: <"+adaEnvelope+">\n"))
			r.waitInbox(t, 3)

			mb, err := a.BounceMailbox()
			if err != nil {
				t.Fatal(err)
			}
			want := bounces.Summary{Read: 3, Hard: 1, AutoReplies: 1, Other: 1, Bounced: 1}
			if sum, err := a.Bounces(ctx, mb); err != nil || sum != want {
				t.Fatalf("read: %+v, %v; want %+v", sum, err, want)
			}
			for addr, want := range map[string]digest.SubscriberStatus{"ada@example.net": digest.SubscriberActive,
				"bob@example.net": digest.SubscriberBounced, "cy@example.net": digest.SubscriberActive} {
				if sub, err := a.Store.Subscriber(ctx, addr); err != nil || sub.Status != want {
					t.Errorf("%s: %+v, %v; want %s", addr, sub, err, want)
				}
			}
			bob, _ := a.Store.Subscriber(ctx, "bob@example.net")
			evs, err := a.Store.BounceEvents(ctx, bob.ID)
			if err != nil || len(evs) != 1 || evs[0].MatchedBy != "verp" || evs[0].EditionID != editionID || !strings.HasPrefix(evs[0].Status, "5.1.1") {
				t.Errorf("bob's events: %+v, %v; want one, by his VERP token, 5.1.1, of the edition", evs, err)
			}

			// What is left in INBOX: the person's message and the
			// auto-reply, never marked read over IMAP; the DSN moved to
			// Processed (IMAP) or deleted (POP3, delete_processed).
			names, raws := r.inbox(t)
			if len(raws) != 2 || slices.ContainsFunc(raws, func(s string) bool { return strings.Contains(s, "multipart/report") }) {
				t.Errorf("INBOX holds %d messages after the read: %q; want the person's and the auto-reply", len(raws), names)
			}
			for i, raw := range raws {
				if strings.Contains(raw, "original as attachment") && tc.name == "imap" && strings.Contains(names[i][strings.LastIndex(names[i], ":")+1:], "S") {
					t.Errorf("the person's message was marked read: %s", names[i])
				}
			}
			if tc.name == "imap" {
				cur, _ := os.ReadDir(filepath.Join(r.dovecot.Maildir, ".Processed", "cur"))
				fresh, _ := os.ReadDir(filepath.Join(r.dovecot.Maildir, ".Processed", "new"))
				if processed := append(cur, fresh...); len(processed) != 1 {
					t.Errorf("Processed holds %d messages, want the DSN", len(processed))
				}
			}

			// Again: nothing counts twice (POP3 fetches nothing at all).
			again := bounces.Summary{Read: 2, AutoReplies: 1, Other: 1}
			if tc.name == "pop3" {
				again = bounces.Summary{}
			}
			if sum, err := a.Bounces(ctx, mb); err != nil || sum != again {
				t.Errorf("second read: %+v, %v; want %+v", sum, err, again)
			}

			// The next edition, of a new article, goes to ada and cy.
			dropArticle(t, a)
			if _, to := r.sendEdition(t); !slices.Equal(to, []string{"ada@example.net", "cy@example.net"}) {
				t.Errorf("the next edition went to %v, want ada and cy", to)
			}
		})
	}
}

// dropArticle puts a new, settled article in the drop folder, so the
// next build makes a new edition.
func dropArticle(t *testing.T, a *app.App) {
	t.Helper()
	drop := filepath.Join(a.Config.DataDir, "drop")
	os.MkdirAll(drop, 0o700)
	fresh := "Tokyo and Brussels Open a Joint Cyber Defence Centre\n\nby Staff Writer\n\n" +
		strings.Repeat("Japan and NATO opened a joint centre for cyber defence in Tallinn on Monday, staffed by officers from both sides. "+
			"The centre will share warnings about attacks on undersea cables, power grids and satellite links, officials said.\n\n", 6)
	path := filepath.Join(drop, "second.txt")
	if err := os.WriteFile(path, []byte(fresh), 0o600); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(path, old, old)
}
