package bounce

// Kind is what a message in the bounce mailbox is. Only HardBounce,
// SoftBounce and Complaint say anything about a subscriber; the others
// are to be left alone.
type Kind int

const (
	// NotBounce is anything else: a person's mail, a forward, a
	// notification that is not about a delivery, or a bounce too odd to
	// read with confidence.
	NotBounce Kind = iota
	// HardBounce is a permanent failure (5.x.x, Action: failed).
	HardBounce
	// SoftBounce is a temporary one (4.x.x, or Action: delayed).
	SoftBounce
	// Complaint is a feedback report: the recipient called it spam.
	Complaint
	// AutoReply is a vacation message or other automatic answer
	// (RFC 3834): never a bounce, whatever its text says.
	AutoReply
)

var kindNames = [...]string{"not-bounce", "hard-bounce", "soft-bounce", "complaint", "auto-reply"}

// String is the kind's stable name, for logs and storage.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "unknown"
	}
	return kindNames[k]
}

// Result is what Classify found in one message. Recipients name the
// failed or complaining addresses as the report gives them; MessageID
// and Token are the keys that tie the report to the message we sent,
// and are better than the addresses, which relays rewrite.
type Result struct {
	Kind       Kind
	Recipients []Recipient
	// Status and Diagnostic are the first failed recipient's, the ones
	// that decided Kind.
	Status     string // RFC 3463 enhanced code, such as "5.1.1"; "" if none
	Diagnostic string
	// MessageID is the original message's, without angle brackets.
	MessageID string
	// EnvelopeID is the DSN's Original-Envelope-Id (RFC 3461 ENVID).
	EnvelopeID string
	// Token is the VERP token of the original envelope sender, or of
	// the address the report was sent to: what follows "prefix+" in a
	// local part, up to a further '+'.
	Token string
	// FeedbackType is an ARF report's Feedback-Type (abuse, fraud, …).
	FeedbackType string
	// Reason says which rule decided Kind, in a few words: the evidence
	// an editor sees.
	Reason string
}

// Recipient is one address a report is about.
type Recipient struct {
	Address    string
	Kind       Kind
	Action     string // RFC 3464 Action, lowercase; "" outside a DSN
	Status     string
	Diagnostic string
}
