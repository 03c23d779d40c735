package webhooks

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/bounces"
)

// Postmark reads Postmark's bounce and spam-complaint webhooks. Postmark
// signs nothing: the webhook URL carries HTTP basic auth credentials,
// compared here in constant time, and the replay id is the bounce's ID
// (or, lacking one, MessageID with RecordType).
//
// https://postmarkapp.com/developer/webhooks/bounce-webhook
// https://postmarkapp.com/developer/webhooks/spam-complaint-webhook
// https://postmarkapp.com/developer/webhooks/webhooks-overview (basic auth)
//
// The subscriber is named by MessageID (Postmark's id of the message,
// which is the Message-ID a delivery recorded when sent through
// Postmark), a VERP token in Metadata.digest_token when the sender sets
// one, else by Email. The time checked is BouncedAt: Postmark retries a
// failed webhook for hours, so its window is three days.
type Postmark struct {
	User, Password string
}

type postmarkBody struct {
	RecordType  string
	ID          json.Number
	Type        string
	TypeCode    int
	MessageID   string
	Email       string
	Description string
	Details     string
	BouncedAt   time.Time
	Metadata    map[string]string
}

// Window is how old a bounce may be.
func (p *Postmark) Window() time.Duration { return 72 * time.Hour }

// Verify checks the credentials and reads the event.
func (p *Postmark) Verify(_ context.Context, h http.Header, body []byte) (*Delivery, error) {
	user, pass, ok := (&http.Request{Header: h}).BasicAuth()
	if !ok {
		return nil, fmt.Errorf("%w: postmark: no basic auth", ErrUnsigned)
	}
	if !equalSecret(user, p.User) || !equalSecret(pass, p.Password) {
		return nil, fmt.Errorf("%w: postmark: credentials", ErrForged)
	}
	ev, at, err := parsePostmark(body)
	if err != nil {
		return nil, err
	}
	return &Delivery{At: at, Events: []Event{ev}}, nil
}

// equalSecret compares in constant time, whatever the lengths.
func equalSecret(got, want string) bool {
	g, w := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(g[:], w[:]) == 1 && want != ""
}

// parsePostmark reads a bounce or spam-complaint payload.
func parsePostmark(body []byte) (Event, time.Time, error) {
	var b postmarkBody
	if err := json.Unmarshal(body, &b); err != nil {
		return Event{}, time.Time{}, fmt.Errorf("%w: postmark: %v", ErrBadPayload, err)
	}
	receipt := b.ID.String()
	if receipt == "" {
		if b.MessageID == "" {
			return Event{}, time.Time{}, fmt.Errorf("%w: postmark: no ID nor MessageID", ErrBadPayload)
		}
		receipt = b.MessageID + "/" + b.RecordType
	}
	ev := Event{Receipt: receipt, Evidence: body, Diagnostic: firstOf(b.Details, b.Description),
		Reason: "RecordType " + b.RecordType + ", Type " + b.Type + " (" + strconv.Itoa(b.TypeCode) + ")",
		Keys:   bounces.Keys{MessageID: b.MessageID, Recipient: b.Email}}
	if tok := b.Metadata[bounces.TokenField]; tok != "" {
		ev.Keys.Token = tok
	}
	ev.Kind = postmarkKind(b.RecordType, b.Type)
	return ev, b.BouncedAt, nil
}

// postmarkKind maps Postmark's bounce types to the policy's kinds; the
// types that say nothing of the address (auto-responders, subscribe
// requests, open-relay tests, challenge mail) are no kind.
func postmarkKind(record, typ string) digest.BounceKind {
	if record == "SpamComplaint" {
		return digest.BounceComplaint
	}
	if record != "Bounce" {
		return ""
	}
	switch typ {
	case "HardBounce", "BadEmailAddress":
		return digest.BounceHard
	case "Transient", "SoftBounce", "DnsError", "Blocked", "DMARCPolicy":
		return digest.BounceSoft
	case "SpamComplaint", "SpamNotification":
		return digest.BounceComplaint
	}
	return ""
}
