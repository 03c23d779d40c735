package desk

import (
	"context"
	"errors"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
)

// ErrAlreadySubscribed: a confirmation link used already, clicked again
// while its subscriber is still subscribed. It is no fault of theirs (a
// second click, a mail client opening the link again), so they are told
// they are subscribed rather than that the link is not valid.
var ErrAlreadySubscribed = errors.New("the confirmation link was used already and the subscription is active")

// UsedLinkError is ErrAlreadySubscribed with what the page needs to offer
// the subscriber their preferences: the link was mailed to them, as their
// unsubscribe link is, so whoever holds it may have that link too.
type UsedLinkError struct {
	// Ref and Token make the preferences link: /unsubscribe?s=Ref&t=Token.
	Ref, Token string
}

func (e *UsedLinkError) Error() string { return ErrAlreadySubscribed.Error() }
func (e *UsedLinkError) Unwrap() error { return ErrAlreadySubscribed }

// usedLink tells a link its subscriber used already from one that was
// never theirs: the token must verify, in constant time as any other,
// against the nonce of the link they last used. It returns a
// *UsedLinkError for such a link while they are active, nil otherwise
// (and the caller says the link is not valid). Expiry does not matter
// here: the link did its work in time, and says nothing new.
func (d *Desk) usedLink(ctx context.Context, sub *digest.Subscriber, expires time.Time, token string) error {
	if sub.Status != digest.SubscriberActive {
		return nil
	}
	used, err := d.Signups.UsedConfirmationNonce(ctx, sub.ID)
	if err != nil {
		return err
	}
	if !compose.VerifyConfirmToken(d.Secret, *sub, used, expires, token) {
		return nil
	}
	return &UsedLinkError{Ref: compose.Ref(*sub), Token: compose.Token(d.Secret, *sub)}
}
