package desk

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
)

// Sign-up is double opt-in: a request is queued, the worker mails a new
// or returning address a signed link (SendNotices), and only the link
// makes it active.
const (
	// ConfirmLinkTTL is how long a confirmation link works.
	ConfirmLinkTTL = 48 * time.Hour
	// FormMailInterval is the least time between two messages the form
	// sends to one address, whoever asks.
	FormMailInterval = time.Hour
)

// Errors of a sign-up the person who typed it can fix.
var (
	// ErrLinkExpired: a confirmation link past its time.
	ErrLinkExpired = errors.New("the link has expired")
	// ErrBadName: a name digest.CheckSubscriberName refuses.
	ErrBadName = fmt.Errorf("%w: name", ErrBadInput)
)

// SignupStore is what sign-up and its outbox need of the database.
type SignupStore interface {
	QueueSignup(ctx context.Context, address, name string, sections digest.Sections, now time.Time) error
	ClaimNotices(ctx context.Context, instance string, now time.Time, limit int) ([]digest.Notice, error)
	DecideSignup(ctx context.Context, n digest.Notice, now time.Time, interval, ttl time.Duration) (digest.Notice, error)
	FinishNotice(ctx context.Context, id int64, by string, status digest.NoticeStatus, detail string, now time.Time) error
	RetryNotice(ctx context.Context, id int64, by string, next time.Time, detail string, now time.Time) error
	ForgetNotices(ctx context.Context, before time.Time) (int, error)
	ConfirmationNonce(ctx context.Context, id int64) (string, error)
	ConfirmationName(ctx context.Context, id int64) (string, error)
	UsedConfirmationNonce(ctx context.Context, id int64) (string, error)
	Confirm(ctx context.Context, id int64, nonce string, now time.Time) (bool, error)
	SetSubscriberSections(ctx context.Context, id int64, sections digest.Sections, now time.Time) error
}

// Subscribe takes a sign-up from the form, the API or a subscription
// page: it checks the address and the name and queues the request, and
// that is all, for every address. Whether the address is new, pending,
// active or gone, and whether the relay works, is the worker's business
// (SendNotices): the request does the same work and answers the same
// way, in the same time, whatever the address. Only input that cannot
// be an address or a name is refused (ErrBadInput: a
// digest.ErrBadAddress, or ErrBadName), and sections the config does not
// name. The sections chosen (none: every one) wait with the confirmation
// link and become the subscriber's only when it is used.
func (d *Desk) Subscribe(ctx context.Context, address, name string, sections []string) error {
	addr, name, err := d.CheckSignup(address, name)
	if err != nil {
		return err
	}
	chosen, err := d.chooseSections(sections)
	if err != nil {
		return err
	}
	if err := d.Signups.QueueSignup(ctx, addr, name, chosen, d.Clock.Now()); err != nil {
		return err
	}
	d.wake()
	return nil
}

// CheckSignup checks a sign-up's address and name as Subscribe does,
// and returns them as they would be queued: for limits keyed on the
// address, applied before the request is queued.
func (d *Desk) CheckSignup(address, name string) (string, string, error) {
	addr, err := digest.ParseAddress(address, d.SMTPUTF8)
	if err != nil {
		return "", "", fmt.Errorf("%w: %w", ErrBadInput, err)
	}
	name = strings.TrimSpace(name)
	if err := digest.CheckSubscriberName(name); err != nil {
		return "", "", fmt.Errorf("%w: %w", ErrBadName, err)
	}
	return addr, name, nil
}

// CheckConfirmation verifies a confirmation link and changes nothing:
// the page a GET shows, with a button to confirm, because mail scanners
// open links in messages and must not subscribe anyone by doing so. The
// subscriber comes back as confirming would make them: with the name
// asked for with the link, so the page can show it. A link its active
// subscriber used already is a *UsedLinkError (ErrAlreadySubscribed), as
// it is for ConfirmSubscription; a forged one stays ErrBadToken.
func (d *Desk) CheckConfirmation(ctx context.Context, ref string, expiresUnix int64, token string) (*digest.Subscriber, string, error) {
	sub, err := d.subscriberByRef(ctx, ref)
	if errors.Is(err, ErrTestCopy) {
		err = fmt.Errorf("link's subscriber: %w", ErrBadToken)
	}
	if err != nil {
		return nil, "", err
	}
	id := sub.ID
	nonce, err := d.Signups.ConfirmationNonce(ctx, id)
	if err != nil {
		return nil, "", err
	}
	expires := time.Unix(expiresUnix, 0)
	if !compose.VerifyConfirmToken(d.Secret, *sub, nonce, expires, token) {
		if err := d.usedLink(ctx, sub, expires, token); err != nil {
			return nil, "", err
		}
		return nil, "", fmt.Errorf("confirm subscriber %d: %w", id, ErrBadToken)
	}
	if !d.Clock.Now().Before(expires) {
		return nil, "", fmt.Errorf("confirm subscriber %d: %w", id, ErrLinkExpired)
	}
	name, err := d.Signups.ConfirmationName(ctx, id)
	if err != nil {
		return nil, "", err
	}
	if name != "" {
		sub.Name = name
	}
	return sub, nonce, nil
}

// ConfirmSubscription checks a confirmation link and makes its subscriber
// active, with the name asked for with that link; the store queues the
// welcome in the same transaction, for the worker to send. A link is good
// once, until it expires, and only for its own address.
func (d *Desk) ConfirmSubscription(ctx context.Context, ref string, expiresUnix int64, token string) (*digest.Subscriber, error) {
	sub, nonce, err := d.CheckConfirmation(ctx, ref, expiresUnix, token)
	if err != nil {
		return nil, err
	}
	id := sub.ID
	ok, err := d.Signups.Confirm(ctx, id, nonce, d.Clock.Now())
	if err != nil {
		return nil, err
	}
	if !ok { // used meanwhile, by a second click, say, or a new link sent
		if _, _, err := d.CheckConfirmation(ctx, ref, expiresUnix, token); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("confirm subscriber %d: %w", id, ErrBadToken)
	}
	sub.Status = digest.SubscriberActive
	d.log().Info("subscriber confirmed", "subscriber_id", id)
	d.wake()
	return sub, nil
}
