package desk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
)

// CheckUnsubscribe verifies an unsubscribe link and changes nothing: the
// page a GET shows. ref is the link's s, the subscriber's reference or,
// in a link sent before references, their row id (compose.ParseRef). An
// unknown subscriber looks like a bad token, so the link reveals nothing
// about who is on the list.
func (d *Desk) CheckUnsubscribe(ctx context.Context, ref, token string) (*digest.Subscriber, error) {
	sub, err := d.subscriberByRef(ctx, ref)
	if err != nil {
		return nil, err
	}
	if !compose.VerifyToken(d.Secret, *sub, token) {
		return nil, fmt.Errorf("subscriber %d: %w", sub.ID, ErrBadToken)
	}
	return sub, nil
}

// subscriberByRef finds the subscriber a link names. A ref that names
// nobody, or cannot name anyone, is a bad token; a test copy's link is
// ErrTestCopy.
func (d *Desk) subscriberByRef(ctx context.Context, ref string) (*digest.Subscriber, error) {
	id, publicID, ok := compose.ParseRef(ref)
	if id == testSubscriberID {
		return nil, ErrTestCopy // a test copy's link: it unsubscribes nobody
	}
	var sub *digest.Subscriber
	err := digest.ErrNotFound
	switch {
	case !ok:
	case publicID != "":
		sub, err = d.Store.SubscriberByPublicID(ctx, publicID)
	default:
		sub, err = d.Store.SubscriberByID(ctx, id)
	}
	if errors.Is(err, digest.ErrNotFound) {
		return nil, fmt.Errorf("link's subscriber: %w", ErrBadToken)
	}
	return sub, err
}

// Unsubscribe takes a subscriber off the list for good (a pending one
// too: the link in a confirmation message). Doing it twice is harmless,
// and a bounced address stays bounced.
func (d *Desk) Unsubscribe(ctx context.Context, ref, token string) (*digest.Subscriber, error) {
	return d.changeOwnStatus(ctx, ref, token, "subscriber unsubscribed", digest.SubscriberUnsubscribed,
		digest.SubscriberActive, digest.SubscriberPending)
}

// Resubscribe is the "Resubscribe" button of the page an unsubscribe
// link leads to. That link works for ever (RFC 8058 needs it to), in
// every old message and wherever one was forwarded, so it is no proof
// that the mailbox's owner wants the list again: it queues a sign-up,
// and only the confirmation link the worker mails puts them back. An
// active subscriber is left as they are.
func (d *Desk) Resubscribe(ctx context.Context, ref, token string) (*digest.Subscriber, error) {
	sub, err := d.CheckUnsubscribe(ctx, ref, token)
	if err != nil {
		return nil, err
	}
	if sub.Status == digest.SubscriberActive {
		return sub, nil
	}
	if err := d.Signups.QueueSignup(ctx, sub.Address, "", nil, d.Clock.Now()); err != nil {
		return nil, err
	}
	d.wake()
	d.log().Info("resubscribe asked: a confirmation link is queued", "subscriber_id", sub.ID)
	return sub, nil
}

// changeOwnStatus is a subscriber's own change of status through their
// signed link: to, when their status is one of from; any other status
// is left as it is, so repeating a request is harmless.
func (d *Desk) changeOwnStatus(ctx context.Context, ref, token, logMsg string, to digest.SubscriberStatus,
	from ...digest.SubscriberStatus) (*digest.Subscriber, error) {
	sub, err := d.CheckUnsubscribe(ctx, ref, token)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(from, sub.Status) {
		return sub, nil
	}
	if err := d.Store.SetSubscriberStatus(ctx, sub.ID, to, d.Clock.Now()); err != nil {
		return nil, err
	}
	sub.Status = to
	d.log().Info(logMsg, "subscriber_id", sub.ID)
	return sub, nil
}

// SectionTitles are the sections a subscriber may choose among.
func (d *Desk) SectionTitles() []string {
	out := make([]string, len(d.Builder.Sections))
	for i, s := range d.Builder.Sections {
		out[i] = s.Title
	}
	return out
}

// SectionSpecs are the sections with their descriptions, for the pages
// that offer them.
func (d *Desk) SectionSpecs() []digest.SectionSpec { return d.Builder.Sections }

// chooseSections reads a choice of section titles as the config spells
// them; none, or all, is every section (nil), including any added later.
// A title the config does not name is ErrBadInput.
func (d *Desk) chooseSections(sections []string) (digest.Sections, error) {
	titles := d.SectionTitles()
	var chosen digest.Sections
	for _, s := range sections {
		i := slices.IndexFunc(titles, func(t string) bool { return strings.EqualFold(t, strings.TrimSpace(s)) })
		if i < 0 {
			return nil, fmt.Errorf("%w: no section %q", ErrBadInput, s)
		}
		if !slices.Contains(chosen, titles[i]) {
			chosen = append(chosen, titles[i])
		}
	}
	if len(chosen) == len(titles) {
		return nil, nil
	}
	return chosen, nil
}

// SetPreferences stores the sections a subscriber chose, from the page
// their own link leads to; none, or all, is every section. Titles the
// config does not name are refused.
func (d *Desk) SetPreferences(ctx context.Context, ref, token string, sections []string) (*digest.Subscriber, error) {
	sub, err := d.CheckUnsubscribe(ctx, ref, token)
	if err != nil {
		return nil, err
	}
	chosen, err := d.chooseSections(sections)
	if err != nil {
		return nil, err
	}
	if err := d.Signups.SetSubscriberSections(ctx, sub.ID, chosen, d.Clock.Now()); err != nil {
		return nil, err
	}
	sub.Sections = chosen
	d.log().Info("subscriber preferences changed", "subscriber_id", sub.ID, "sections", len(chosen))
	return sub, nil
}
