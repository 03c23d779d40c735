package webhooks

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"net/http"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// The parsers read what anyone may post; none may panic, and whatever
// each reads is a kind the policy knows or none. The Verify paths are
// fuzzed too, as they read the body before any signature is known good.

func checkKinds(t *testing.T, evs []Event) {
	for _, ev := range evs {
		switch ev.Kind {
		case "", digest.BounceHard, digest.BounceSoft, digest.BounceComplaint:
		default:
			t.Fatalf("unknown kind %q", ev.Kind)
		}
	}
}

func FuzzMailgun(f *testing.F) {
	f.Add([]byte(`{"signature":{"timestamp":"1","token":"t","signature":"00"},"event-data":{"event":"failed","severity":"permanent","recipient":"a@b","message":{"headers":{"message-id":"x@y"}},"delivery-status":{"code":550,"enhanced-code":"5.1.1"},"user-variables":{"digest_token":1}}}`))
	f.Add([]byte(`{"event-data":null}`))
	m := &Mailgun{SigningKey: []byte("k")}
	f.Fuzz(func(t *testing.T, body []byte) {
		if ev, err := parseMailgunEvent(body); err == nil {
			checkKinds(t, []Event{ev})
		}
		_, _ = m.Verify(context.Background(), nil, body)
	})
}

func FuzzPostmark(f *testing.F) {
	f.Add([]byte(`{"RecordType":"Bounce","ID":42,"Type":"HardBounce","TypeCode":1,"MessageID":"m","Email":"a@b","BouncedAt":"2026-12-01T10:00:00Z","Metadata":{"digest_token":"x"}}`))
	f.Add([]byte(`{"RecordType":"SpamComplaint","MessageID":"m"}`))
	f.Add([]byte(`{"ID":1e400}`))
	p := &Postmark{User: "u", Password: "p"}
	h := http.Header{"Authorization": {"Basic dTpw"}}
	f.Fuzz(func(t *testing.T, body []byte) {
		if ev, _, err := parsePostmark(body); err == nil {
			checkKinds(t, []Event{ev})
		}
		_, _ = p.Verify(context.Background(), h, body)
	})
}

func FuzzSendGrid(f *testing.F) {
	f.Add([]byte(`[{"email":"a@b","event":"bounce","type":"blocked","sg_event_id":"e1","smtp-id":"<x@y>","status":"4.0.0"},{"event":"dropped","reason":"Spam Reporting Address","sg_event_id":"e2"}]`))
	f.Add([]byte(`[null]`))
	f.Add([]byte(`{}`))
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	s := &SendGrid{Key: &k.PublicKey}
	h := http.Header{sendgridSignature: {"MEUCIQ=="}, sendgridTimestamp: {"1"}}
	f.Fuzz(func(t *testing.T, body []byte) {
		if evs, err := parseSendGrid(body); err == nil {
			checkKinds(t, evs)
		}
		_, _ = s.Verify(context.Background(), h, body)
	})
}

func FuzzSES(f *testing.F) {
	f.Add([]byte(`{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":"a@b","status":"5.1.1"}]},"mail":{"source":"bounces+tok@x","headers":[{"name":"Message-ID","value":"<m@x>"}]}}`), []byte(`{"Type":"Notification","TopicArn":"arn:aws:sns:us-east-1:123456789012:t","SignatureVersion":"2","Signature":"AA==","SigningCertURL":"https://sns.us-east-1.amazonaws.com/x.pem"}`))
	f.Add([]byte(`{"eventType":"Complaint","complaint":{"complainedRecipients":[{}]}}`), []byte(`{"Subject":null}`))
	s := &SES{TopicARN: "arn:aws:sns:us-east-1:123456789012:t", VERPPrefix: "bounces", Clock: digest.SystemClock{},
		Client: &http.Client{Timeout: time.Millisecond, Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
			return nil, http.ErrHandlerTimeout
		})}}
	f.Fuzz(func(t *testing.T, message, envelope []byte) {
		if evs, err := parseSES(message, "bounces"); err == nil {
			checkKinds(t, evs)
		}
		_, _ = s.Verify(context.Background(), nil, envelope)
	})
}
