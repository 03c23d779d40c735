// Package webhooks takes bounce and complaint reports that email
// providers post to the public face (Amazon SES through SNS, Postmark,
// SendGrid, Mailgun). Each provider's request is verified (a signature
// or a password), refused when stale or replayed, and its events feed
// the same bounce policy as the bounce mailbox (bounces.Processor.Apply),
// each kept with its payload as evidence.
package webhooks

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/bounces"
)

// Errors the public face answers with a status; their text is for logs.
// The face tells a caller only which of them, never the detail, so a
// forger learns nothing from trying.
var (
	// ErrNotConfigured: no such provider, or one that is off (404).
	ErrNotConfigured = errors.New("webhook not configured")
	// ErrUnsigned: no signature or credentials at all (401).
	ErrUnsigned = errors.New("webhook request unsigned")
	// ErrForged: a signature, password, certificate or topic that does
	// not verify (403).
	ErrForged = errors.New("webhook request does not verify")
	// ErrStale: a signed timestamp outside the provider's window (403).
	ErrStale = errors.New("webhook request too old")
	// ErrReplay: every id in the request was taken before (403).
	ErrReplay = errors.New("webhook request replayed")
	// ErrBadPayload: a verified request whose body this code cannot read
	// (400).
	ErrBadPayload = errors.New("webhook payload unreadable")
)

// skew is how far in the future a provider's clock may be from ours.
const skew = 5 * time.Minute

// Event is one report a provider's request carries.
type Event struct {
	// Receipt is the provider's id this event is replay-protected by: an
	// SNS MessageId, a Postmark bounce ID, a SendGrid sg_event_id, a
	// Mailgun token. Events of one request may share it.
	Receipt string
	// Kind is "" for an event the policy has no rule for (a delivery, an
	// open): its receipt is remembered and nothing else done.
	Kind       digest.BounceKind
	Status     string // the enhanced status code, when the provider gives one
	Diagnostic string
	// Reason names the provider's field that decided the kind.
	Reason string
	Keys   bounces.Keys
	// Evidence is the event's own payload, without the request's
	// signature, kept for the editors.
	Evidence []byte
}

// Delivery is a verified request.
type Delivery struct {
	// At is the provider's signed time of the request, or of its event
	// where nothing else is signed.
	At     time.Time
	Events []Event
	// Confirm, when set, is done once the request is known new: SNS's
	// subscription confirmation.
	Confirm func(ctx context.Context) error
}

// Provider verifies and reads one provider's requests.
type Provider interface {
	// Verify checks the request's signature or credentials and reads its
	// events. Its errors wrap ErrUnsigned, ErrForged or ErrBadPayload.
	Verify(ctx context.Context, h http.Header, body []byte) (*Delivery, error)
	// Window is how old a request may be and still be believed.
	Window() time.Duration
}

// Receipts is where the ids of taken requests are kept (the store).
type Receipts interface {
	RememberWebhook(ctx context.Context, provider, id string, now, keepSince time.Time) (bool, error)
	ForgetWebhook(ctx context.Context, provider, id string) error
}

// Applier takes an event through the bounce policy (bounces.Processor).
type Applier interface {
	Apply(ctx context.Context, ev *digest.BounceEvent, keys bounces.Keys) (bounces.Outcome, error)
}

// Receiver routes a provider's request: verify, refuse the stale and the
// replayed, apply the rest.
type Receiver struct {
	Providers map[string]Provider // by the name in the path: ses, postmark, sendgrid, mailgun
	Receipts  Receipts
	Policy    Applier
	Clock     digest.Clock
	Log       *slog.Logger
}

// Result says what a request did.
type Result struct {
	Applied, Ignored, Replayed int
}

// Receive verifies and applies one request of provider.
func (r *Receiver) Receive(ctx context.Context, provider string, h http.Header, body []byte) (Result, error) {
	var res Result
	p, ok := r.Providers[provider]
	if !ok || p == nil {
		return res, ErrNotConfigured
	}
	d, err := p.Verify(ctx, h, body)
	if err != nil {
		r.Log.Warn("webhook refused", "provider", provider, "err", err)
		return res, err
	}
	now := r.Clock.Now()
	if age := now.Sub(d.At); d.At.IsZero() || age > p.Window() || age < -skew {
		r.Log.Warn("webhook refused", "provider", provider, "err", ErrStale, "signed_at", d.At)
		return res, ErrStale
	}
	fresh, err := r.remember(ctx, provider, d.Events, now)
	if err != nil {
		return res, err
	}
	if len(fresh) == 0 && len(d.Events) > 0 {
		r.Log.Warn("webhook refused", "provider", provider, "err", ErrReplay)
		return res, ErrReplay
	}
	if d.Confirm != nil {
		if err := d.Confirm(ctx); err != nil {
			r.forget(ctx, provider, only(d.Events, fresh))
			return res, err
		}
	}
	for i, ev := range d.Events {
		if !fresh[ev.Receipt] {
			res.Replayed++
			continue
		}
		if ev.Kind == "" {
			res.Ignored++
			continue
		}
		if err := r.apply(ctx, provider, i, ev, now); err != nil {
			// Release only the receipts this request took and did not
			// apply: a replayed one is another request's.
			r.forget(ctx, provider, only(d.Events[i:], fresh))
			return res, err
		}
		res.Applied++
	}
	r.Log.Info("webhook taken", "provider", provider, "applied", res.Applied, "ignored", res.Ignored, "replayed", res.Replayed)
	return res, nil
}

// only returns the events whose receipts are in fresh.
func only(evs []Event, fresh map[string]bool) []Event {
	var out []Event
	for _, ev := range evs {
		if fresh[ev.Receipt] {
			out = append(out, ev)
		}
	}
	return out
}

// remember keeps each distinct receipt and returns the new ones.
func (r *Receiver) remember(ctx context.Context, provider string, evs []Event, now time.Time) (map[string]bool, error) {
	fresh := map[string]bool{}
	keep := now.Add(-r.retention())
	seen := map[string]bool{}
	for _, ev := range evs {
		if seen[ev.Receipt] {
			continue
		}
		seen[ev.Receipt] = true
		ok, err := r.Receipts.RememberWebhook(ctx, provider, ev.Receipt, now, keep)
		if err != nil {
			return nil, err
		}
		if ok {
			fresh[ev.Receipt] = true
		}
	}
	return fresh, nil
}

// forget lets the provider's retry of a request that failed on our side
// through; best effort, as the failure is already being reported.
func (r *Receiver) forget(ctx context.Context, provider string, evs []Event) {
	for _, ev := range evs {
		if err := r.Receipts.ForgetWebhook(ctx, provider, ev.Receipt); err != nil {
			r.Log.Error("webhook receipt not forgotten: the provider's retry will be refused", "provider", provider, "err", err)
		}
	}
}

// retention is how long receipts are kept: the longest window of any
// provider, and the future skew, since pruning is across providers.
func (r *Receiver) retention() time.Duration {
	var longest time.Duration
	for _, p := range r.Providers {
		longest = max(longest, p.Window())
	}
	return longest + skew
}

func (r *Receiver) apply(ctx context.Context, provider string, i int, ev Event, now time.Time) error {
	be := &digest.BounceEvent{SourceKey: fmt.Sprintf("webhook:%s:%s:%d", provider, ev.Receipt, i), Kind: ev.Kind,
		Status: ev.Status, Diagnostic: ev.Diagnostic, Reason: provider + " webhook: " + ev.Reason,
		MessageID: ev.Keys.MessageID, Raw: ev.Evidence, ReceivedAt: now}
	if _, err := r.Policy.Apply(ctx, be, ev.Keys); err != nil {
		return fmt.Errorf("%s webhook event: %w", provider, err)
	}
	return nil
}
