package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

func approveFirst(t *testing.T, f *desktest.Fixture) {
	if err := f.Desk.Approve(context.Background(), f.EditionID); err != nil {
		t.Fatal(err)
	}
}

// sentToAll waits for the background send and checks every subscriber
// got the edition.
func sentToAll(t *testing.T, f *desktest.Fixture, _ string) {
	t.Helper()
	f.Desk.WaitSends()
	v := view(t, f)
	if v.Status != digest.EditionSent || v.Deliveries[digest.DeliverySent] != len(f.Subscribers) {
		t.Errorf("after send now: %s, %v, want sent to %d", v.Status, v.Deliveries, len(f.Subscribers))
	}
}

func TestEditorSendNow(t *testing.T) {
	confirmed := url.Values{"confirm": {"yes"}}
	const needApproval = "schedule:\n  require_approval: true\n"
	runLifecycle(t, []lifecycleCase{
		{name: "approved, confirmed, with token", action: "send", form: confirmed, auth: true, prepare: approveFirst,
			want: http.StatusSeeOther, check: sentToAll},
		{name: "draft, no approval required", action: "send", form: confirmed, auth: true,
			want: http.StatusSeeOther, check: sentToAll},
		{name: "not confirmed", action: "send", auth: true, prepare: approveFirst, want: http.StatusBadRequest,
			check: func(t *testing.T, f *desktest.Fixture, body string) {
				wantStatus(digest.EditionApproved)(t, f, body)
				mustContain(t, body, "needs your confirmation")
			}},
		{name: "without token", action: "send", form: confirmed, prepare: approveFirst, want: http.StatusUnauthorized,
			check: wantStatus(digest.EditionApproved)},
		{name: "cross-site", action: "send", form: confirmed, auth: true, cross: true, prepare: approveFirst,
			want: http.StatusForbidden, check: wantStatus(digest.EditionApproved)},
		{name: "draft, approval required", config: needApproval, action: "send", form: confirmed, auth: true,
			want: http.StatusConflict, check: func(t *testing.T, f *desktest.Fixture, body string) {
				wantStatus(digest.EditionDraft)(t, f, body)
				mustContain(t, body, "Approve it, then send it")
			}},
		{name: "sent already", action: "send", form: confirmed, auth: true, prepare: send, want: http.StatusConflict,
			check: func(t *testing.T, f *desktest.Fixture, body string) { mustContain(t, body, "sent already") }},
		{name: "discarded", action: "send", form: confirmed, auth: true, want: http.StatusConflict,
			prepare: func(t *testing.T, f *desktest.Fixture) {
				if err := f.Desk.Discard(context.Background(), f.EditionID); err != nil {
					t.Fatal(err)
				}
			}, check: wantStatus(digest.EditionDiscarded)},
	})
}

// "Send now" asks first, naming how many subscribers it goes to; after
// the send the page shows the counts of the whole run.
func TestSendNowConfirmsAndShowsProgress(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	page := "/editions/" + f.EditionID
	body := get(t, h, page).Body.String()
	mustContain(t, body, "?confirm=send")
	if strings.Contains(body, page+"/send\"") {
		t.Error("the send form shows before the confirmation")
	}
	n := len(f.Subscribers)
	confirm := get(t, h, page+"?confirm=send").Body.String()
	mustContain(t, confirm, fmt.Sprintf("now to %d subscribers?", n))
	mustContain(t, confirm, page+"/send")
	if rec := post(t, h, page+"/send", url.Values{"confirm": {"yes"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("send: %d", rec.Code)
	}
	f.Desk.WaitSends()
	after := get(t, h, page).Body.String()
	mustContain(t, after, fmt.Sprintf("%d sent, 0 deferred, 0 failed of %d", n, n))
	if strings.Contains(after, "?confirm=send") {
		t.Error("a sent edition still offers to be sent")
	}
}
