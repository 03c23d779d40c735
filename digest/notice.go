package digest

import "time"

// NoticeKind says what a notice is: a sign-up request, which the worker
// decides on, or a welcome to a subscriber who just confirmed.
type NoticeKind string

const (
	NoticeSignup  NoticeKind = "signup"
	NoticeWelcome NoticeKind = "welcome"
)

// NoticeStatus is where a notice is: queued (not decided yet), ready (to
// send), or done: sent, skipped or failed. Deciding a sign-up later,
// not when it is asked for, is what keeps a request's answer and its
// timing from telling whether an address is listed.
type NoticeStatus string

const (
	NoticeQueued  NoticeStatus = "queued"
	NoticeReady   NoticeStatus = "ready"
	NoticeSent    NoticeStatus = "sent"
	NoticeSkipped NoticeStatus = "skipped"
	NoticeFailed  NoticeStatus = "failed"
)

// Open reports whether the notice is still to be worked on: queued or
// ready. A notice done (sent, skipped, failed) is never claimed again,
// and is forgotten after a while.
func (s NoticeStatus) Open() bool { return s == NoticeQueued || s == NoticeReady }

// NoticeStatuses lists every status, open ones first.
func NoticeStatuses() []NoticeStatus {
	return []NoticeStatus{NoticeQueued, NoticeReady, NoticeSent, NoticeSkipped, NoticeFailed}
}

// Notice is one row of the sign-up outbox: a message to one person that
// is not an edition.
type Notice struct {
	ID   int64
	Kind NoticeKind
	// Address and Name are what was asked for (a welcome's: the
	// subscriber's address).
	Address, Name string
	// SubscriberID is set once a sign-up is decided, and for a welcome.
	SubscriberID int64
	Status       NoticeStatus
	// Nonce and ExpiresAt make a ready sign-up's confirmation link.
	Nonce     string
	ExpiresAt time.Time
	// Attempts counts claims, this one included; NextAttempt is when the
	// row is due.
	Attempts    int
	NextAttempt time.Time
	Detail      string
	CreatedAt   time.Time
	// ClaimedBy is the instance that claimed the row: finishing or
	// retrying it is fenced by that claim.
	ClaimedBy string
}
