package webhooks

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/bounces"
)

// Mailgun reads Mailgun's webhooks: a JSON body whose "signature" is the
// hex HMAC-SHA256, keyed by the account's webhook signing key, of its
// timestamp and token concatenated; the token is random per request and
// is the replay id. Events "failed" (severity permanent or temporary)
// and "complained" are read; the rest are remembered and ignored.
//
// https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks
//
// The subscriber is named by the message's Message-ID
// (event-data.message.headers.message-id, which Mailgun echoes as we
// sent it), a VERP token in user-variables.digest_token when the sender
// sets one, else by event-data.recipient.
type Mailgun struct {
	SigningKey []byte
}

type mailgunBody struct {
	Signature struct {
		Timestamp string `json:"timestamp"`
		Token     string `json:"token"`
		Signature string `json:"signature"`
	} `json:"signature"`
	EventData json.RawMessage `json:"event-data"`
}

type mailgunEvent struct {
	Event     string `json:"event"`
	Severity  string `json:"severity"`
	Reason    string `json:"reason"`
	Recipient string `json:"recipient"`
	Message   struct {
		Headers struct {
			MessageID string `json:"message-id"`
		} `json:"headers"`
	} `json:"message"`
	DeliveryStatus struct {
		Code         int    `json:"code"`
		Message      string `json:"message"`
		Description  string `json:"description"`
		EnhancedCode string `json:"enhanced-code"`
	} `json:"delivery-status"`
	UserVariables map[string]any `json:"user-variables"`
}

// Window: Mailgun signs each request as it sends it.
func (m *Mailgun) Window() time.Duration { return time.Hour }

// Verify checks the signature and reads the event.
func (m *Mailgun) Verify(_ context.Context, _ http.Header, body []byte) (*Delivery, error) {
	var b mailgunBody
	if err := json.Unmarshal(body, &b); err != nil {
		return nil, fmt.Errorf("%w: mailgun: %v", ErrUnsigned, err)
	}
	s := b.Signature
	if s.Timestamp == "" || s.Token == "" || s.Signature == "" {
		return nil, fmt.Errorf("%w: mailgun: no signature", ErrUnsigned)
	}
	mac := hmac.New(sha256.New, m.SigningKey)
	mac.Write([]byte(s.Timestamp + s.Token))
	got, err := hex.DecodeString(s.Signature)
	if err != nil || !hmac.Equal(got, mac.Sum(nil)) {
		return nil, fmt.Errorf("%w: mailgun: signature", ErrForged)
	}
	secs, err := strconv.ParseInt(s.Timestamp, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: mailgun: timestamp %q", ErrBadPayload, s.Timestamp)
	}
	ev, err := parseMailgunEvent(b.EventData)
	if err != nil {
		return nil, err
	}
	ev.Receipt = s.Token
	return &Delivery{At: time.Unix(secs, 0), Events: []Event{ev}}, nil
}

// parseMailgunEvent reads event-data into an event, its kind "" for one
// the policy has no rule for.
func parseMailgunEvent(raw json.RawMessage) (Event, error) {
	var e mailgunEvent
	if err := json.Unmarshal(raw, &e); err != nil {
		return Event{}, fmt.Errorf("%w: mailgun event-data: %v", ErrBadPayload, err)
	}
	// Mailgun signs only the timestamp and token, not event-data, and
	// one signing key signs every webhook of the account: a signed set
	// seen by another receiver could carry made-up event-data here. So
	// the recipient address, which anyone can write, never names the
	// subscriber alone; the Message-ID of a delivery we recorded, or
	// our own signed VERP token, must.
	ev := Event{Evidence: raw, Reason: "event " + e.Event,
		Keys: bounces.Keys{MessageID: e.Message.Headers.MessageID}}
	if tok, ok := e.UserVariables[bounces.TokenField].(string); ok {
		ev.Keys.Token = tok
	}
	ds := e.DeliveryStatus
	ev.Status, ev.Diagnostic = ds.EnhancedCode, strings.TrimSpace(firstOf(ds.Message, ds.Description))
	if ev.Status == "" && ds.Code != 0 {
		ev.Status = strconv.Itoa(ds.Code)
	}
	switch {
	case e.Event == "complained":
		ev.Kind = digest.BounceComplaint
	case e.Event == "failed" && e.Severity == "permanent":
		ev.Kind, ev.Reason = digest.BounceHard, "event failed, severity permanent"
	case e.Event == "failed" && e.Severity == "temporary":
		ev.Kind, ev.Reason = digest.BounceSoft, "event failed, severity temporary"
	}
	return ev, nil
}

func firstOf(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
