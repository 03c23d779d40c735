package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

func newSignupFace(t *testing.T, f *desktest.Fixture) http.Handler {
	t.Helper()
	h, err := NewPublic(f.Desk, PublicOptions{Addr: publicAddr, PublicURL: desktest.PublicURL, Clock: f.Clock, Secret: f.Secret})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// testClient is the address httptest.NewRequest gives a request.
const testClient = "192.0.2.1"

// filled is the sign-up form as a person sends it: the values, and the
// token of a form served to client ("": testClient) minFillTime ago.
func filled(f *desktest.Fixture, client string, values url.Values) request {
	if client == "" {
		client = testClient
	}
	ft, err := newFormTokens(f.Secret, func() time.Time { return f.Clock.Now().Add(-minFillTime) })
	if err != nil {
		panic(err)
	}
	values.Set(formTokenField, ft.issue(client))
	return request{method: http.MethodPost, target: "/subscribe", form: values}
}

func signupForm(f *desktest.Fixture, address string) request {
	return filled(f, "", url.Values{"email": {address}})
}

var confirmLink = regexp.MustCompile(`/subscribe/confirm\?s=[0-9a-f]{32}&e=\d+&t=[\w-]+`)

func TestSignupDoubleOptIn(t *testing.T) {
	f := desktest.New(t)
	h := newSignupFace(t, f)
	const addr = "new.reader@example.com"

	rec := signupForm(f, addr).do(t, h, publicAddr)
	if rec.Code != http.StatusAccepted {
		t.Fatalf("sign-up = %d: %s", rec.Code, rec.Body)
	}
	mustContain(t, rec.Body.String(), "Check your inbox")
	f.SendNotices(t)
	sub, err := f.Store.Subscriber(t.Context(), addr)
	if err != nil || sub.Status != digest.SubscriberPending {
		t.Fatalf("after sign-up: %+v, %v; want pending", sub, err)
	}
	msgs := f.Messages(t)
	if len(msgs) != 1 {
		t.Fatalf("%d messages sent, want the confirmation", len(msgs))
	}
	link := confirmLink.FindString(msgs[0].Body)
	if link == "" {
		t.Fatalf("no confirmation link in:\n%s", msgs[0].Body)
	}

	// Asking again within the hour sends nothing more, with the same answer.
	again := signupForm(f, addr).do(t, h, publicAddr)
	f.SendNotices(t)
	if n := len(f.Messages(t)); again.Code != http.StatusAccepted || n != 1 {
		t.Errorf("second sign-up within the hour: %d, %d messages", again.Code, n)
	}

	// GET shows a button and changes nothing (mail scanners open links).
	rec = request{target: link}.do(t, h, publicAddr)
	mustContain(t, rec.Body.String(), "Confirm my subscription")
	if sub, _ := f.Store.Subscriber(t.Context(), addr); sub.Status != digest.SubscriberPending {
		t.Fatalf("GET of the link made the subscriber %s", sub.Status)
	}
	// A forged token, or one for another id, is refused.
	for _, bad := range []string{link + "x", strings.Replace(link, "s=", "s=9", 1)} {
		if rec := (request{method: http.MethodPost, target: bad}).do(t, h, publicAddr); rec.Code != http.StatusForbidden {
			t.Errorf("POST %s = %d, want 403", bad, rec.Code)
		}
	}
	rec = request{method: http.MethodPost, target: link}.do(t, h, publicAddr)
	if rec.Code != http.StatusOK {
		t.Fatalf("confirm = %d: %s", rec.Code, rec.Body)
	}
	mustContain(t, rec.Body.String(), "You are subscribed")
	if sub, _ := f.Store.Subscriber(t.Context(), addr); sub.Status != digest.SubscriberActive {
		t.Fatalf("after confirming the subscriber is %s", sub.Status)
	}
	f.SendNotices(t)
	if msgs := f.Messages(t); len(msgs) != 2 || !strings.HasPrefix(msgs[1].Subject, "Welcome to") {
		t.Errorf("%d messages after confirming, want the welcome second", len(msgs))
	}
	// A replayed link does nothing but say so (TestUsedLinkSaysSubscribed).
	rec = request{method: http.MethodPost, target: link}.do(t, h, publicAddr)
	mustContain(t, rec.Body.String(), "You are already subscribed")
	f.SendNotices(t)
	if n := len(f.Messages(t)); n != 2 {
		t.Errorf("a replayed confirmation sent mail: %d messages, want 2", n)
	}
}

func TestSignupLinkExpires(t *testing.T) {
	f := desktest.New(t)
	h := newSignupFace(t, f)
	signupForm(f, "late@example.com").do(t, h, publicAddr)
	f.SendNotices(t)
	link := confirmLink.FindString(f.Messages(t)[0].Body)
	f.Clock.Set(f.Clock.Now().Add(49 * time.Hour))
	rec := request{method: http.MethodPost, target: link}.do(t, h, publicAddr)
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "expired") {
		t.Errorf("expired link = %d: %s", rec.Code, rec.Body)
	}
	if sub, _ := f.Store.Subscriber(t.Context(), "late@example.com"); sub.Status != digest.SubscriberPending {
		t.Errorf("an expired link made the subscriber %s", sub.Status)
	}
	// Only confirmed addresses receive editions.
	if _, err := f.Desk.Send(t.Context(), f.EditionID, nil); err != nil {
		t.Fatal(err)
	}
	for _, m := range f.Messages(t)[1:] {
		if m.To == "late@example.com" {
			t.Error("an unconfirmed address received the edition")
		}
	}
	if n := len(f.Messages(t)); n != 1+len(f.Subscribers) {
		t.Errorf("%d messages, want the confirmation and one per active subscriber (%d)", n, len(f.Subscribers))
	}
}

// The answer is the same for a new address, a listed one, one that
// unsubscribed and a honeypot hit; only a new one is mailed.
func TestSignupRevealsNothing(t *testing.T) {
	f := desktest.New(t)
	h := newSignupFace(t, f)
	left := f.Subscribers[1]
	if err := f.Store.SetSubscriberStatus(t.Context(), left.ID, digest.SubscriberUnsubscribed, f.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	answer := func(addr string, form url.Values) string {
		rec := filled(f, "", form).do(t, h, publicAddr)
		if rec.Code != http.StatusAccepted {
			t.Fatalf("sign-up of %s = %d", addr, rec.Code)
		}
		return strings.ReplaceAll(rec.Body.String(), addr, "ADDRESS")
	}
	fresh := answer("fresh@example.com", url.Values{"email": {"fresh@example.com"}})
	for _, addr := range []string{f.Subscribers[0].Address, left.Address} {
		if got := answer(addr, url.Values{"email": {addr}}); got != fresh {
			t.Errorf("the answer for %s differs from a new address's", addr)
		}
	}
	bot := answer("bot@example.com", url.Values{"email": {"bot@example.com"}, honeypotField: {"http://spam.example"}})
	if bot != fresh {
		t.Error("the honeypot's answer differs")
	}
	if _, err := f.Store.Subscriber(t.Context(), "bot@example.com"); err == nil {
		t.Error("the honeypot sign-up was stored")
	}
	// Mailed: the new address, and the one that left (its own choice to
	// come back, by the link); not the active one, not the bot.
	f.SendNotices(t)
	if n := len(f.Messages(t)); n != 2 {
		t.Errorf("%d messages, want 2", n)
	}
	if sub, _ := f.Store.SubscriberByID(t.Context(), left.ID); sub.Status != digest.SubscriberUnsubscribed {
		t.Errorf("signing up again made an unsubscribed address %s before confirming", sub.Status)
	}
}

func TestSignupLimits(t *testing.T) {
	f := desktest.New(t)
	h := newSignupFace(t, f)
	var codes []int
	for i := range signupsPerClient + 1 {
		rec := filled(f, "", url.Values{"email": {"reader" + string(rune('a'+i)) + "@example.com"}}).do(t, h, publicAddr)
		codes = append(codes, rec.Code)
	}
	if codes[signupsPerClient-1] != http.StatusAccepted || codes[signupsPerClient] != http.StatusTooManyRequests {
		t.Errorf("codes %v: want %d× 202 then 429", codes, signupsPerClient)
	}
	// The API answers the same way, 202 for any address, 400 for none.
	f2 := desktest.New(t)
	h2 := newSignupFace(t, f2)
	rec := request{method: http.MethodPost, target: "/api/subscribe", header: map[string]string{"Content-Type": "application/json"},
		body: `{"email":"api@example.com"}`}.do(t, h2, publicAddr)
	if rec.Code != http.StatusAccepted || rec.Header().Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("API sign-up = %d, CORS %q", rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	}
	rec = request{method: http.MethodPost, target: "/api/subscribe", header: map[string]string{"Content-Type": "application/json"},
		body: `{"email":"not an address"}`}.do(t, h2, publicAddr)
	if rec.Code != http.StatusBadRequest {
		t.Errorf("API sign-up of a bad address = %d, want 400", rec.Code)
	}
}

// The archive's feed lists sent editions with absolute links to their
// web copies, which the email's "view in your browser" link opens.
func TestArchiveFeed(t *testing.T) {
	f := desktest.New(t)
	h := newSignupFace(t, f)
	rec := request{target: "/archive.atom"}.do(t, h, publicAddr)
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "<entry>") {
		t.Fatalf("feed before anything was sent = %d:\n%s", rec.Code, rec.Body)
	}
	if _, err := f.Desk.Send(t.Context(), f.EditionID, nil); err != nil {
		t.Fatal(err)
	}
	rec = request{target: "/archive.atom"}.do(t, h, publicAddr)
	var feed atomFeed
	if err := xml.Unmarshal(rec.Body.Bytes(), &feed); err != nil {
		t.Fatalf("feed: %v\n%s", err, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") || len(feed.Entries) != 1 {
		t.Fatalf("feed %s with %d entries", ct, len(feed.Entries))
	}
	link := feed.Entries[0].Link.Href
	if link != desktest.PublicURL+"/archive/"+f.EditionID {
		t.Errorf("entry link %s", link)
	}
	sent := f.Messages(t)
	if len(sent) == 0 || !strings.Contains(sent[0].Body, link) {
		t.Error("the sent message has no link to its web copy")
	}
	page := request{target: strings.TrimPrefix(link, desktest.PublicURL)}.do(t, h, publicAddr)
	if page.Code != http.StatusOK || strings.Contains(page.Body.String(), "unsubscribe?") {
		t.Errorf("web copy = %d, or it carries a personal link", page.Code)
	}
}

// An address no message could be composed for is refused at the form,
// with what is wrong, and nothing is stored: before, a 12,000-character
// or non-ASCII address was kept as pending and composing it failed.
func TestSignupRefusesUnusableAddresses(t *testing.T) {
	f := desktest.New(t)
	tests := []struct{ name, address, want string }{
		{"12,000 characters", strings.Repeat("a", 12000) + "@example.com", "at most 254"},
		{"non-ASCII local part", "jürgen@example.de", "SMTPUTF8"},
		{"right-to-left override", "moc.elpmaxe\u202e@example.com", "202E"},
		{"C1 control", "ada\u0085@example.com", "0085"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newSignupFace(t, f) // limits of its own
			for _, rq := range []request{signupForm(f, tt.address), {method: http.MethodPost, target: "/api/subscribe",
				header: map[string]string{"Content-Type": "application/json"}, body: `{"email":` + strconv.Quote(tt.address) + `}`}} {
				rec := rq.do(t, h, publicAddr)
				if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), tt.want) {
					t.Errorf("%s = %d, want 400 saying %q: %.300s", rq.target, rec.Code, tt.want, rec.Body)
				}
			}
			if subs, _ := f.Store.Subscribers(t.Context(), digest.SubscriberPending); len(subs) > 0 {
				t.Errorf("stored %.60q as pending", subs[0].Address)
			}
		})
	}
}
