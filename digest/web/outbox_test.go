package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// relayDown is what a relay that is down answers.
var relayDown = &digest.SendError{Code: 421, Temporary: true, Err: errors.New("service not available")}

// queued counts the outbox's sign-up rows for an address.
func queued(t *testing.T, f *desktest.Fixture, address string) int {
	t.Helper()
	rows, err := f.Store.Notices(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range rows {
		if strings.EqualFold(r.Address, address) && r.Kind == digest.NoticeSignup && r.Status == digest.NoticeQueued {
			n++
		}
	}
	return n
}

// Sign-up is no oracle: for a new, pending, active, unsubscribed or
// bounced address, with the relay down, the form and the API answer 202
// with the same page, having done the same work, a queued row and no
// message. Before, a new address's confirmation was sent inside the
// request: 500 when the relay failed, 202 for a listed address, and
// 200 ms against 15. What each row causes is the worker's to decide,
// later: a link for the new, pending and unsubscribed ones, sent once
// the relay is back.
func TestSignupAnswersAlike(t *testing.T) {
	f := desktest.New(t)
	r := intercept(f)
	r.set(relayDown)
	ctx := context.Background()
	left := f.Subscribers[1]
	if err := f.Store.SetSubscriberStatus(ctx, left.ID, digest.SubscriberUnsubscribed, f.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.Store.AddSubscribers(ctx, []digest.Subscriber{{Address: "pending@example.com", Status: digest.SubscriberPending},
		{Address: "bounced@example.com", Status: digest.SubscriberBounced}}, f.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	addresses := []string{"new@example.com", "pending@example.com", f.Subscribers[0].Address, left.Address, "bounced@example.com"}
	var page, api string
	for _, addr := range addresses {
		h := newSignupFace(t, f) // limits of its own: every address gets in
		for _, rq := range []request{signupForm(f, addr), {method: http.MethodPost, target: "/api/subscribe",
			header: map[string]string{"Content-Type": "application/json"}, body: `{"email":` + strconv.Quote(addr) + `}`}} {
			rec := rq.do(t, h, publicAddr)
			body := strings.ReplaceAll(rec.Body.String(), addr, "ADDRESS")
			if rec.Code != http.StatusAccepted {
				t.Fatalf("%s for %s = %d, want 202: %.200s", rq.target, addr, rec.Code, body)
			}
			want := &page
			if rq.target == "/api/subscribe" {
				want = &api
			}
			if *want == "" {
				*want = body
			} else if body != *want {
				t.Errorf("%s answers %s otherwise than a new address", rq.target, addr)
			}
		}
		if n := queued(t, f, addr); n != 2 {
			t.Errorf("%s: %d queued rows after two requests, want one each", addr, n)
		}
	}
	if n := r.count(); n != 0 {
		t.Fatalf("%d messages handed to the relay during the requests, want none", n)
	}

	// The worker: a link for each of the new, pending and unsubscribed
	// addresses (their second requests come within the hour: nothing
	// more), none for the active or bounced one. The relay is down, so
	// the links wait; once it is back they go.
	sum := f.SendNotices(t)
	if sum.Retried != 3 || sum.Skipped != 7 || sum.Sent != 0 {
		t.Errorf("with the relay down: %+v, want 3 to retry and 7 skipped", sum)
	}
	r.set(nil)
	if sum := f.SendNotices(t); sum.Sent != 0 {
		t.Errorf("a retry went before its time: %+v", sum)
	}
	f.Clock.Set(f.Clock.Now().Add(time.Minute))
	if sum := f.SendNotices(t); sum.Sent != 3 {
		t.Errorf("once the relay is back: %+v, want 3 sent", sum)
	}
	var to []string
	for _, m := range f.Messages(t) {
		to = append(to, m.To)
	}
	slices.Sort(to)
	if strings.Join(to, " ") != left.Address+" new@example.com pending@example.com" {
		t.Errorf("confirmations went to %v", to)
	}
	if sum := f.SendNotices(t); sum != (desk.NoticeSummary{}) || len(f.Messages(t)) != 3 {
		t.Errorf("a second pass did %+v; the worker must send each once", sum)
	}
}

// A relay that refuses a confirmation for good fails that row alone;
// one that stays down is tried with a growing wait, then given up.
func TestNoticeFailures(t *testing.T) {
	f := desktest.New(t)
	r := intercept(f)
	h := newSignupFace(t, f)
	r.set(&digest.SendError{Code: 550, Enhanced: "5.1.1", Err: errors.New("no such user")})
	signupForm(f, "nobody@example.com").do(t, h, publicAddr)
	if sum := f.SendNotices(t); sum.Failed != 1 {
		t.Errorf("a refused confirmation: %+v, want failed", sum)
	}
	r.set(relayDown)
	signupForm(f, "later@example.com").do(t, h, publicAddr)
	var waits []time.Duration
	for range 20 {
		if sum := f.SendNotices(t); sum.Failed == 1 {
			break
		}
		rows, _ := f.Store.Notices(context.Background(), 10)
		row := rows[len(rows)-1]
		waits = append(waits, row.NextAttempt.Sub(f.Clock.Now()))
		if f.SendNotices(t).Retried != 0 {
			t.Fatal("retried before the row's next attempt")
		}
		f.Clock.Set(row.NextAttempt)
	}
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute,
		16 * time.Minute, 32 * time.Minute, time.Hour, time.Hour}
	if !slices.Equal(waits, want) {
		t.Errorf("waits between tries %v, want %v", waits, want)
	}
	if rows, _ := f.Store.Notices(context.Background(), 10); rows[len(rows)-1].Status != digest.NoticeFailed {
		t.Errorf("a row tried %d times is %s, want failed", len(waits)+1, rows[len(rows)-1].Status)
	}
}

// The name field cannot make the list a spam relay: the confirmation goes
// to the bare address, a name with a link, an @ or a hidden character is
// refused, and a name takes effect only with the link it came with. The
// first sign-up's name no longer sticks: the name of the request whose
// link was used does.
func TestSignupNameIsNoRelay(t *testing.T) {
	f := desktest.New(t)
	h := newSignupFace(t, f)
	const victim = "victim@example.com"
	for _, bad := range []string{"URGENT: your bank account is locked - verify now at http://bank.example",
		"verify at bank.example", "support@bank.example", "Ada \u202eecalevol", "Ada\u0085Lovelace"} {
		rec := filled(f, "", url.Values{"email": {victim}, "name": {bad}}).do(t, h, publicAddr)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "just your name") {
			t.Errorf("name %q = %d, want 400", bad, rec.Code)
		}
	}
	h = newSignupFace(t, f)
	filled(f, "", url.Values{"email": {victim}, "name": {"Mallory Mallet"}}).do(t, h, publicAddr)
	f.SendNotices(t)
	msgs := f.Messages(t)
	if len(msgs) != 1 {
		t.Fatalf("%d messages", len(msgs))
	}
	header := headerOf(t, msgs[0].Raw, "To")
	if header != victim && header != "<"+victim+">" {
		t.Errorf("the confirmation's To is %q, want the bare address", header)
	}
	if strings.Contains(msgs[0].Body, "Mallory") {
		t.Error("the confirmation carries the name someone typed")
	}
	sub, _ := f.Store.Subscriber(context.Background(), victim)
	if sub.Name != "" {
		t.Errorf("a pending subscriber has the name %q before confirming", sub.Name)
	}
	// Past the hour, the owner signs up with their own name and uses
	// that link: theirs is the name, and the first link is dead.
	first := confirmLink.FindString(msgs[0].Body)
	f.Clock.Set(f.Clock.Now().Add(2 * time.Hour))
	filled(f, "", url.Values{"email": {victim}, "name": {"Ada Lovelace"}}).do(t, h, publicAddr)
	f.SendNotices(t)
	msgs = f.Messages(t)
	second := confirmLink.FindString(msgs[len(msgs)-1].Body)
	page := request{target: second}.do(t, h, publicAddr)
	mustContain(t, page.Body.String(), "Ada Lovelace")
	if rec := (request{method: http.MethodPost, target: first}).do(t, h, publicAddr); rec.Code != http.StatusForbidden {
		t.Errorf("the replaced link = %d, want 403", rec.Code)
	}
	if rec := (request{method: http.MethodPost, target: second}).do(t, h, publicAddr); rec.Code != http.StatusOK {
		t.Fatalf("confirm = %d", rec.Code)
	}
	if sub, _ := f.Store.Subscriber(context.Background(), victim); sub.Name != "Ada Lovelace" || sub.Status != digest.SubscriberActive {
		t.Errorf("after confirming: %q %s, want Ada Lovelace, active", sub.Name, sub.Status)
	}
}

// The unsubscribe link works for ever, so it cannot put anyone back on
// the list by itself: "Resubscribe" mails a confirmation, and only its
// link makes them active again.
func TestResubscribeNeedsConfirmation(t *testing.T) {
	f := desktest.New(t)
	h := newPublic(t, f)
	sub := f.Subscribers[0]
	link := unsubscribeURL(f, sub)
	oneClick(link).do(t, h, publicAddr)
	resub := strings.Replace(link, "/unsubscribe?", "/resubscribe?", 1)
	rec := request{method: http.MethodPost, target: resub}.do(t, h, publicAddr)
	if rec.Code != http.StatusAccepted || !strings.Contains(rec.Body.String(), "Check your inbox") {
		t.Fatalf("resubscribe = %d: %.300s", rec.Code, rec.Body)
	}
	if s := status(t, f, sub.ID); s != digest.SubscriberUnsubscribed {
		t.Fatalf("the resubscribe button alone made the subscriber %s", s)
	}
	f.SendNotices(t)
	msgs := f.Messages(t)
	if len(msgs) != 1 || msgs[0].To != sub.Address {
		t.Fatalf("%d messages, want a confirmation to %s", len(msgs), sub.Address)
	}
	confirm := confirmLink.FindString(msgs[0].Body)
	if rec := (request{method: http.MethodPost, target: confirm}).do(t, h, publicAddr); rec.Code != http.StatusOK {
		t.Fatalf("confirm = %d", rec.Code)
	}
	if s := status(t, f, sub.ID); s != digest.SubscriberActive {
		t.Errorf("after confirming the subscriber is %s", s)
	}
}

// headerOf reads one header field of a raw message, unfolded.
func headerOf(t *testing.T, raw []byte, name string) string {
	t.Helper()
	head, _, _ := strings.Cut(string(raw), "\r\n\r\n")
	for _, line := range strings.Split(strings.ReplaceAll(head, "\r\n ", " "), "\r\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
