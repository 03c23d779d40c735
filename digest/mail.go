package digest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// SubscriberStatus says whether a subscriber receives editions. Only the
// database changes it: a config never brings back someone who left or
// bounced.
type SubscriberStatus string

const (
	SubscriberActive       SubscriberStatus = "active"
	SubscriberUnsubscribed SubscriberStatus = "unsubscribed"
	SubscriberBounced      SubscriberStatus = "bounced"
	// SubscriberPending asked to join from the sign-up form and has not
	// confirmed yet: it receives the confirmation message and nothing else.
	SubscriberPending SubscriberStatus = "pending"
)

// SubscriberStatuses lists every status, for checking input.
var SubscriberStatuses = []SubscriberStatus{SubscriberActive, SubscriberPending, SubscriberUnsubscribed, SubscriberBounced}

// ParseSubscriberStatus checks a status read from input.
func ParseSubscriberStatus(s string) (SubscriberStatus, error) {
	for _, st := range SubscriberStatuses {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("unknown subscriber status %q (want one of active, pending, unsubscribed, bounced)", s)
}

// Receives reports whether editions go to the subscriber.
func (s SubscriberStatus) Receives() bool { return s == SubscriberActive }

// Left reports whether the subscriber left the list or the list lost
// them: nothing but their own confirmed request brings them back.
func (s SubscriberStatus) Left() bool { return s == SubscriberUnsubscribed || s == SubscriberBounced }

// MaxNameLength bounds a subscriber's display name, in characters: a
// name goes into the To header of every message, whose lines are short.
const MaxNameLength = 200

// CheckSubscriberName says why a display name cannot go into a To header,
// or nil: at most MaxNameLength characters of UTF-8 text, no control
// characters (a line break would be a header injection). Any script is
// welcome; the composer encodes it.
func CheckSubscriberName(name string) error {
	switch {
	case !utf8.ValidString(name):
		return errors.New("name is not valid UTF-8")
	case utf8.RuneCountInString(name) > MaxNameLength:
		return fmt.Errorf("name is longer than %d characters", MaxNameLength)
	case strings.ContainsFunc(name, unicode.IsControl):
		return errors.New("name holds a control character or line break")
	}
	return nil
}

// Subscriber is one address on the list.
type Subscriber struct {
	ID      int64
	Address string // the addr-spec, such as jane@example.com
	Name    string // display name, may hold commas or any letters
	Status  SubscriberStatus
	// Sections are the sections they chose to receive; empty is all.
	Sections  Sections
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Message is one composed email, ready to send. Data holds the exact bytes
// to put on the wire: when DKIM is on, the bytes that were signed.
type Message struct {
	ID   string // Message-ID without angle brackets
	From string // envelope sender (MAIL FROM)
	To   string // envelope recipient (RCPT TO)
	Data []byte
}

// Transport hands messages to a mail system. Send makes one attempt and
// returns nil only when the message was accepted. A failure is a
// *SendError when the transport can tell temporary from permanent.
type Transport interface {
	Send(ctx context.Context, msg *Message) error
	Close() error
}

// SendError is a failed delivery attempt, classified so the sender can
// retry what is temporary and give up on what is permanent.
type SendError struct {
	Code      int    // SMTP reply code, 0 when there was no reply
	Enhanced  string // enhanced status code such as 5.1.1, if given
	Temporary bool   // worth retrying: 4xx, a dropped connection, a timeout
	// Fatal says no message can be sent as things are configured: TLS
	// or AUTH not offered, credentials refused, a certificate rejected.
	// The run stops and no subscriber is marked failed for it.
	Fatal bool
	Err   error
}

func (e *SendError) Error() string {
	var b strings.Builder
	if e.Code != 0 {
		fmt.Fprintf(&b, "%d ", e.Code)
	}
	if e.Enhanced != "" {
		b.WriteString(e.Enhanced + " ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return strings.TrimSpace(b.String())
}

func (e *SendError) Unwrap() error { return e.Err }

// Bounced reports a permanent failure that says the address itself is bad
// (5.1.x: no such mailbox, bad destination address), so the subscriber
// should be marked bounced.
func (e *SendError) Bounced() bool {
	return !e.Temporary && e.Code/100 == 5 && strings.HasPrefix(e.Enhanced, "5.1.")
}
