package digest

import "time"

// DeliveryStatus is where one edition's message to one subscriber is:
//
//	pending ──claim──► sending ──accepted──► sent
//	                      │
//	                      ├──temporary failure──► deferred (tried again next run)
//	                      └──permanent failure──► failed
//
// Every change is committed on its own before and after the SMTP
// transaction, so a killed run resumes where it stopped.
type DeliveryStatus string

// The statuses, as the store keeps them.
const (
	DeliveryPending  DeliveryStatus = "pending"
	DeliverySending  DeliveryStatus = "sending"
	DeliverySent     DeliveryStatus = "sent"
	DeliveryDeferred DeliveryStatus = "deferred"
	DeliveryFailed   DeliveryStatus = "failed"
)

// DeliveryStatuses lists every status, in the order of a delivery's life:
// the order pages and reports show them in.
func DeliveryStatuses() []DeliveryStatus {
	return []DeliveryStatus{DeliveryPending, DeliverySending, DeliverySent, DeliveryDeferred, DeliveryFailed}
}

// Unfinished reports whether the row is still to be tried: claimable,
// counted as due, and keeping its edition from being sent. This is the
// one definition of the unfinished set; the store's queries and indexes
// and every count of what is left follow it.
func (s DeliveryStatus) Unfinished() bool {
	return s == DeliveryPending || s == DeliverySending || s == DeliveryDeferred
}

// UnfinishedDeliveries lists the statuses Unfinished holds, for queries
// that filter by them.
func UnfinishedDeliveries() []DeliveryStatus {
	var out []DeliveryStatus
	for _, s := range DeliveryStatuses() {
		if s.Unfinished() {
			out = append(out, s)
		}
	}
	return out
}

// DeliveryCounts counts an edition's deliveries by status.
type DeliveryCounts map[DeliveryStatus]int

// Unfinished counts the rows still to be tried (DeliveryStatus.Unfinished).
func (c DeliveryCounts) Unfinished() int {
	n := 0
	for st, k := range c {
		if st.Unfinished() {
			n += k
		}
	}
	return n
}

// Delivery is one (edition, subscriber) row: the fixed list of who an
// edition goes to, made when it starts sending, and how far each got.
type Delivery struct {
	EditionID  string
	Subscriber Subscriber
	Status     DeliveryStatus
	Attempts   int
	LastError  string
	MessageID  string
	UpdatedAt  time.Time
	// ClaimedBy and Token are the claim a sender holds the row by.
	ClaimedBy string
	Token     int64
}

// Claim is what a sender's changes of the row are fenced by.
func (d Delivery) Claim() Claim {
	return Claim{EditionID: d.EditionID, SubscriberID: d.Subscriber.ID, Instance: d.ClaimedBy, Token: d.Token}
}

// Claim names one delivery row as an instance holds it: by its name and
// the fencing token of its claim. Every change a sender makes to the row
// names both, and does nothing when either has changed, so an instance
// that wakes from a freeze never sends a row another has taken over.
type Claim struct {
	EditionID    string
	SubscriberID int64
	Instance     string
	Token        int64
}

// DeliveryWriter records a sender's changes of the rows it claimed, each
// committed before the call returns: "sending" before an SMTP
// transaction starts, its end after it finishes, never across it. Every
// change is fenced by the row's Claim and returns ErrClaimLost, changing
// nothing, when the row is no longer the sender's.
type DeliveryWriter interface {
	MarkSending(c Claim, now time.Time) error
	MarkSent(c Claim, messageID string, now time.Time) error
	// MarkSentThenSending records one message accepted and the next about
	// to start in a single commit; each error is that row's.
	MarkSentThenSending(sent Claim, messageID string, next Claim, now time.Time) (sentErr, nextErr error)
	MarkDeferred(c Claim, reason string, now time.Time) error
	// MarkFailed records a permanent failure; bounced marks the
	// subscriber bounced with it.
	MarkFailed(c Claim, reason string, bounced bool, now time.Time) error
	// Close stops the writer after the changes already asked for.
	Close()
}
