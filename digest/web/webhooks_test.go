package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// hook is one provider's webhook as its tests drive it: the fixture
// options that turn it on, and requests signed, tampered with and
// unsigned as that provider would (or a forger could) send them.
type hook struct {
	name     string
	opts     desktest.Options
	signed   func(e hookEvent) request
	tampered func(e hookEvent) request
	unsigned func(e hookEvent) request
	// window is how old a signed request may be.
	window time.Duration
	// byMessageID: the provider echoes our Message-ID; else the recipient
	// names the subscriber.
	byMessageID bool
	// secret must never be in the evidence kept.
	secret string
}

func jsonRequest(t *testing.T, provider string, v any, header map[string]string) request {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return request{method: http.MethodPost, target: "/webhooks/" + provider, host: "digest.example.org", body: string(b), header: header}
}

func hooks(t *testing.T) []hook {
	mg := mailgunSigner{key: []byte("mailgun-signing-key-for-tests")}
	sg := newSendGridSigner(t)
	sns := newSNSKit(t)
	basic := func(user, pass string) map[string]string {
		r, _ := http.NewRequest(http.MethodPost, "/", nil)
		r.SetBasicAuth(user, pass)
		return map[string]string{"Authorization": r.Header.Get("Authorization")}
	}
	postmarkBody := func(e hookEvent) map[string]any {
		b := map[string]any{"RecordType": "Bounce", "ID": json.Number(e.id), "Type": "HardBounce", "TypeCode": 1,
			"MessageID": "883953f4-6105-42a2-a16a-77a8eac79483", "Email": e.to, "Details": "smtp;550 5.1.1 user unknown",
			"BouncedAt": e.at.Format(time.RFC3339), "Inactive": true}
		if e.token != "" {
			b["Metadata"] = map[string]string{"digest_token": e.token}
		}
		switch e.kind {
		case "soft":
			b["Type"], b["TypeCode"] = "SoftBounce", 4096
		case "complaint":
			b["RecordType"], b["Type"], b["TypeCode"] = "SpamComplaint", "SpamComplaint", 512
		}
		return b
	}
	sgBody := func(e hookEvent) []byte {
		b, _ := json.Marshal([]any{sg.event(e)})
		return b
	}
	return []hook{
		{name: "mailgun", window: time.Hour, byMessageID: true, secret: string(mg.key),
			opts: desktest.Options{Mail: "  bounces:\n    webhooks:\n      mailgun:\n        enabled: true\n",
				Env: map[string]string{"DIGEST_WEBHOOK_MAILGUN_SIGNING_KEY": string(mg.key)}},
			signed: func(e hookEvent) request { return jsonRequest(t, "mailgun", mg.body(e, true), nil) },
			// Mailgun signs its timestamp and token only: a changed timestamp
			// is what a forger replaying old tokens would need.
			tampered: func(e hookEvent) request {
				b := mg.body(e, true)
				b["signature"].(map[string]any)["timestamp"] = strconv.FormatInt(e.at.Unix()+1, 10)
				return jsonRequest(t, "mailgun", b, nil)
			},
			unsigned: func(e hookEvent) request { return jsonRequest(t, "mailgun", mg.body(e, false), nil) },
		},
		{name: "sendgrid", window: time.Hour, byMessageID: true,
			opts: desktest.Options{Mail: "  bounces:\n    webhooks:\n      sendgrid:\n        public_key: \"" + sg.publicKey(t) + "\"\n"},
			signed: func(e hookEvent) request {
				b := sgBody(e)
				return request{method: http.MethodPost, target: "/webhooks/sendgrid", host: "digest.example.org", body: string(b), header: sg.sign(t, e.at, b)}
			},
			tampered: func(e hookEvent) request {
				b := sgBody(e)
				h := sg.sign(t, e.at, b)
				return request{method: http.MethodPost, target: "/webhooks/sendgrid", host: "digest.example.org",
					body: strings.Replace(string(b), `"bounce"`, `"spamreport"`, 1), header: h}
			},
			unsigned: func(e hookEvent) request {
				return request{method: http.MethodPost, target: "/webhooks/sendgrid", host: "digest.example.org", body: string(sgBody(e))}
			},
		},
		{name: "postmark", window: 72 * time.Hour, secret: "postmark-hook-password",
			opts: desktest.Options{Mail: "  bounces:\n    webhooks:\n      postmark:\n        user: postmark\n",
				Env: map[string]string{"DIGEST_WEBHOOK_POSTMARK_PASSWORD": "postmark-hook-password"}},
			signed: func(e hookEvent) request {
				return jsonRequest(t, "postmark", postmarkBody(e), basic("postmark", "postmark-hook-password"))
			},
			// Postmark signs no body: basic auth is all it has, so the forger's
			// request is one with a guessed password.
			tampered: func(e hookEvent) request {
				return jsonRequest(t, "postmark", postmarkBody(e), basic("postmark", "postmark-hook-passwore"))
			},
			unsigned: func(e hookEvent) request { return jsonRequest(t, "postmark", postmarkBody(e), nil) },
		},
		{name: "ses", window: time.Hour, byMessageID: true,
			opts: desktest.Options{Mail: "  bounces:\n    webhooks:\n      ses:\n        topic_arn: " + sns.topic + "\n",
				HTTPClient: sns.client},
			signed: func(e hookEvent) request {
				version := "2"
				if e.kind == "complaint" {
					version = "1"
				}
				return jsonRequest(t, "ses", sns.snsBody(t, "Notification", sesMessage(e), e, version), nil)
			},
			tampered: func(e hookEvent) request {
				m := sns.snsBody(t, "Notification", sesMessage(e), e, "2")
				m["Message"] = strings.Replace(m["Message"], "Permanent", "Transient", 1)
				return jsonRequest(t, "ses", m, nil)
			},
			unsigned: func(e hookEvent) request {
				return jsonRequest(t, "ses", sns.snsBody(t, "Notification", sesMessage(e), e, ""), nil)
			},
		},
	}
}

func hookNamed(t *testing.T, name string) hook {
	for _, hk := range hooks(t) {
		if hk.name == name {
			return hk
		}
	}
	t.Fatalf("no hook %s", name)
	return hook{}
}

// For each provider: a signed hard bounce marks its subscriber bounced
// and a signed complaint unsubscribes, each recorded with the payload as
// evidence (without the webhook's secret); the same request again is
// refused, as are a tampered, an unsigned and a stale one, none of which
// changes anybody.
func TestWebhooksApplyThePolicy(t *testing.T) {
	for _, hk := range hooks(t) {
		t.Run(hk.name, func(t *testing.T) {
			ctx := context.Background()
			f := desktest.NewWithOptions(t, hk.opts)
			h := newPublic(t, f)
			send(t, f)
			ada, grace := f.Subscribers[0], f.Subscribers[1]
			msgID := map[int64]string{}
			rows, err := f.Store.Deliveries(ctx, f.EditionID, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range rows {
				msgID[d.Subscriber.ID] = "<" + strings.Trim(d.MessageID, "<>") + ">"
			}
			now := f.Clock.Now()
			hard := hookEvent{kind: "hard", to: ada.Address, id: "1001", at: now.Add(-time.Minute)}
			if hk.byMessageID {
				hard.messageID = msgID[ada.ID]
				hard.to = "someone-else@example.net" // the Message-ID wins
			}
			expect := func(name string, rq request, want int) {
				t.Helper()
				rec := rq.do(t, h, publicAddr)
				if rec.Code != want {
					t.Fatalf("%s: status %d, want %d; body %s", name, rec.Code, want, rec.Body)
				}
				if !strings.Contains(rec.Header().Get("Content-Type"), "application/json") {
					t.Errorf("%s: answer is %q, not JSON", name, rec.Header().Get("Content-Type"))
				}
			}
			status := func(sub digest.Subscriber) digest.SubscriberStatus {
				s, err := f.Store.SubscriberByID(ctx, sub.ID)
				if err != nil {
					t.Fatal(err)
				}
				return s.Status
			}

			expect("unsigned", hk.unsigned(hard), http.StatusUnauthorized)
			expect("tampered", hk.tampered(hard), http.StatusForbidden)
			stale := hard
			stale.at = now.Add(-hk.window - time.Minute)
			expect("stale", hk.signed(stale), http.StatusForbidden)
			if s := status(ada); s != digest.SubscriberActive {
				t.Fatalf("refused requests changed the subscriber: %s", s)
			}

			expect("signed hard bounce", hk.signed(hard), http.StatusOK)
			if s := status(ada); s != digest.SubscriberBounced {
				t.Fatalf("after a hard bounce: %s, want bounced", s)
			}
			evs, err := f.Store.BounceEvents(ctx, ada.ID)
			if err != nil || len(evs) != 1 {
				t.Fatalf("events about ada: %v, %v; want 1", evs, err)
			}
			ev := evs[0]
			wantKey := "recipient"
			if hk.byMessageID {
				wantKey = "message-id"
			}
			if ev.Kind != digest.BounceHard || ev.Action != digest.BounceMarked || ev.MatchedBy != wantKey ||
				!strings.HasPrefix(ev.Reason, hk.name+" webhook") {
				t.Errorf("event %+v: want a hard bounce matched by %s, marked bounced, read by the %s webhook", ev, wantKey, hk.name)
			}
			if hk.byMessageID && ev.EditionID != f.EditionID {
				t.Errorf("event's edition %q, want %q", ev.EditionID, f.EditionID)
			}
			raw, err := f.Store.BounceEvidence(ctx, ev.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(raw), hard.to) || (hk.secret != "" && strings.Contains(string(raw), hk.secret)) {
				t.Errorf("evidence should be the payload without secrets: %s", raw)
			}

			expect("replayed", hk.signed(hard), http.StatusForbidden)
			if evs, _ := f.Store.BounceEvents(ctx, ada.ID); len(evs) != 1 {
				t.Errorf("a replay was recorded: %d events", len(evs))
			}

			complaint := hookEvent{kind: "complaint", to: grace.Address, id: "1002", at: now}
			if hk.byMessageID {
				complaint.messageID = msgID[grace.ID]
			}
			expect("signed complaint", hk.signed(complaint), http.StatusOK)
			if s := status(grace); s != digest.SubscriberUnsubscribed {
				t.Fatalf("after a complaint: %s, want unsubscribed", s)
			}
		})
	}
}

// With VERP on, a message sent while a provider's webhook is on carries
// the provider's metadata header with the delivery's token, since those
// providers replace the envelope sender with their own; an event that
// echoes the token names the subscriber and the edition, whatever its
// recipient and with no Message-ID.
func TestWebhookTokenFromMetadataHeader(t *testing.T) {
	headers := map[string]func(h mail.Header) string{
		"postmark": func(h mail.Header) string { return h.Get("X-PM-Metadata-digest_token") },
		"sendgrid": func(h mail.Header) string {
			var v struct {
				Args map[string]string `json:"unique_args"`
			}
			json.Unmarshal([]byte(h.Get("X-SMTPAPI")), &v)
			return v.Args["digest_token"]
		},
		"mailgun": func(h mail.Header) string {
			var v map[string]string
			json.Unmarshal([]byte(h.Get("X-Mailgun-Variables")), &v)
			return v["digest_token"]
		},
	}
	for name, header := range headers {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			hk := hookNamed(t, name)
			opts := hk.opts
			opts.Mail = strings.Replace(opts.Mail, "  bounces:\n", "  bounces:\n    verp_domain: bounces.example.org\n", 1)
			f := desktest.NewWithOptions(t, opts)
			h := newPublic(t, f)
			send(t, f)
			ada := f.Subscribers[0]
			var token string
			files, _ := filepath.Glob(filepath.Join(f.Outbox, "*.eml"))
			for _, file := range files {
				raw, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				m, err := mail.ReadMessage(bytes.NewReader(raw))
				if err != nil {
					t.Fatalf("%s: %v", file, err)
				}
				for other := range headers {
					if other != name && headers[other](m.Header) != "" {
						t.Errorf("%s: a %s header while only the %s webhook is on", file, other, name)
					}
				}
				if to, _ := mail.ParseAddress(m.Header.Get("To")); to != nil && to.Address == ada.Address {
					token = header(m.Header)
				}
			}
			if token == "" {
				t.Fatalf("no %s metadata token in ada's message among %d in the outbox", name, len(files))
			}
			ev := hookEvent{kind: "hard", to: "forwarded@elsewhere.example", id: "2001", at: f.Clock.Now(), token: token}
			if rec := hk.signed(ev).do(t, h, publicAddr); rec.Code != http.StatusOK {
				t.Fatalf("signed event with the token: %d %s", rec.Code, rec.Body)
			}
			evs, err := f.Store.BounceEvents(ctx, ada.ID)
			if err != nil || len(evs) != 1 || evs[0].MatchedBy != "verp" || evs[0].EditionID != f.EditionID || evs[0].Action != digest.BounceMarked {
				t.Fatalf("events about ada: %+v, %v; want one matched by the token to edition %s, marked", evs, err, f.EditionID)
			}
		})
	}
}

// Soft bounces through a webhook count as the mailbox's do: the third
// within the window marks the subscriber bounced, not the first two.
func TestWebhookSoftBouncesCount(t *testing.T) {
	hk := hookNamed(t, "mailgun")
	f := desktest.NewWithOptions(t, hk.opts)
	h := newPublic(t, f)
	send(t, f)
	ada := f.Subscribers[0]
	msgID := deliveryMessageID(t, f, ada.ID)
	// Mailgun's event-data is not signed: an address alone names nobody.
	f.Clock.Set(f.Clock.Now().Add(time.Hour))
	rec := hk.signed(hookEvent{kind: "hard", to: ada.Address, id: "by-address", at: f.Clock.Now()}).do(t, h, publicAddr)
	if s, _ := f.Store.SubscriberByID(context.Background(), ada.ID); rec.Code >= 500 || s.Status != digest.SubscriberActive {
		t.Fatalf("a Mailgun bounce naming only the address: %d, subscriber %s", rec.Code, s.Status)
	}
	for i := 1; i <= 3; i++ {
		f.Clock.Set(f.Clock.Now().Add(24 * time.Hour))
		rec := hk.signed(hookEvent{kind: "soft", to: ada.Address, messageID: msgID, id: "soft-" + strconv.Itoa(i), at: f.Clock.Now()}).do(t, h, publicAddr)
		if rec.Code != http.StatusOK {
			t.Fatalf("soft bounce %d: %d %s", i, rec.Code, rec.Body)
		}
		s, err := f.Store.SubscriberByID(context.Background(), ada.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]digest.SubscriberStatus{true: digest.SubscriberBounced, false: digest.SubscriberActive}[i == 3]; s.Status != want {
			t.Fatalf("after soft bounce %d: %s, want %s", i, s.Status, want)
		}
	}
}

// With no webhook configured, every provider's path is not found, and
// the others are not found whatever is configured; only POST is taken.
func TestWebhooksOffUnlessConfigured(t *testing.T) {
	f := desktest.New(t)
	h := newPublic(t, f)
	for _, p := range []string{"ses", "postmark", "sendgrid", "mailgun", "other"} {
		rec := request{method: http.MethodPost, target: "/webhooks/" + p, host: "digest.example.org", body: "{}"}.do(t, h, publicAddr)
		if rec.Code != http.StatusNotFound {
			t.Errorf("%s unconfigured: %d, want 404", p, rec.Code)
		}
	}
	hk := hookNamed(t, "mailgun")
	f = desktest.NewWithOptions(t, hk.opts)
	h = newPublic(t, f)
	if rec := (request{method: http.MethodPost, target: "/webhooks/sendgrid", host: "digest.example.org", body: "[]"}).do(t, h, publicAddr); rec.Code != http.StatusNotFound {
		t.Errorf("sendgrid with only mailgun on: %d, want 404", rec.Code)
	}
	if rec := (request{target: "/webhooks/mailgun", host: "digest.example.org"}).do(t, h, publicAddr); rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d, want 405", rec.Code)
	}
	big := request{method: http.MethodPost, target: "/webhooks/mailgun", host: "digest.example.org", body: strings.Repeat("x", maxWebhookBody+1)}
	if rec := big.do(t, h, publicAddr); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: %d, want 413", rec.Code)
	}
}

// A SendGrid batch is replay-protected event by event: a retried batch
// with one new event takes that one and counts the old one nothing more;
// an event the policy has no rule for (a delivery) changes nobody.
func TestSendGridBatchReplay(t *testing.T) {
	ctx := context.Background()
	sg := newSendGridSigner(t)
	f := desktest.NewWithOptions(t, desktest.Options{Mail: "  bounces:\n    webhooks:\n      sendgrid:\n        public_key: \"" + sg.publicKey(t) + "\"\n"})
	h := newPublic(t, f)
	ada, grace := f.Subscribers[0], f.Subscribers[1]
	now := f.Clock.Now()
	post := func(evs ...map[string]any) int {
		b, _ := json.Marshal(evs)
		return request{method: http.MethodPost, target: "/webhooks/sendgrid", host: "digest.example.org", body: string(b),
			header: sg.sign(t, now, b)}.do(t, h, publicAddr).Code
	}
	soft := sg.event(hookEvent{kind: "soft", to: ada.Address, id: "b1", at: now})
	delivered := map[string]any{"email": grace.Address, "event": "delivered", "sg_event_id": "d1", "timestamp": now.Unix()}
	if c := post(soft, delivered); c != http.StatusOK {
		t.Fatalf("first batch: %d", c)
	}
	if c := post(soft, delivered); c != http.StatusForbidden {
		t.Fatalf("the same batch again: %d, want 403", c)
	}
	complaint := sg.event(hookEvent{kind: "complaint", to: ada.Address, id: "c1", at: now})
	if c := post(soft, complaint); c != http.StatusOK {
		t.Fatalf("batch with one new event: %d", c)
	}
	evs, err := f.Store.BounceEvents(ctx, ada.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[0].Kind == evs[1].Kind {
		t.Fatalf("events about ada: %+v; want one soft bounce and one complaint", evs)
	}
	if g, _ := f.Store.SubscriberByID(ctx, grace.ID); g.Status != digest.SubscriberActive {
		t.Errorf("a delivery event changed grace: %s", g.Status)
	}
	if evs, _ := f.Store.BounceEvents(ctx, grace.ID); len(evs) != 0 {
		t.Errorf("a delivery event was recorded: %+v", evs)
	}
}

// deliveryMessageID is the Message-ID of the subscriber's delivery of the
// fixture's edition, in angle brackets as a provider echoes it.
func deliveryMessageID(t *testing.T, f *desktest.Fixture, subscriberID int64) string {
	t.Helper()
	rows, err := f.Store.Deliveries(context.Background(), f.EditionID, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rows {
		if d.Subscriber.ID == subscriberID {
			return "<" + strings.Trim(d.MessageID, "<>") + ">"
		}
	}
	t.Fatalf("no delivery to subscriber %d", subscriberID)
	return ""
}
