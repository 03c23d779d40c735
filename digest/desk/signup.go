package desk

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/render"
	"github.com/digest-newsletter/digest/digest/store"
)

// Sign-up is double opt-in: the form records a pending address and mails
// it a signed link; only the link makes it active.
const (
	// ConfirmLinkTTL is how long a confirmation link works.
	ConfirmLinkTTL = 48 * time.Hour
	// FormMailInterval is the least time between two messages the form
	// sends to one address, whoever asks.
	FormMailInterval = time.Hour
)

// ErrLinkExpired: a confirmation link past its time.
var ErrLinkExpired = errors.New("the link has expired")

// SignupStore is what sign-up needs of the database.
type SignupStore interface {
	RequestConfirmation(ctx context.Context, address, name string, now time.Time, interval time.Duration) (*store.Confirmation, error)
	ConfirmationNonce(ctx context.Context, id int64) (string, error)
	Confirm(ctx context.Context, id int64, nonce string, now time.Time) (bool, error)
	SetSubscriberSections(ctx context.Context, id int64, sections digest.Sections, now time.Time) error
}

// Subscribe handles a sign-up from the form or the API. It returns nil
// whether or not the address was on the list and whether or not a
// message went out, so its answer reveals nothing; only an address that
// cannot be one is refused (ErrBadInput).
func (d *Desk) Subscribe(ctx context.Context, address, name string) error {
	addr, err := digest.ParseAddress(address, d.SMTPUTF8)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadInput, err)
	}
	name = strings.TrimSpace(name)
	if err := digest.CheckSubscriberName(name); err != nil {
		return fmt.Errorf("%w: %v", ErrBadInput, err)
	}
	c, err := d.Signups.RequestConfirmation(ctx, addr, name, d.Clock.Now(), FormMailInterval)
	if err != nil || c == nil {
		return err
	}
	expires := d.Clock.Now().Add(ConfirmLinkTTL).Truncate(time.Second)
	link := compose.ConfirmURL(d.PublicURL, d.Secret, c.Subscriber, c.Nonce, expires)
	n := d.notice("Confirm your subscription to "+d.Builder.Title, "Please confirm your subscription",
		[]string{"Someone, probably you, asked to receive " + d.Builder.Title + " at " + c.Subscriber.Address + "."},
		"Confirm my subscription", link,
		[]string{fmt.Sprintf("The link works once, for %d hours.", int(ConfirmLinkTTL.Hours())),
			"If you did not ask, ignore this message: nothing more will be sent."})
	if err := d.sendNotice(ctx, "confirm", c.Subscriber, n); err != nil {
		return err
	}
	d.log().Info("sign-up confirmation sent", "subscriber_id", c.Subscriber.ID)
	return nil
}

// CheckConfirmation verifies a confirmation link and changes nothing:
// the page a GET shows, with a button to confirm, because mail scanners
// open links in messages and must not subscribe anyone by doing so.
func (d *Desk) CheckConfirmation(ctx context.Context, id int64, expiresUnix int64, token string) (*digest.Subscriber, string, error) {
	sub, err := d.Store.SubscriberByID(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, "", fmt.Errorf("subscriber %d: %w", id, ErrBadToken)
	}
	if err != nil {
		return nil, "", err
	}
	nonce, err := d.Signups.ConfirmationNonce(ctx, id)
	if err != nil {
		return nil, "", err
	}
	expires := time.Unix(expiresUnix, 0)
	if !compose.VerifyConfirmToken(d.Secret, *sub, nonce, expires, token) {
		return nil, "", fmt.Errorf("confirm subscriber %d: %w", id, ErrBadToken)
	}
	if !d.Clock.Now().Before(expires) {
		return nil, "", fmt.Errorf("confirm subscriber %d: %w", id, ErrLinkExpired)
	}
	return sub, nonce, nil
}

// ConfirmSubscription checks a confirmation link and makes its subscriber
// active, then sends the welcome. A link is good once, until it expires,
// and only for its own address.
func (d *Desk) ConfirmSubscription(ctx context.Context, id int64, expiresUnix int64, token string) (*digest.Subscriber, error) {
	sub, nonce, err := d.CheckConfirmation(ctx, id, expiresUnix, token)
	if err != nil {
		return nil, err
	}
	ok, err := d.Signups.Confirm(ctx, id, nonce, d.Clock.Now())
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("confirm subscriber %d: %w", id, ErrBadToken)
	}
	sub.Status = digest.SubscriberActive
	d.log().Info("subscriber confirmed", "subscriber_id", id)
	n := d.notice("Welcome to "+d.Builder.Title, "You are subscribed",
		[]string{"Thank you for confirming. " + d.Builder.Title + " will come to " + sub.Address + " with each new edition."},
		"", "", []string{"Every edition has a link to leave the list at the bottom; this message has one too."})
	if err := d.sendNotice(ctx, "welcome", *sub, n); err != nil {
		// The subscription stands; only the courtesy message failed.
		d.log().Warn("welcome message not sent", "subscriber_id", id, "error", err)
	}
	return sub, nil
}

func (d *Desk) notice(subject, heading string, paras []string, label, url string, after []string) render.Notice {
	return render.Notice{Subject: subject, Heading: heading, Paragraphs: paras, ActionLabel: label, ActionURL: url,
		After: after, List: d.Builder.Title, PostalAddress: d.Builder.PostalAddress, Language: d.Builder.Language}
}

// sendNotice renders, composes and sends one notice to one person, with
// their own unsubscribe link like every message of the list.
func (d *Desk) sendNotice(ctx context.Context, kind string, sub digest.Subscriber, n render.Notice) error {
	html, text, err := d.Renderer.Notice(n)
	if err != nil {
		return err
	}
	now := d.Clock.Now()
	ed := &compose.Edition{ID: kind + "-" + strconv.FormatInt(sub.ID, 10) + "-" + strconv.FormatInt(now.UnixNano(), 36),
		Subject: n.Subject, HTML: html, Text: text, Date: now}
	sub.Status = digest.SubscriberPending // they asked for this message
	msg, err := d.Composer.Compose(ed, sub)
	if err != nil {
		return err
	}
	tr, err := d.OpenTransport()
	if err != nil {
		return err
	}
	defer tr.Close()
	if err := tr.Send(ctx, msg); err != nil {
		return fmt.Errorf("%s message to subscriber %d: %w", kind, sub.ID, err)
	}
	return nil
}
