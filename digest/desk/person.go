package desk

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Person is one subscriber with their history: what an editor reads
// before acting on them, and what a data-protection export gives them.
type Person struct {
	Subscriber digest.Subscriber
	Deliveries []digest.PersonDelivery
	Bounces    []digest.BounceEvent
	Notices    []digest.Notice
	// History is every event above in time order, in words.
	History []Event
}

// Event is one moment of a person's history.
type Event struct {
	At   time.Time
	What string
	// Detail is the evidence: an error, a bounce's diagnostic.
	Detail string
	// EditionID names the edition the event is about, if any.
	EditionID string
}

// Person returns a subscriber, found by reference or address, with
// every delivery, bounce report and sign-up request about them.
func (d *Desk) Person(ctx context.Context, key string) (*Person, error) {
	sub, err := d.LookUp(ctx, key)
	if err != nil {
		return nil, err
	}
	st := d.People.Store
	p := &Person{Subscriber: *sub}
	if p.Deliveries, err = st.PersonDeliveries(ctx, sub.ID); err != nil {
		return nil, err
	}
	if p.Bounces, err = st.BounceEvents(ctx, sub.ID); err != nil {
		return nil, err
	}
	if p.Notices, err = st.PersonNotices(ctx, sub.Address, sub.ID); err != nil {
		return nil, err
	}
	p.History = history(p)
	return p, nil
}

// history merges a person's records into one timeline, oldest first.
func history(p *Person) []Event {
	s := p.Subscriber
	ev := []Event{{At: s.CreatedAt, What: "Put on the list"}}
	for _, n := range p.Notices {
		what := "Asked to join on the sign-up form"
		if n.Kind == digest.NoticeWelcome {
			what = "Confirmed their address (welcome message queued)"
		}
		ev = append(ev, Event{At: n.CreatedAt, What: what, Detail: fmt.Sprintf("%s %s", n.Status, n.Detail)})
	}
	for _, dl := range p.Deliveries {
		title := dl.Title
		if title == "" {
			title = dl.EditionID
		}
		ev = append(ev, Event{At: dl.UpdatedAt, What: fmt.Sprintf("Edition “%s”: %s", title, dl.Status),
			Detail: dl.LastError, EditionID: dl.EditionID})
	}
	for _, b := range p.Bounces {
		ev = append(ev, Event{At: b.ReceivedAt, What: fmt.Sprintf("%s bounce report %s: %s", b.Kind, b.Status, b.Decision),
			Detail: b.Diagnostic, EditionID: b.EditionID})
	}
	if !s.UpdatedAt.Equal(s.CreatedAt) && s.Status != digest.SubscriberActive {
		ev = append(ev, Event{At: s.UpdatedAt, What: "Now " + string(s.Status)})
	}
	slices.SortStableFunc(ev, func(a, b Event) int { return a.At.Compare(b.At) })
	return ev
}

// PersonData is everything digest stores about one person, as JSON: the
// answer to a data-protection access request (GDPR article 15).
func (d *Desk) PersonData(ctx context.Context, key string) ([]byte, error) {
	p, err := d.Person(ctx, key)
	if err != nil {
		return nil, err
	}
	type notice struct {
		Kind, Status, Detail, Name string
		Created                    time.Time
	}
	out := struct {
		Exported    time.Time               `json:"exported"`
		Subscriber  digest.Subscriber       `json:"subscriber"`
		Deliveries  []digest.PersonDelivery `json:"deliveries"`
		Bounces     []digest.BounceEvent    `json:"bounce_reports"`
		SignUps     []notice                `json:"sign_up_requests"`
		Description string                  `json:"about"`
	}{
		Exported: d.Clock.Now().UTC(), Subscriber: p.Subscriber, Deliveries: p.Deliveries, Bounces: p.Bounces,
		Description: "Everything this newsletter stores about this address: the subscription, each edition mailed to it, " +
			"each bounce report about it, and each sign-up request and welcome.",
	}
	raw, err := d.People.Store.BounceMessages(ctx, p.Subscriber.ID)
	if err != nil {
		return nil, err
	}
	for i := range out.Bounces {
		out.Bounces[i].Raw = raw[out.Bounces[i].ID] // the report as received
	}
	for _, n := range p.Notices {
		out.SignUps = append(out.SignUps, notice{Kind: string(n.Kind), Status: string(n.Status), Detail: n.Detail, Name: n.Name,
			Created: n.CreatedAt})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("person data: %w", err)
	}
	return b, nil
}
