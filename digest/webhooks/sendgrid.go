package webhooks

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/bounces"
)

// SendGrid reads SendGrid's signed Event Webhook: the
// X-Twilio-Email-Event-Webhook-Signature header is a base64 ECDSA P-256
// signature (SHA-256, ASN.1) of the X-Twilio-Email-Event-Webhook-Timestamp
// header's value followed by the raw body, verified with the public key
// SendGrid shows under Mail Settings (base64 DER). The body is a batch
// of events, each replay-protected by its sg_event_id. Events bounce
// (type "bounce" hard, "blocked" soft), dropped (for a bounced or
// invalid address hard, for a spam-reporting one a complaint) and
// spamreport are read; the rest are remembered and ignored.
//
// https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features
// https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event
//
// The subscriber is named by a VERP token in the custom argument
// digest_token when the sender sets one, by smtp-id (the Message-ID of
// a message sent by SMTP), else by email.
type SendGrid struct {
	Key *ecdsa.PublicKey
}

// SendGrid's signature headers.
const (
	sendgridSignature = "X-Twilio-Email-Event-Webhook-Signature"
	sendgridTimestamp = "X-Twilio-Email-Event-Webhook-Timestamp"
)

// ParseSendGridKey reads the verification key as SendGrid shows it:
// base64 of the DER public key, P-256.
func ParseSendGridKey(b64 string) (*ecdsa.PublicKey, error) {
	der, err := base64.StdEncoding.DecodeString(strings.TrimSpace(b64))
	if err != nil {
		return nil, fmt.Errorf("not base64: %w", err)
	}
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, fmt.Errorf("not a DER public key: %w", err)
	}
	k, ok := pub.(*ecdsa.PublicKey)
	if !ok || k.Curve != elliptic.P256() {
		return nil, errors.New("not an ECDSA P-256 key")
	}
	return k, nil
}

// Window: SendGrid signs each POST as it sends it.
func (s *SendGrid) Window() time.Duration { return time.Hour }

// Verify checks the signature and reads the batch.
func (s *SendGrid) Verify(_ context.Context, h http.Header, body []byte) (*Delivery, error) {
	sig, ts := h.Get(sendgridSignature), h.Get(sendgridTimestamp)
	if sig == "" || ts == "" {
		return nil, fmt.Errorf("%w: sendgrid: no signature headers", ErrUnsigned)
	}
	der, err := base64.StdEncoding.DecodeString(sig)
	if err != nil {
		return nil, fmt.Errorf("%w: sendgrid: signature not base64", ErrForged)
	}
	sum := sha256.Sum256(append([]byte(ts), body...))
	if !ecdsa.VerifyASN1(s.Key, sum[:], der) {
		return nil, fmt.Errorf("%w: sendgrid: signature", ErrForged)
	}
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: sendgrid: timestamp %q", ErrBadPayload, ts)
	}
	evs, err := parseSendGrid(body)
	if err != nil {
		return nil, err
	}
	return &Delivery{At: time.Unix(secs, 0), Events: evs}, nil
}

type sendgridEvent struct {
	Event       string `json:"event"`
	Email       string `json:"email"`
	SGEventID   string `json:"sg_event_id"`
	SMTPID      string `json:"smtp-id"`
	Type        string `json:"type"`
	Reason      string `json:"reason"`
	Status      string `json:"status"`
	DigestToken string `json:"digest_token"` // bounces.TokenField, a custom argument
}

// parseSendGrid reads a batch; an event without an sg_event_id cannot
// be replay-protected and makes the batch unreadable.
func parseSendGrid(body []byte) ([]Event, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(body, &raws); err != nil {
		return nil, fmt.Errorf("%w: sendgrid: %v", ErrBadPayload, err)
	}
	evs := make([]Event, 0, len(raws))
	for i, raw := range raws {
		var e sendgridEvent
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, fmt.Errorf("%w: sendgrid event %d: %v", ErrBadPayload, i+1, err)
		}
		if e.SGEventID == "" {
			return nil, fmt.Errorf("%w: sendgrid event %d: no sg_event_id", ErrBadPayload, i+1)
		}
		ev := Event{Receipt: e.SGEventID, Evidence: raw, Status: e.Status, Diagnostic: e.Reason,
			Reason: "event " + e.Event + typeNote(e.Type),
			Keys:   bounces.Keys{Token: e.DigestToken, MessageID: e.SMTPID, Recipient: e.Email}}
		ev.Kind = sendgridKind(e)
		evs = append(evs, ev)
	}
	return evs, nil
}

func typeNote(t string) string {
	if t == "" {
		return ""
	}
	return ", type " + t
}

func sendgridKind(e sendgridEvent) digest.BounceKind {
	switch e.Event {
	case "spamreport":
		return digest.BounceComplaint
	case "bounce":
		if e.Type == "blocked" {
			return digest.BounceSoft
		}
		return digest.BounceHard
	case "dropped":
		switch r := strings.ToLower(e.Reason); {
		case strings.Contains(r, "spam reporting"):
			return digest.BounceComplaint
		case strings.Contains(r, "bounced address"), strings.Contains(r, "invalid"):
			return digest.BounceHard
		}
	}
	return ""
}
