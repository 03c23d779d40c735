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

// MaxNameLength bounds a subscriber's display name, in characters: room
// for anyone's name, none for a sales pitch. A name goes into the To
// header of the messages that person receives.
const MaxNameLength = 64

// CheckSubscriberName says why a display name cannot be a subscriber's,
// or nil. Any script is welcome (the composer encodes it), but a name is
// a name: at most MaxNameLength characters of UTF-8 text with nothing
// hidden (no control, format or text-direction character, see
// Unprintable; a line break would be a header injection) and no link (no
// @, no scheme, no host name such as bank.example), since a name that
// reads "URGENT: verify your account at bank-example.com" would make a
// message from the list a phishing mail.
func CheckSubscriberName(name string) error {
	switch {
	case !utf8.ValidString(name):
		return errors.New("name is not valid UTF-8")
	case utf8.RuneCountInString(name) > MaxNameLength:
		return fmt.Errorf("name is longer than %d characters", MaxNameLength)
	case strings.ContainsFunc(name, Unprintable):
		return errors.New("name holds a control character, a line break or an invisible or text-direction character")
	case strings.ContainsAny(name, "@\uFF20"):
		return errors.New("name holds an @: a name cannot be an address")
	case looksLikeLink(name):
		return errors.New("name holds a web address or a domain name")
	}
	return nil
}

// looksLikeLink reports a scheme (https://) or a host name: a dot (or a
// full stop IDNA reads as one) between a letter or digit and two more
// letters, as in bank.example or www.x. Initials (J.R.R. Tolkien) pass.
func looksLikeLink(name string) bool {
	if strings.Contains(name, "://") || strings.Contains(strings.ToLower(name), "www") && strings.ContainsFunc(name, isDot) {
		return true
	}
	runes := []rune(name)
	for i := 1; i+2 < len(runes); i++ {
		if isDot(runes[i]) && (unicode.IsLetter(runes[i-1]) || unicode.IsDigit(runes[i-1])) &&
			unicode.IsLetter(runes[i+1]) && unicode.IsLetter(runes[i+2]) {
			return true
		}
	}
	return false
}

// isDot is a full stop, or one of those UTS #46 maps to it in a domain.
func isDot(r rune) bool { return r == '.' || r == '\u3002' || r == '\uFF0E' || r == '\uFF61' }

// Unprintable reports a character that must never reach a mail header,
// a terminal or a page as it is: control characters (C0, DEL and C1),
// format characters (Unicode category Cf: the bidi overrides and
// isolates such as U+202E, zero-width spaces and joiners, the soft
// hyphen), line and paragraph separators, private-use and surrogate
// code points. Addresses and names may hold none of them; output that
// shows stored text escapes them (Printable).
func Unprintable(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Co, unicode.Cs)
}

// Printable escapes what Unprintable reports, and bytes that are not
// UTF-8, the way Go source writes them (\u202e, \x85), so that a value
// stored before these rules (or by hand) shows what it holds instead of
// acting on the terminal or spreadsheet it is printed to.
func Printable(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, Unprintable) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case Unprintable(r) && r <= 0xff:
			fmt.Fprintf(&b, "\\x%02x", r)
		case Unprintable(r) && r <= 0xffff:
			fmt.Fprintf(&b, "\\u%04x", r)
		case Unprintable(r):
			fmt.Fprintf(&b, "\\U%08x", r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// PublicIDLength is the length of a subscriber's reference: 16 random
// bytes in hex, made by the database for every row.
const PublicIDLength = 32

// Subscriber is one address on the list.
type Subscriber struct {
	ID int64
	// PublicID is the random reference links name the subscriber by
	// (PublicIDLength hex digits), so that no link tells how many
	// subscribers there are; "" for one that has none (a test copy's).
	PublicID string
	Address  string // the addr-spec, such as jane@example.com
	Name     string // display name, may hold commas or any letters
	Status   SubscriberStatus
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
