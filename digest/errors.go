package digest

import "errors"

// The lifecycle errors: what an edition, a delivery or a subscriber
// refuses, named here so that every layer (the store that detects it, the
// desk, the scheduler and the pages that answer it) tells them apart with
// errors.Is without knowing which database said so.
var (
	// ErrNotFound is returned when an edition (or the record asked
	// for) does not exist.
	ErrNotFound = errors.New("not found")
	// ErrKeyExists is returned when an edition with the same slot key
	// exists: the guard that keeps a slot from being built twice.
	ErrKeyExists = errors.New("edition key exists")
	// ErrIssueTaken is returned when another edition took the same
	// issue number between reading the next one and storing it.
	ErrIssueTaken = errors.New("issue number taken")
	// ErrLocked is returned when an edition whose status forbids it is
	// changed: sending or sent, or never to be sent (skipped, failed,
	// superseded, discarded). See EditionStatus.CanChange.
	ErrLocked = errors.New("edition can no longer change")
	// ErrNotApproved is returned when an edition that must be approved
	// first is sent, or when what was approved has changed since.
	ErrNotApproved = errors.New("not approved")
	// ErrAlreadySent is returned when asked to send an edition that is
	// sent.
	ErrAlreadySent = errors.New("already sent")
	// ErrClaimLost means a delivery row's claim has passed to another
	// instance (or was released) since it was taken, or its holder's
	// lease ran out: the holder must not send it.
	ErrClaimLost = errors.New("claim lost")
	// ErrExists is returned when a subscriber's address is already
	// listed.
	ErrExists = errors.New("already exists")
)
