package digest

import "time"

// BounceKind is what a report in the bounce mailbox says about one
// delivery. Auto-replies and other mail are no kind: they are never
// recorded and change nobody.
type BounceKind string

const (
	// BounceHard is a permanent failure: the address does not take mail.
	BounceHard BounceKind = "hard"
	// BounceSoft is a temporary one (a full mailbox, a server down): it
	// counts, and enough of them close together count as a hard one.
	BounceSoft BounceKind = "soft"
	// BounceComplaint is a feedback report: the recipient called the
	// message spam.
	BounceComplaint BounceKind = "complaint"
)

// BounceAction is what a report did to its subscriber.
type BounceAction string

const (
	BounceNoAction     BounceAction = "none"
	BounceMarked       BounceAction = "bounced"
	BounceUnsubscribed BounceAction = "unsubscribed"
)

// Status is the subscriber status the action sets, or "" for none.
func (a BounceAction) Status() SubscriberStatus {
	switch a {
	case BounceMarked:
		return SubscriberBounced
	case BounceUnsubscribed:
		return SubscriberUnsubscribed
	}
	return ""
}

// BounceEvent is one bounce or complaint as it is kept: the evidence an
// editor reads (the report's status and diagnostic, the rule that read
// it, the raw message) and the decision taken on it.
type BounceEvent struct {
	ID int64
	// SourceKey names the message in the mailbox (or a provider's
	// webhook event: webhook:PROVIDER:ID:N), so a report read twice
	// counts once.
	SourceKey string
	// SubscriberID is 0 when no key matched the report to a subscriber:
	// the report is kept and changes nobody.
	SubscriberID int64
	EditionID    string
	Kind         BounceKind
	Status       string // RFC 3463 enhanced status code, such as 5.1.1
	Diagnostic   string
	// Reason is the rule that read the report.
	Reason string
	// MatchedBy is the key that named the subscriber: verp, message-id,
	// or recipient (the address a provider's verified webhook names).
	MatchedBy string
	// MessageID is our original message's, as the report gives it.
	MessageID  string
	Action     BounceAction
	Decision   string // why Action, in a few words
	Raw        []byte
	ReceivedAt time.Time
}
