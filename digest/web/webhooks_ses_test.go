package web

import (
	"net/http"
	"testing"

	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// An SNS subscription confirmation of the configured topic is confirmed
// by fetching its SubscribeURL, once; one of another topic, or whose
// signing certificate is not on an SNS host, is refused and nothing is
// fetched.
func TestSESSubscriptionConfirmation(t *testing.T) {
	sns := newSNSKit(t)
	f := desktest.NewWithOptions(t, desktest.Options{Mail: "  bounces:\n    webhooks:\n      ses:\n        topic_arn: " + sns.topic + "\n",
		HTTPClient: sns.client})
	h := newPublic(t, f)
	e := hookEvent{id: "sub-1", at: f.Clock.Now()}

	other := snsKit{key: sns.key, certURL: sns.certURL, client: sns.client, confirms: sns.confirms, certFetches: sns.certFetches}
	other.topic = "arn:aws:sns:us-east-1:123456789012:someone-elses"
	if rec := jsonRequest(t, "ses", other.snsBody(t, "SubscriptionConfirmation", "confirm", e, "2"), nil).do(t, h, publicAddr); rec.Code != http.StatusForbidden {
		t.Errorf("another topic's confirmation: %d, want 403", rec.Code)
	}
	forged := snsKit{key: sns.key, topic: sns.topic, client: sns.client, confirms: sns.confirms, certFetches: sns.certFetches}
	forged.certURL = "https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-test.pem"
	if rec := jsonRequest(t, "ses", forged.snsBody(t, "SubscriptionConfirmation", "confirm", e, "2"), nil).do(t, h, publicAddr); rec.Code != http.StatusForbidden {
		t.Errorf("certificate off an SNS host: %d, want 403", rec.Code)
	}
	if n := sns.confirms.Load(); n != 0 {
		t.Fatalf("%d confirmations fetched for refused requests", n)
	}

	confirm := jsonRequest(t, "ses", sns.snsBody(t, "SubscriptionConfirmation", "confirm", e, "2"), nil)
	if rec := confirm.do(t, h, publicAddr); rec.Code != http.StatusOK {
		t.Fatalf("confirmation: %d %s", rec.Code, rec.Body)
	}
	if n := sns.confirms.Load(); n != 1 {
		t.Fatalf("%d confirmations fetched, want 1", n)
	}
	if rec := confirm.do(t, h, publicAddr); rec.Code != http.StatusForbidden || sns.confirms.Load() != 1 {
		t.Errorf("replayed confirmation: %d and %d fetched, want 403 and still 1", rec.Code, sns.confirms.Load())
	}
	note := jsonRequest(t, "ses", sns.snsBody(t, "Notification", sesMessage(hookEvent{kind: "hard", to: "nobody@example.net", id: "n-1", at: e.at}),
		hookEvent{id: "n-1", at: e.at}, "1"), nil)
	if rec := note.do(t, h, publicAddr); rec.Code != http.StatusOK {
		t.Fatalf("notification: %d %s", rec.Code, rec.Body)
	}
	if n := sns.certFetches.Load(); n != 1 {
		t.Errorf("signing certificate fetched %d times, want once (cached)", n)
	}
}
