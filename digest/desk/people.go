package desk

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/roster"
)

// PeopleStore is what the subscribers' pages, import, export and
// data-protection requests need of the database.
type PeopleStore interface {
	SearchSubscribers(ctx context.Context, q digest.SubscriberQuery) ([]digest.Subscriber, int, error)
	Subscribers(ctx context.Context, status digest.SubscriberStatus) ([]digest.Subscriber, error)
	Subscriber(ctx context.Context, address string) (*digest.Subscriber, error)
	SubscriberByPublicID(ctx context.Context, publicID string) (*digest.Subscriber, error)
	AddSubscriber(ctx context.Context, address, name string, now time.Time) (*digest.Subscriber, error)
	SetSubscriberStatus(ctx context.Context, id int64, status digest.SubscriberStatus, now time.Time) error
	BounceEvents(ctx context.Context, subscriberID int64) ([]digest.BounceEvent, error)
	BounceMessages(ctx context.Context, subscriberID int64) (map[int64][]byte, error)
	PersonDeliveries(ctx context.Context, subscriberID int64) ([]digest.PersonDelivery, error)
	PersonNotices(ctx context.Context, address string, subscriberID int64) ([]digest.Notice, error)
	Erased(ctx context.Context, address string) (bool, error)
	ApplyImport(ctx context.Context, rows []digest.ImportRow, now time.Time) error
	Erase(ctx context.Context, address string, now time.Time) (map[string]int64, error)
	Mentions(ctx context.Context, text string) ([]string, error)
}

// People is what the desk needs for the subscribers' pages: the store
// and the folders whose files an erasure searches (the outbox, the data
// dir).
type People struct {
	Store PeopleStore
	// Outbox is the folder messages are written to without SMTP: an
	// erasure deletes the messages to the address found there.
	Outbox string
	// DataDir is searched too; a file outside the outbox that names the
	// address is reported, not deleted (it is not digest's to delete).
	DataDir string
}

// PageSize is how many subscribers a page of the list shows.
const PageSize = 50

// SubscriberPage is one page of the list as a query picks it.
type SubscriberPage struct {
	Query       digest.SubscriberQuery
	Subscribers []digest.Subscriber
	Total       int
}

// FindSubscribers returns a page of the subscribers q picks.
func (d *Desk) FindSubscribers(ctx context.Context, q digest.SubscriberQuery) (*SubscriberPage, error) {
	if q.Status != "" {
		if _, err := digest.ParseSubscriberStatus(string(q.Status)); err != nil {
			return nil, refuse("There is no status %q: choose active, pending, unsubscribed or bounced.", q.Status)
		}
	}
	if titles := d.SectionTitles(); q.Section != "" && !slices.Contains(titles, q.Section) {
		// Those who take every section would match any name at all.
		return nil, refuse("There is no section %q: choose one of %s.", q.Section, strings.Join(titles, ", "))
	}
	q.Limit, q.Offset = PageSize, max(q.Offset, 0)
	subs, total, err := d.People.Store.SearchSubscribers(ctx, q)
	if err != nil {
		return nil, err
	}
	return &SubscriberPage{Query: q, Subscribers: subs, Total: total}, nil
}

// Refusal is a request the desk turns down, in words for the person who
// made it. It is an ErrBadInput.
type Refusal struct{ Words string }

func (r *Refusal) Error() string { return r.Words }

// Is makes every Refusal an ErrBadInput.
func (r *Refusal) Is(target error) bool { return target == ErrBadInput }

func refuse(format string, args ...any) error {
	return &Refusal{Words: fmt.Sprintf(format, args...)}
}

// AddSubscriber puts an address on the list as "digest subscribers add"
// does, with its checks (roster.ParseAddress). An address listed already
// is not changed: the error is digest.ErrExists, with the subscriber.
// An erased address is refused.
func (d *Desk) AddSubscriber(ctx context.Context, address, name string) (*digest.Subscriber, error) {
	a, err := roster.ParseAddress(address, strings.TrimSpace(name), d.SMTPUTF8)
	if err != nil {
		return nil, &Refusal{Words: "That subscriber can't be added: " + err.Error() + ". Correct it and try again."}
	}
	sub, err := d.People.Store.AddSubscriber(ctx, a.Address, a.Name, d.Clock.Now())
	switch {
	case errors.Is(err, digest.ErrErased):
		return nil, refuse("%s can't be added: their data was erased at their request, and only a hash of the address was kept so that they are never added again.", a.Address)
	case errors.Is(err, digest.ErrExists):
		return sub, err
	case err != nil:
		return nil, err
	}
	d.log().Info("subscriber added", "subscriber_id", sub.ID)
	return sub, nil
}

// LookUp finds a subscriber by the reference the pages use (their
// random public id) or by address (anything with an @), as typed.
func (d *Desk) LookUp(ctx context.Context, key string) (*digest.Subscriber, error) {
	key = strings.TrimSpace(key)
	if !strings.Contains(key, "@") {
		return d.People.Store.SubscriberByPublicID(ctx, key)
	}
	// An address stored before today's rules may not pass them: it is
	// looked up as typed when it does not parse.
	if a, err := roster.ParseAddress(key, "", d.SMTPUTF8); err == nil {
		key = a.Address
	}
	return d.People.Store.Subscriber(ctx, key)
}

// RemoveSubscriber unsubscribes someone: the row stays, so no config or
// import puts them back.
func (d *Desk) RemoveSubscriber(ctx context.Context, key string) (*digest.Subscriber, error) {
	sub, err := d.LookUp(ctx, key)
	if err != nil {
		return nil, err
	}
	if err := d.People.Store.SetSubscriberStatus(ctx, sub.ID, digest.SubscriberUnsubscribed, d.Clock.Now()); err != nil {
		return nil, err
	}
	d.log().Info("subscriber removed", "subscriber_id", sub.ID)
	sub.Status = digest.SubscriberUnsubscribed
	return sub, nil
}

// Reinstate puts a bounced address back on the list, on an editor's word
// (the mailbox works again). Someone who unsubscribed, or complained,
// comes back only by their own confirmed sign-up, never by this.
func (d *Desk) Reinstate(ctx context.Context, key string) (*digest.Subscriber, error) {
	sub, err := d.LookUp(ctx, key)
	if err != nil {
		return nil, err
	}
	if sub.Status != digest.SubscriberBounced {
		return nil, refuse("%s is %s, not bounced: only a bounced address can be reinstated (put back on the list). Someone who unsubscribed comes back only by signing up again.",
			digest.Printable(sub.Address), sub.Status)
	}
	if err := d.People.Store.SetSubscriberStatus(ctx, sub.ID, digest.SubscriberActive, d.Clock.Now()); err != nil {
		return nil, err
	}
	d.log().Info("bounced subscriber reinstated", "subscriber_id", sub.ID)
	sub.Status = digest.SubscriberActive
	return sub, nil
}
