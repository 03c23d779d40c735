package deliver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/store"
	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
	"github.com/digest-newsletter/digest/digest/transport"
)

// rig is a store with subscribers and a draft edition, a real SMTP server
// and a sender wired to it.
type rig struct {
	store  *store.Store
	server *smtptest.Server
	sender *Sender
	comp   Composer
	subs   []digest.Subscriber
}

func newRig(t *testing.T, n int, opts smtptest.Options, edit func(*transport.SMTPConfig)) *rig {
	t.Helper()
	return newRigOn(t, filepath.Join(t.TempDir(), "digest.db"), n, opts, edit)
}

// newRigOn is newRig on the database dsn names.
func newRigOn(t *testing.T, dsn string, n int, opts smtptest.Options, edit func(*transport.SMTPConfig), so ...store.Option) *rig {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn, so...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := time.Now()
	var subs []digest.Subscriber
	for i := range n {
		addr := fmt.Sprintf("reader%03d@example.net", i)
		if i == n-1 && n > 2 {
			addr = "nobody@example.net" // refused by servers that refuse someone
		}
		sub, err := st.AddSubscriber(ctx, addr, "", now)
		if err != nil {
			t.Fatal(err)
		}
		subs = append(subs, *sub)
	}
	if err := st.InsertEdition(ctx, &digest.EditionRecord{ID: "ed1", Key: "manual:ed1", Kind: "manual", Status: digest.EditionDraft, CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	srv := smtptest.NewServer(t, opts)
	cfg := transport.SMTPConfig{Addr: srv.Addr, TLS: transport.TLSOff, HeloName: "localhost", Connections: 3,
		MaxPerConnection: 100, IdleTimeout: 30 * time.Second, DialTimeout: 2 * time.Second, CommandTimeout: 2 * time.Second}
	if edit != nil {
		edit(&cfg)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	tr, err := transport.NewSMTP(cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tr.Close() })
	c, err := compose.New(compose.Options{From: "Digest <digest@example.org>", ListID: "digest.example.org",
		PublicURL: "https://digest.example.org", Secret: []byte(strings.Repeat("k", 32))})
	if err != nil {
		t.Fatal(err)
	}
	ed := &digest.Rendition{Subject: "Test edition",
		MailHTML: []byte(`<p>News</p><a href="` + compose.Placeholder + `">Unsubscribe</a>`),
		MailText: []byte("News\r\nUnsubscribe: " + compose.Placeholder + "\r\n")}
	return &rig{store: st, server: srv, subs: subs, comp: composerFunc(func(s digest.Subscriber) (*digest.Message, error) {
		return c.Compose("ed1", ed, now, s)
	}), sender: &Sender{Store: st, Transport: tr, Instance: "test", Clock: digest.SystemClock{}, Log: log, Workers: 3,
		MaxAttempts: 4, BackoffBase: time.Millisecond, BackoffMax: 5 * time.Millisecond,
		SendTimeout: 10 * time.Second, Sleep: SleepContext}}
}

type composerFunc func(digest.Subscriber) (*digest.Message, error)

func (f composerFunc) Compose(s digest.Subscriber) (*digest.Message, error) { return f(s) }

// received counts the copies each subscriber got.
func (r *rig) received() map[string]int {
	got := map[string]int{}
	for _, m := range r.server.Messages() {
		for _, to := range m.To {
			got[to]++
		}
	}
	return got
}

func (r *rig) send(t *testing.T) Summary {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	sum, err := r.sender.Send(ctx, "ed1", r.comp)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	return sum
}

func (r *rig) edition(t *testing.T) digest.EditionStatus {
	e, err := r.store.Edition(context.Background(), "ed1")
	if err != nil {
		t.Fatal(err)
	}
	return e.Status
}

func TestRetriedFailuresAreDeliveredOnce(t *testing.T) {
	tests := []struct {
		name string
		opts smtptest.Options
	}{
		{"451 on the third DATA", smtptest.Options{DataReply: map[int]*smtp.SMTPError{
			3: {Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"}}}},
		{"connection dropped in DATA", smtptest.Options{DropInData: map[int]bool{2: true, 5: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t, 8, tt.opts, nil)
			sum := r.send(t)
			if sum.Sent != 8 || sum.Retries == 0 || !sum.Finished {
				t.Errorf("summary %+v, want 8 sent after retries, finished", sum)
			}
			for _, s := range r.subs {
				if n := r.received()[s.Address]; n != 1 {
					t.Errorf("%s received %d copies, want 1", s.Address, n)
				}
			}
			if st := r.edition(t); st != digest.EditionSent {
				t.Errorf("edition is %s", st)
			}
		})
	}
}

func TestRefusedRecipientFailsAlone(t *testing.T) {
	r := newRig(t, 6, smtptest.Options{RcptReply: func(rcpt string) *smtp.SMTPError {
		if rcpt == "nobody@example.net" {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
		}
		return nil
	}}, nil)
	sum := r.send(t)
	if sum.Sent != 5 || sum.Failed != 1 || sum.Retries != 0 || !sum.Finished {
		t.Errorf("summary %+v, want 5 sent, 1 failed, no retries, finished", sum)
	}
	sub, _ := r.store.Subscriber(context.Background(), "nobody@example.net")
	if sub.Status != digest.SubscriberBounced {
		t.Errorf("refused subscriber is %s, want bounced", sub.Status)
	}
	if st := r.edition(t); st != digest.EditionSent {
		t.Errorf("edition is %s", st)
	}
}

// When the server stores a message but its reply is lost, the message is
// sent again: at least once, possibly twice, never zero times.
func TestLostDataReplyNeverLosesAMessage(t *testing.T) {
	r := newRig(t, 5, smtptest.Options{LoseDataReply: map[int]bool{2: true}}, nil)
	sum := r.send(t)
	if sum.Sent != 5 || !sum.Finished {
		t.Errorf("summary %+v", sum)
	}
	got, dups := r.received(), 0
	for _, s := range r.subs {
		if got[s.Address] == 0 {
			t.Errorf("%s received nothing", s.Address)
		}
		dups += got[s.Address] - 1
	}
	if dups != 1 {
		t.Errorf("%d duplicates, want exactly the one whose reply was lost", dups)
	}
}

func TestServerThatNeverGreetsDefersWithinDeadline(t *testing.T) {
	r := newRig(t, 3, smtptest.Options{NoGreeting: true}, func(c *transport.SMTPConfig) { c.DialTimeout = 300 * time.Millisecond })
	r.sender.MaxAttempts = 2
	sum := r.send(t) // bounded by the 60 s test context: a hang fails the test
	if sum.Deferred != 3 || sum.Sent != 0 || sum.Finished {
		t.Errorf("summary %+v, want all 3 deferred", sum)
	}
	rows, _ := r.store.Deliveries(context.Background(), "ed1", 0)
	for _, d := range rows {
		if d.Status != digest.DeliveryDeferred || d.Attempts != 2 || !strings.Contains(d.LastError, "dial timeout") {
			t.Errorf("row %+v", d)
		}
	}
	if st := r.edition(t); st != digest.EditionSending {
		t.Errorf("edition is %s, want still sending (deferred rows remain)", st)
	}
}

// TLS required but not offered: nothing goes out in clear text, the run
// stops, and no subscriber is blamed for it.
func TestTLSRequiredButNotOfferedFailsClosed(t *testing.T) {
	r := newRig(t, 4, smtptest.Options{}, func(c *transport.SMTPConfig) { c.TLS = transport.TLSStartTLS })
	_, err := r.sender.Send(context.Background(), "ed1", r.comp)
	if err == nil || !errors.Is(err, transport.ErrTLSUnavailable) {
		t.Fatalf("err = %v, want ErrTLSUnavailable", err)
	}
	if n := len(r.server.Messages()); n != 0 || r.server.MailCommands() != 0 {
		t.Errorf("server saw %d messages and %d MAIL commands in clear text", n, r.server.MailCommands())
	}
	counts, _ := r.store.DeliveryCounts(context.Background(), "ed1")
	if counts[digest.DeliveryFailed] != 0 || counts[digest.DeliverySent] != 0 {
		t.Errorf("counts %v: a configuration problem marked subscribers", counts)
	}
}

func TestSendingASentEditionSendsNothing(t *testing.T) {
	r := newRig(t, 3, smtptest.Options{}, nil)
	r.send(t)
	before := len(r.server.Messages())
	_, err := r.sender.Send(context.Background(), "ed1", r.comp)
	if !errors.Is(err, digest.ErrAlreadySent) {
		t.Errorf("second send: %v, want ErrAlreadySent", err)
	}
	if after := len(r.server.Messages()); after != before {
		t.Errorf("second send delivered %d more", after-before)
	}
}

// A run stopped by its context lets in-flight messages finish and a second
// run completes the rest without duplicates.
func TestStoppedRunResumesWithoutDuplicates(t *testing.T) {
	r := newRig(t, 40, smtptest.Options{}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	r.sender.Progress = func(s Summary) {
		if s.Sent == 10 {
			cancel()
		}
	}
	first, err := r.sender.Send(ctx, "ed1", r.comp)
	if err != nil {
		t.Fatal(err)
	}
	if first.Finished || first.Sent < 10 || first.Sent >= 40 {
		t.Fatalf("first run %+v, want stopped part way", first)
	}
	r.sender.Progress = nil
	second := r.send(t)
	if !second.Finished || first.Sent+second.Sent != 40 {
		t.Errorf("runs sent %d + %d, want 40 in all", first.Sent, second.Sent)
	}
	for _, s := range r.subs {
		if n := r.received()[s.Address]; n != 1 {
			t.Errorf("%s received %d copies", s.Address, n)
		}
	}
}
