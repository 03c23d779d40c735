package bounces

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/bounce"
	"github.com/digest-newsletter/digest/digest/verp"
)

// Store is what acting on bounces needs of the database.
type Store interface {
	// RecordBounce keeps an event and takes its action in one step; false
	// when its source key was kept before.
	RecordBounce(ctx context.Context, ev *digest.BounceEvent) (bool, error)
	BounceRecorded(ctx context.Context, sourceKey string) (bool, error)
	SoftBounces(ctx context.Context, subscriberID int64, since time.Time) (int, error)
	SubscriberByID(ctx context.Context, id int64) (*digest.Subscriber, error)
	// Subscriber finds one by address: the last key, for a provider's
	// webhook, which names the recipient it delivered to.
	Subscriber(ctx context.Context, address string) (*digest.Subscriber, error)
	SubscriberByPublicID(ctx context.Context, publicID string) (*digest.Subscriber, error)
	DeliveryByMessageID(ctx context.Context, messageID string) (editionID string, subscriberID int64, err error)
	EditionIDByIssue(ctx context.Context, issue int) (string, error)
}

// Processor classifies each message of the bounce mailbox, matches a
// bounce or complaint to its delivery and applies the policy. It never
// deletes or changes a message: what to do with one in the mailbox is
// the reader's, told by the Outcome.
type Processor struct {
	Store      Store
	Classifier bounce.Classifier
	// Tokens reads VERP tokens; nil when VERP is off, and a bounce is then
	// matched by the original Message-ID alone.
	Tokens *Tokens
	Policy Policy
	Clock  digest.Clock
	Log    *slog.Logger
}

// Outcome is what became of one message.
type Outcome struct {
	Kind bounce.Kind
	// Event is the bounce or complaint as recorded (or as it was when
	// recorded before); nil for any other message.
	Event *digest.BounceEvent
	// Duplicate says the message had been recorded before: it counted
	// then, not now.
	Duplicate bool
}

// Report is a bounce or complaint: a message the reader may file away.
// Anything else stays where it is.
func (o Outcome) Report() bool { return o.Event != nil }

// SourceKey names a message by its bytes, so the same message read twice,
// from any mailbox, counts once.
func SourceKey(raw []byte) string {
	sum := sha256.Sum256(raw)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Process reads one message and, for a bounce or complaint, records it
// with the decision the policy takes on it. An error is the store's or
// the clock's: the message is then to be read again next time.
func (p *Processor) Process(ctx context.Context, raw []byte) (Outcome, error) {
	res, err := p.Classifier.Classify(raw)
	if err != nil {
		p.Log.Debug("bounce mailbox: unreadable message left alone", "err", err)
	}
	kind, ok := KindOf(res.Kind)
	if !ok {
		return Outcome{Kind: res.Kind}, nil
	}
	ev := &digest.BounceEvent{SourceKey: SourceKey(raw), Kind: kind, Status: res.Status, Diagnostic: res.Diagnostic,
		Reason: res.Reason, MessageID: res.MessageID, Raw: raw, ReceivedAt: p.Clock.Now()}
	out, err := p.Apply(ctx, ev, Keys{Token: res.Token, MessageID: res.MessageID})
	out.Kind = res.Kind
	return out, err
}

// Keys are what may name a report's subscriber, most certain first.
type Keys struct {
	// Token is the VERP token of the envelope sender the report came back
	// to (or a provider echoes).
	Token string
	// MessageID is our original message's Message-ID.
	MessageID string
	// Recipient is the address a provider says it delivered to. Only a
	// provider's webhook, verified, sets it: a mailed report's addresses
	// are rewritten by relays and forwarders, a provider's are its own.
	Recipient string
}

// Apply matches an event to its subscriber by its keys, takes the
// policy's decision on it and records both, once per source key. It is
// the one path every report takes, read from the mailbox or posted by a
// provider's webhook, so the rule lives in one place (Policy).
func (p *Processor) Apply(ctx context.Context, ev *digest.BounceEvent, keys Keys) (Outcome, error) {
	kind := ev.Kind
	out := Outcome{Kind: bounceKind(kind), Event: ev}
	if seen, err := p.Store.BounceRecorded(ctx, ev.SourceKey); err != nil || seen {
		out.Duplicate = seen
		return out, err
	}
	sub, err := p.match(ctx, keys, ev)
	if err != nil {
		return out, err
	}
	softBefore := 0
	if sub != nil && kind == digest.BounceSoft {
		if softBefore, err = p.Store.SoftBounces(ctx, sub.ID, ev.ReceivedAt.Add(-p.Policy.SoftWindow)); err != nil {
			return out, err
		}
	}
	var status digest.SubscriberStatus
	if sub != nil {
		status = sub.Status
	}
	ev.Action, ev.Decision = p.Policy.Decide(kind, status, softBefore)
	recorded, err := p.Store.RecordBounce(ctx, ev)
	if err != nil {
		return out, err
	}
	out.Duplicate = !recorded
	attrs := []any{"kind", kind, "status", ev.Status, "action", ev.Action, "decision", ev.Decision,
		"matched_by", ev.MatchedBy, "edition_id", ev.EditionID, "subscriber_id", ev.SubscriberID, "source_key", ev.SourceKey}
	if sub != nil && ev.Action != digest.BounceNoAction {
		p.Log.Warn("subscriber taken off the list by a bounce report", attrs...)
	} else {
		p.Log.Info("bounce report recorded", attrs...)
	}
	return out, nil
}

// bounceKind is the classifier's kind of a stored one.
func bounceKind(k digest.BounceKind) bounce.Kind {
	switch k {
	case digest.BounceHard:
		return bounce.HardBounce
	case digest.BounceSoft:
		return bounce.SoftBounce
	case digest.BounceComplaint:
		return bounce.Complaint
	}
	return bounce.NotBounce
}

// match names the report's subscriber and edition: by the VERP token
// first, signed and so certain, then by the original Message-ID, which
// a report quotes more often than not. An address named in the report is
// never used alone: relays rewrite addresses, and a forwarded report
// names the forwarder.
func (p *Processor) match(ctx context.Context, keys Keys, ev *digest.BounceEvent) (*digest.Subscriber, error) {
	if keys.Token != "" && p.Tokens != nil {
		sub, edition, err := p.byToken(ctx, keys.Token)
		switch {
		case err == nil:
			ev.SubscriberID, ev.EditionID, ev.MatchedBy = sub.ID, edition, "verp"
			return sub, nil
		case errors.Is(err, digest.ErrNotFound) || isTokenError(err):
			p.Log.Warn("bounce report: VERP token not believed; trying the Message-ID", "token", keys.Token, "err", err)
		default:
			return nil, err
		}
	}
	if sub, err := p.byMessageID(ctx, keys.MessageID, ev); sub != nil || err != nil {
		return sub, err
	}
	if keys.Recipient == "" {
		return nil, nil
	}
	sub, err := p.Store.Subscriber(ctx, keys.Recipient)
	if errors.Is(err, digest.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("subscriber of a provider's report: %w", err)
	}
	ev.SubscriberID, ev.MatchedBy = sub.ID, "recipient"
	return sub, nil
}

// byMessageID names the subscriber and edition of the delivery sent
// with this Message-ID, or nil when none was.
func (p *Processor) byMessageID(ctx context.Context, messageID string, ev *digest.BounceEvent) (*digest.Subscriber, error) {
	messageID = strings.Trim(messageID, "<> ")
	if messageID == "" {
		return nil, nil
	}
	edition, subID, err := p.Store.DeliveryByMessageID(ctx, messageID)
	if errors.Is(err, digest.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	sub, err := p.Store.SubscriberByID(ctx, subID)
	if err != nil {
		return nil, fmt.Errorf("subscriber of message %s: %w", messageID, err)
	}
	ev.SubscriberID, ev.EditionID, ev.MatchedBy = sub.ID, edition, "message-id"
	return sub, nil
}

func (p *Processor) byToken(ctx context.Context, tok string) (*digest.Subscriber, string, error) {
	ref, err := p.Tokens.Decode(tok)
	if err != nil {
		return nil, "", err
	}
	var sub *digest.Subscriber
	if ref.PublicID != "" {
		sub, err = p.Store.SubscriberByPublicID(ctx, ref.PublicID)
	} else {
		sub, err = p.Store.SubscriberByID(ctx, ref.SubscriberID)
	}
	if err != nil {
		return nil, "", err
	}
	edition, err := p.Store.EditionIDByIssue(ctx, ref.Issue)
	if errors.Is(err, digest.ErrNotFound) {
		edition, err = "", nil // the subscriber is certain; the edition is evidence only
	}
	return sub, edition, err
}

// isTokenError reports a token that is not ours to believe: forged,
// damaged, or of a layout this code does not read.
func isTokenError(err error) bool {
	return errors.Is(err, verp.ErrBadSignature) || errors.Is(err, verp.ErrBadToken) || errors.Is(err, verp.ErrNotVERP) ||
		errors.Is(err, errBadRef)
}
