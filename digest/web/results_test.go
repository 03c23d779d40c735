package web

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
	"github.com/digest-newsletter/digest/digest/transport"
	"github.com/emersion/go-smtp"
)

const countClicks = "web:\n  count_clicks: true\n"

// linkedEdition builds an edition from the three articles with URLs in
// testdata/linked, dropped into the fixture's drop folder, and returns it.
func linkedEdition(t *testing.T, f *desktest.Fixture) *digest.Edition {
	t.Helper()
	drop := f.App.Config.ResolveDataPath("drop")
	if err := os.MkdirAll(drop, 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/linked/*.md")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(drop, filepath.Base(name))
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
		// Settled: the drop folder passes over files still being written.
		old := time.Now().Add(-time.Hour)
		if err := os.Chtimes(dst, old, old); err != nil {
			t.Fatal(err)
		}
	}
	res, err := f.App.Builder.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(linkedItems(res.Edition)) < 2 {
		t.Fatalf("edition %s has %d items with a URL, want the dropped ones", res.Edition.ID, len(linkedItems(res.Edition)))
	}
	return res.Edition
}

// linkedItems are an edition's items that link to their article.
func linkedItems(ed *digest.Edition) []digest.Item {
	var out []digest.Item
	for _, s := range ed.Sections {
		for _, it := range s.Items {
			if it.URL != "" {
				out = append(out, it)
			}
		}
	}
	return out
}

// relayTo sends the fixture's mail to an in-process SMTP server.
func relayTo(t *testing.T, f *desktest.Fixture, opts smtptest.Options) *smtptest.Server {
	t.Helper()
	relay := smtptest.NewServer(t, opts)
	f.Desk.OpenTransport = func(ctx context.Context) (digest.Transport, error) {
		return transport.NewSMTP(transport.SMTPConfig{Addr: relay.Addr, TLS: transport.TLSOff, HeloName: "test.example",
			Connections: 1, MaxPerConnection: 100, IdleTimeout: 30 * time.Second, DialTimeout: 10 * time.Second,
			CommandTimeout: 60 * time.Second}, nil)
	}
	return relay
}

func results(t *testing.T, f *desktest.Fixture, id string) *desk.Results {
	t.Helper()
	r, err := f.Desk.Results(context.Background(), id)
	if err != nil {
		t.Fatalf("results of %s: %v", id, err)
	}
	return r
}

// An edition sent to two subscribers, one refused by the relay: the
// results count one delivered and one failed (the reason in words), a
// bounce that came back later with the policy's decision, an unsubscribe
// after the send, and clicks through the public redirect, which go where
// the edition's links go, count only once it is sent, and leave nothing
// of who clicked in the database.
func TestResultsAfterSend(t *testing.T) {
	f := desktest.NewWithConfig(t, countClicks)
	ctx := context.Background()
	ed := linkedEdition(t, f)
	items := linkedItems(ed)
	ada, grace := f.Subscribers[0], f.Subscribers[1]
	relay := relayTo(t, f, smtptest.Options{RcptReply: func(rcpt string) *smtp.SMTPError {
		if rcpt == grace.Address {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user here"}
		}
		return nil
	}})
	pub := newPublic(t, f)
	click := func(n string) *http.Response {
		rec := request{target: "/r/" + ed.ID + "/" + n, header: map[string]string{
			"User-Agent": "UA-canary-5821", "X-Forwarded-For": "192.0.2.147"}}.do(t, pub, publicAddr)
		return rec.Result()
	}
	// Before it is sent (the editor trying a link), a click goes through
	// and counts nothing.
	if res := click(items[0].ID); res.StatusCode != http.StatusFound {
		t.Fatalf("click on a draft's link = %d, want 302", res.StatusCode)
	}
	if err := f.Desk.Approve(ctx, ed.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Desk.Send(ctx, ed.ID, nil); err != nil {
		t.Fatalf("send: %v", err)
	}
	msgs := relay.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != ada.Address {
		t.Fatalf("relay took %d messages, want one to %s", len(msgs), ada.Address)
	}
	// The message's article links are the redirect's, and nothing else.
	body := desktest.Decode(t, msgs[0].Data).Body
	for _, it := range items {
		if strings.Contains(body, it.URL) {
			t.Errorf("the email links %s directly", it.URL)
		}
		if want := desktest.PublicURL + "/r/" + ed.ID + "/" + it.ID; !strings.Contains(body, want) {
			t.Errorf("the email lacks the redirect %s", want)
		}
	}
	r := results(t, f, ed.ID)
	if r.Delivered != 1 || r.Failed != 1 || r.Deferred != 0 || r.UnsubscribedAfter != 0 {
		t.Fatalf("results = delivered %d, failed %d, deferred %d, unsubscribed %d; want 1, 1, 0, 0",
			r.Delivered, r.Failed, r.Deferred, r.UnsubscribedAfter)
	}
	if len(r.Failures) != 1 || !strings.Contains(r.Failures[0].Words, "does not exist") {
		t.Errorf("failures = %+v, want one: the address does not exist", r.Failures)
	}
	if r.Clicks == nil || r.Clicks[0].Clicks != 0 {
		t.Errorf("clicks right after the send = %+v, want zeros (a draft's clicks count nothing)", r.Clicks)
	}

	// Clicks after the send: the first linked item twice, the second once.
	for _, it := range []digest.Item{items[0], items[0], items[1]} {
		res := click(it.ID)
		if res.StatusCode != http.StatusFound {
			t.Fatalf("click on item %d = %d, want 302", it.Number, res.StatusCode)
		}
		if loc := res.Header.Get("Location"); loc != it.URL {
			t.Errorf("click on item %d goes to %q, want %q", it.Number, loc, it.URL)
		}
	}
	// A bounce about the edition comes back later, and the reader who was
	// sent it unsubscribes an hour on.
	if _, err := f.Store.RecordBounce(ctx, &digest.BounceEvent{SourceKey: "results-test", SubscriberID: grace.ID, EditionID: ed.ID,
		Kind: digest.BounceHard, Status: "5.1.1", Action: digest.BounceMarked, Decision: "hard bounce: no more mail",
		Raw: []byte("dsn"), ReceivedAt: f.Clock.Now()}); err != nil {
		t.Fatal(err)
	}
	f.Clock.Set(f.Clock.Now().Add(time.Hour))
	if _, err := f.Desk.Unsubscribe(ctx, compose.Ref(ada), compose.Token(f.Secret, ada)); err != nil {
		t.Fatal(err)
	}

	r = results(t, f, ed.ID)
	if r.UnsubscribedAfter != 1 {
		t.Errorf("unsubscribed after = %d, want 1", r.UnsubscribedAfter)
	}
	if len(r.Bounces) != 1 || r.Bounces[0].Kind != digest.BounceHard || r.Bounces[0].N != 1 ||
		len(r.Bounces[0].Decisions) != 1 || r.Bounces[0].Decisions[0].Words != "hard bounce: no more mail" {
		t.Errorf("bounces = %+v, want one hard bounce with its decision", r.Bounces)
	}
	got := map[int]int{}
	for _, c := range r.Clicks {
		got[c.Number] = c.Clicks
	}
	if got[items[0].Number] != 2 || got[items[1].Number] != 1 || len(r.Clicks) != len(items) {
		t.Errorf("clicks = %v, want item %d: 2, item %d: 1, over %d items", got, items[0].Number, items[1].Number, len(items))
	}

	// The editors' page says it all, in aggregates that name nobody.
	page := get(t, newEditor(t, f), "/editions/"+ed.ID+"/results").Body.String()
	for _, want := range []string{"<dt>Delivered</dt><dd>1</dd>", "<dt>Failed</dt><dd>1</dd>", "<dt>Unsubscribed after it</dt><dd>1 ",
		"The address does not exist: the receiving server refused it: 1", "Bounced for good", "hard bounce: no more mail: 1",
		items[0].Title} {
		mustContain(t, page, want)
	}
	for _, who := range []string{ada.Address, grace.Address} {
		if strings.Contains(page, who) {
			t.Errorf("the results page names %s", who)
		}
	}
	// The edition page and the list link the results once sent.
	mustContain(t, get(t, newEditor(t, f), "/editions/"+ed.ID).Body.String(), "/editions/"+ed.ID+"/results")
	mustContain(t, get(t, newEditor(t, f), "/").Body.String(), "editions/"+ed.ID+"/results")

	// Nothing of who clicked reached the database.
	if os.Getenv("DIGEST_TEST_BACKEND") != "postgres" {
		files, _ := filepath.Glob(f.App.Config.ResolveDataPath("digest.db*"))
		if len(files) == 0 {
			t.Fatal("no database file to search")
		}
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, canary := range []string{"UA-canary-5821", "192.0.2.147"} {
				if bytes.Contains(b, []byte(canary)) {
					t.Errorf("%s holds %q from a click", filepath.Base(name), canary)
				}
			}
		}
	}
}

// An unsubscribe counts for the last edition that reached the reader
// before they left, not for an earlier one.
func TestUnsubscribedAfterTheLastEditionOnly(t *testing.T) {
	f := desktest.New(t)
	ctx := context.Background()
	sendAt := func(id string, at time.Time) {
		t.Helper()
		f.Clock.Set(at)
		if err := f.Desk.Approve(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.Send(ctx, id, nil); err != nil {
			t.Fatal(err)
		}
	}
	t0 := f.Clock.Now()
	sendAt(f.EditionID, t0.Add(time.Hour))
	second := linkedEdition(t, f)
	sendAt(second.ID, t0.Add(48*time.Hour))
	ada := f.Subscribers[0]
	f.Clock.Set(t0.Add(50 * time.Hour))
	if _, err := f.Desk.Unsubscribe(ctx, compose.Ref(ada), compose.Token(f.Secret, ada)); err != nil {
		t.Fatal(err)
	}
	if n := results(t, f, f.EditionID).UnsubscribedAfter; n != 0 {
		t.Errorf("first edition: %d unsubscribed after it, want 0 (a later edition reached the reader first)", n)
	}
	if n := results(t, f, second.ID).UnsubscribedAfter; n != 1 {
		t.Errorf("second edition: %d unsubscribed after it, want 1", n)
	}
}
