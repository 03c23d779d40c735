package desk

import (
	"context"
	"errors"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
)

// CheckUnsubscribe verifies an unsubscribe link and changes nothing: the
// page a GET shows. An unknown subscriber looks like a bad token, so the
// link reveals nothing about who is on the list.
func (d *Desk) CheckUnsubscribe(ctx context.Context, subscriberID int64, token string) (*digest.Subscriber, error) {
	if subscriberID == testSubscriberID {
		return nil, ErrTestCopy // a test copy's link: it unsubscribes nobody
	}
	sub, err := d.Store.SubscriberByID(ctx, subscriberID)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("subscriber %d: %w", subscriberID, ErrBadToken)
	}
	if err != nil {
		return nil, err
	}
	if !compose.VerifyToken(d.Secret, *sub, token) {
		return nil, fmt.Errorf("subscriber %d: %w", subscriberID, ErrBadToken)
	}
	return sub, nil
}

// Unsubscribe takes a subscriber off the list for good. Doing it twice is
// harmless, and a bounced address stays bounced.
func (d *Desk) Unsubscribe(ctx context.Context, subscriberID int64, token string) (*digest.Subscriber, error) {
	sub, err := d.CheckUnsubscribe(ctx, subscriberID, token)
	if err != nil {
		return nil, err
	}
	if sub.Status != digest.SubscriberActive && sub.Status != digest.SubscriberPending {
		return sub, nil
	}
	if err := d.Store.SetSubscriberStatus(ctx, sub.ID, digest.SubscriberUnsubscribed, d.Clock.Now()); err != nil {
		return nil, err
	}
	sub.Status = digest.SubscriberUnsubscribed
	d.log().Info("subscriber unsubscribed", "subscriber_id", sub.ID)
	return sub, nil
}

// Resubscribe puts back on the list someone who unsubscribed by mistake,
// from the page their own unsubscribe link led to: the token proves the
// mailbox is theirs, as a confirmation link would. A bounced address
// stays bounced.
func (d *Desk) Resubscribe(ctx context.Context, subscriberID int64, token string) (*digest.Subscriber, error) {
	sub, err := d.CheckUnsubscribe(ctx, subscriberID, token)
	if err != nil {
		return nil, err
	}
	if sub.Status != digest.SubscriberUnsubscribed {
		return sub, nil
	}
	if err := d.Store.SetSubscriberStatus(ctx, sub.ID, digest.SubscriberActive, d.Clock.Now()); err != nil {
		return nil, err
	}
	sub.Status = digest.SubscriberActive
	d.log().Info("subscriber resubscribed", "subscriber_id", sub.ID)
	return sub, nil
}
