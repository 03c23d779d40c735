package app_test

import (
	"bytes"
	"context"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/app"
	"github.com/digest-newsletter/digest/digest/bounces"
	"github.com/digest-newsletter/digest/digest/pipeline"
	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
)

// fixture reads a message of package bounce's real samples, with its
// addresses and ids changed as the delivery they report would have them.
func fixture(t *testing.T, name string, replace ...string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "bounce", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	out := strings.NewReplacer(replace...).Replace(string(raw))
	if len(replace) > 0 && out == string(raw) {
		t.Fatalf("%s: nothing replaced", name)
	}
	return []byte(out)
}

// mbox writes messages as an mbox file, quoting body lines that start
// with "From " as an MTA does.
func mbox(t *testing.T, msgs ...[]byte) string {
	var b bytes.Buffer
	for _, m := range msgs {
		b.WriteString("From MAILER-DAEMON Mon Dec  7 00:00:00 2026\n")
		for _, line := range strings.SplitAfter(string(m), "\n") {
			if strings.HasPrefix(line, "From ") {
				b.WriteString(">")
			}
			b.WriteString(line)
		}
		b.WriteString("\n")
	}
	path := filepath.Join(t.TempDir(), "bounces.mbox")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// sentEdition sends an edition to ada, bob and cy with VERP envelope
// senders, and returns each one's envelope sender and Message-ID.
func sentEdition(t *testing.T) (server *smtptest.Server, a *app.App, res *pipeline.Result, envelope, msgID map[string]string) {
	t.Helper()
	server = smtptest.NewServer(t, smtptest.Options{})
	a = openSubscribed(t, server, "mail:\n  bounces:\n    verp_domain: bounce.example.org\n")
	ctx := context.Background()
	res, err := a.Builder.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Desk.Send(ctx, res.Edition.ID, nil); err != nil {
		t.Fatal(err)
	}
	envelope, msgID = map[string]string{}, map[string]string{}
	for _, m := range server.Messages() {
		parsed, err := mail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			t.Fatal(err)
		}
		envelope[m.To[0]], msgID[m.To[0]] = m.From, strings.Trim(parsed.Header.Get("Message-ID"), "<>")
	}
	return server, a, res, envelope, msgID
}

// Soft bounces add up: the third within the window marks the subscriber
// bounced, the two before change nothing. A report to a forged token
// (the right form, a wrong signature) is kept and changes nobody.
func TestSoftBouncesAndForgedTokens(t *testing.T) {
	ctx := context.Background()
	_, a, _, envelope, _ := sentEdition(t)
	soft := func(n string) []byte {
		return fixture(t, "dsn-hotmail-delayed.eml", "shironeko@outlook.example.com", envelope["ada@example.net"],
			"ix4A2DreB00015f8e", "ix4A2DreB0001500"+n)
	}
	local, domain, _ := strings.Cut(envelope["bob@example.net"], "@")
	forged := local[:len(local)-4] + "aaaa@" + domain
	steps := []struct {
		msg  []byte
		want bounces.Summary
		ada  digest.SubscriberStatus
	}{
		{soft("1"), bounces.Summary{Read: 1, Soft: 1}, digest.SubscriberActive},
		{soft("2"), bounces.Summary{Read: 1, Soft: 1}, digest.SubscriberActive},
		{fixture(t, "dsn-postfix.eml", "kijitora@example.jp", forged), bounces.Summary{Read: 1, Hard: 1, Unmatched: 1}, digest.SubscriberActive},
		{soft("3"), bounces.Summary{Read: 1, Soft: 1, Bounced: 1}, digest.SubscriberBounced},
	}
	for i, st := range steps {
		sum, err := a.Bounces(ctx, bounces.Mbox{Path: mbox(t, st.msg)})
		if err != nil || sum != st.want {
			t.Errorf("step %d: %+v, %v; want %+v", i+1, sum, err, st.want)
		}
		if ada, _ := a.Store.Subscriber(ctx, "ada@example.net"); ada.Status != st.ada {
			t.Errorf("step %d: ada is %s, want %s", i+1, ada.Status, st.ada)
		}
	}
	if bob, _ := a.Store.Subscriber(ctx, "bob@example.net"); bob.Status != digest.SubscriberActive {
		t.Errorf("a forged token made bob %s", bob.Status)
	}
	if evs, _ := a.Store.BounceEvents(ctx, 0); len(evs) != 1 || evs[0].Decision == "" {
		t.Errorf("unmatched reports: %+v, want the forged one kept with its decision", evs)
	}
}

// The whole way: an edition goes to ada, bob and cy with VERP envelope
// senders; the bounce mailbox then holds a real Postfix DSN sent to bob's
// envelope sender, a real ARF complaint quoting cy's Message-ID, a real
// vacation reply to ada's envelope sender and a person's message. Reading
// it marks bob bounced (by the token), unsubscribes cy (by the
// Message-ID), leaves ada active, and keeps each report with its
// evidence; reading it again, or the same messages from a Maildir,
// counts nothing twice; the next edition goes to ada alone.
func TestBouncesEndToEnd(t *testing.T) {
	ctx := context.Background()
	server, a, res, envelope, msgID := sentEdition(t)

	box := mbox(t,
		fixture(t, "dsn-postfix.eml", "kijitora@example.jp", envelope["bob@example.net"]),
		fixture(t, "arf-terra.eml", "f6fbba8a761ce682e1b00a323a21b372@example.net", msgID["cy@example.net"]),
		fixture(t, "auto-zimbra.eml", "\nTo: \n", "\nTo: <"+envelope["ada@example.net"]+">\n"),
		fixture(t, "not-forwarded.eml"),
	)
	want := bounces.Summary{Read: 4, Hard: 1, Complaints: 1, AutoReplies: 1, Other: 1, Bounced: 1, Unsubscribed: 1}
	sum, err := a.Bounces(ctx, bounces.Mbox{Path: box})
	if err != nil || sum != want {
		t.Fatalf("first read: %+v, %v; want %+v", sum, err, want)
	}
	status := func(addr string) digest.SubscriberStatus {
		sub, err := a.Store.Subscriber(ctx, addr)
		if err != nil {
			t.Fatal(err)
		}
		return sub.Status
	}
	for addr, want := range map[string]digest.SubscriberStatus{"ada@example.net": digest.SubscriberActive,
		"bob@example.net": digest.SubscriberBounced, "cy@example.net": digest.SubscriberUnsubscribed} {
		if got := status(addr); got != want {
			t.Errorf("%s is %s, want %s", addr, got, want)
		}
	}
	bob, _ := a.Store.Subscriber(ctx, "bob@example.net")
	evs, err := a.Store.BounceEvents(ctx, bob.ID)
	if err != nil || len(evs) != 1 {
		t.Fatalf("bob's events: %+v, %v", evs, err)
	}
	if ev := evs[0]; ev.MatchedBy != "verp" || ev.EditionID != res.Edition.ID || !strings.HasPrefix(ev.Status, "5.") ||
		ev.Action != digest.BounceMarked || ev.Decision == "" {
		t.Errorf("bob's event lacks its evidence: %+v", ev)
	}
	cy, _ := a.Store.Subscriber(ctx, "cy@example.net")
	if evs, _ := a.Store.BounceEvents(ctx, cy.ID); len(evs) != 1 || evs[0].MatchedBy != "message-id" || evs[0].Kind != digest.BounceComplaint {
		t.Errorf("cy's events: %+v", evs)
	}

	// Again, and from a Maildir holding the same messages: nothing counts twice.
	again := bounces.Summary{Read: 4, Hard: 1, Complaints: 1, AutoReplies: 1, Other: 1, Duplicates: 2}
	if sum, err := a.Bounces(ctx, bounces.Mbox{Path: box}); err != nil || sum != again {
		t.Errorf("second read: %+v, %v; want %+v", sum, err, again)
	}
	dir := t.TempDir()
	for _, sub := range []string{"new", "cur", "tmp"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o700)
	}
	bounces.Mbox{Path: box}.Each(ctx, func(m bounces.Message) (bool, error) {
		return false, os.WriteFile(filepath.Join(dir, "new", filepath.Base(m.Name)+".eml"), m.Raw, 0o600)
	})
	if sum, err := a.Bounces(ctx, bounces.Maildir{Dir: dir}); err != nil || sum != again {
		t.Errorf("maildir read: %+v, %v; want %+v", sum, err, again)
	}
	if evs, _ := a.Store.BounceEvents(ctx, bob.ID); len(evs) != 1 {
		t.Errorf("bob has %d events after reading three times, want 1", len(evs))
	}

	// The next edition, of a new article, goes to ada alone.
	drop := filepath.Join(a.Config.DataDir, "drop")
	os.MkdirAll(drop, 0o700)
	fresh := "Tokyo and Brussels Open a Joint Cyber Defence Centre\n\nby Staff Writer\n\n" +
		strings.Repeat("Japan and NATO opened a joint centre for cyber defence in Tallinn on Monday, staffed by officers from both sides. "+
			"The centre will share warnings about attacks on undersea cables, power grids and satellite links, officials said.\n\n", 6)
	if err := os.WriteFile(filepath.Join(drop, "second.txt"), []byte(fresh), 0o600); err != nil {
		t.Fatal(err)
	}
	// A drop file is read once it has settled (not changed for a while).
	old := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(drop, "second.txt"), old, old)
	next, err := a.Builder.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before := len(server.Messages())
	if _, err := a.Desk.Send(ctx, next.Edition.ID, nil); err != nil {
		t.Fatal(err)
	}
	var to []string
	for _, m := range server.Messages()[before:] {
		to = append(to, m.To...)
	}
	if len(to) != 1 || to[0] != "ada@example.net" {
		t.Errorf("next edition went to %v, want ada@example.net alone", to)
	}
}
