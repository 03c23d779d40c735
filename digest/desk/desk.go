// Package desk is the editors' desk: what people do to an edition between
// its build and its sending — look at it, change it, approve it, send a
// test copy, send it — and what subscribers do from their mail. The
// command line, the scheduler and the web pages all act through it, so
// an approval or an unsubscribe means the same thing everywhere.
package desk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/bounces"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/deliver"
	"github.com/digest-newsletter/digest/digest/pipeline"
	"github.com/digest-newsletter/digest/digest/render"
	"github.com/digest-newsletter/digest/digest/webhooks"
)

// Errors callers tell apart with errors.Is, besides the lifecycle errors
// of the domain (digest.ErrNotFound, digest.ErrLocked,
// digest.ErrNotApproved), which the desk passes on as the store gives them.
var (
	// ErrBadToken: an unsubscribe link that does not verify.
	ErrBadToken = errors.New("bad unsubscribe token")
	// ErrBadInput: a request that makes no sense, such as an unknown action.
	ErrBadInput = errors.New("bad input")
	// ErrNoSuchSentence: a sentence edit names a sentence the edition's
	// summaries do not show (the page was out of date).
	ErrNoSuchSentence = fmt.Errorf("no such summary sentence: %w", ErrBadInput)
	// ErrNoAlternative: a swap for an article with no other sentence.
	ErrNoAlternative = fmt.Errorf("no other sentence to swap in: %w", ErrBadInput)
	// ErrSwapRefused: a swap for a sentence the article no longer has or
	// the edition shows already.
	ErrSwapRefused = fmt.Errorf("sentence the edition may not take: %w", ErrBadInput)
	// ErrNoSection: a move to a section the edition does not have.
	ErrNoSection = fmt.Errorf("no such section: %w", ErrBadInput)
	// ErrTestCopy: the unsubscribe link of a test copy, which works and
	// unsubscribes nobody.
	ErrTestCopy = errors.New("a test copy's unsubscribe link")
)

// Store is what the desk needs of the database: editions, their
// overrides and approvals, and the subscribers its public pages change.
type Store interface {
	Edition(ctx context.Context, id string) (*digest.EditionRecord, error)
	Editions(ctx context.Context, limit int, statuses ...digest.EditionStatus) ([]digest.EditionRecord, error)
	DeliveryCounts(ctx context.Context, editionID string) (digest.DeliveryCounts, error)
	Deliveries(ctx context.Context, editionID string, limit int) ([]digest.Delivery, error)
	Articles(ctx context.Context, ids []string) ([]*digest.Article, error)
	Approve(ctx context.Context, editionID, by string, now time.Time) (string, error)
	Unapprove(ctx context.Context, editionID string) error
	Discard(ctx context.Context, editionID, by string) error
	Overrides(ctx context.Context, editionID string) (map[string]digest.Override, error)
	SetOverride(ctx context.Context, editionID string, o digest.Override, now time.Time) error
	SetOverrides(ctx context.Context, editionID string, os []digest.Override, now time.Time) error
	SetNote(ctx context.Context, editionID string, n digest.EditorNote, now time.Time) error
	Note(ctx context.Context, editionID string) (digest.EditorNote, error)
	EditSentence(ctx context.Context, editionID string, e digest.SentenceEdit, now time.Time) error
	FillMail(ctx context.Context, id string, r *digest.Rendition) error
	RecordTestSend(ctx context.Context, t digest.TestSend) error
	SubscriberByID(ctx context.Context, id int64) (*digest.Subscriber, error)
	SubscriberByPublicID(ctx context.Context, publicID string) (*digest.Subscriber, error)
	SetSubscriberStatus(ctx context.Context, id int64, status digest.SubscriberStatus, now time.Time) error
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	Subscribers(ctx context.Context, status digest.SubscriberStatus) ([]digest.Subscriber, error)
	ApprovalRequired() bool
}

// Desk acts on editions. Every field is required except Log.
type Desk struct {
	Store   Store
	Signups SignupStore
	// Changes keeps the history of editorial changes (who, when, what,
	// and the state before, for undo); nil keeps none.
	Changes  HistoryStore
	Builder  *pipeline.Builder
	Renderer *render.Renderer
	Composer *compose.Composer
	// Secret signs and checks unsubscribe links; the Composer has the same.
	Secret []byte
	// PublicURL is where subscribers reach the public pages.
	PublicURL string
	// SMTPUTF8 says the relay takes non-ASCII local parts (the config's
	// smtp.smtputf8), for digest.ParseAddress.
	SMTPUTF8 bool
	// OpenTransport opens the transport test copies and editions go out by.
	OpenTransport func(ctx context.Context) (digest.Transport, error)
	// NewSender makes the sender for a whole edition over a transport.
	NewSender func(digest.Transport) *deliver.Sender
	// VERP, when set, gives each delivery its own envelope sender naming
	// it (mail.bounces.verp_domain), so a bounce says who bounced.
	VERP *bounces.Tokens
	// Webhooks takes the providers' bounce webhooks; nil: none is on.
	Webhooks *webhooks.Receiver
	// Tally reads an edition's results and counts clicks; CountClicks
	// says whether the public face's redirect counts them (web.count_clicks).
	Tally       ResultsStore
	CountClicks bool
	// NextSlots and SourceHealth feed the desk's overview; nil leaves
	// that part out.
	NextSlots func(n int) []Slot
	// Cadence says when the slots come in words ("every Monday at
	// 07:00 UTC"); ok is false when the schedule has none. nil leaves it
	// out.
	Cadence      func() (words string, ok bool)
	SourceHealth func(ctx context.Context) ([]pipeline.SourceHealth, error)
	Clock        digest.Clock
	Log          *slog.Logger
	// People serves the subscribers' pages and data-protection requests.
	People People

	// SourceBook keeps the feeds and pages (the Sources page).
	SourceBook SourceBook
	// Refresh fetches the feeds and pages due (digest fetch without
	// --force) before "Build now", so a feed just added is in the build;
	// nil builds from what is stored.
	Refresh func(ctx context.Context)

	outbox  notices
	sending sends
}

// Summary is an edition as listed: its record (without its rendered
// parts when listed) and how far its sending has got.
type Summary struct {
	digest.EditionRecord
	// Deliveries counts rows by status: pending, sending, sent, deferred, failed.
	Deliveries digest.DeliveryCounts
}

// Approved reports whether the edition is approved and not yet sending.
func (s Summary) Approved() bool { return s.Status == digest.EditionApproved }

// Editions lists the newest editions with their delivery counts.
func (d *Desk) Editions(ctx context.Context, limit int) ([]Summary, error) {
	return d.list(ctx, limit)
}

// Archive lists the sent editions, newest first: the public archive.
func (d *Desk) Archive(ctx context.Context, limit int) ([]Summary, error) {
	return d.list(ctx, limit, digest.EditionSent)
}

func (d *Desk) list(ctx context.Context, limit int, statuses ...digest.EditionStatus) ([]Summary, error) {
	recs, err := d.Store.Editions(ctx, limit, statuses...)
	if err != nil {
		return nil, err
	}
	out := make([]Summary, 0, len(recs))
	for i := range recs {
		s, err := d.summary(ctx, &recs[i])
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (d *Desk) summary(ctx context.Context, r *digest.EditionRecord) (Summary, error) {
	counts, err := d.Store.DeliveryCounts(ctx, r.ID)
	if err != nil {
		return Summary{}, err
	}
	return Summary{EditionRecord: *r, Deliveries: counts}, nil
}

// Approve records an approval on the command line; see ApproveBy.
func (d *Desk) Approve(ctx context.Context, id string) error {
	return d.ApproveBy(ctx, id, "command line")
}

// Unapprove returns an approved edition to draft: it will not go out
// until approved again.
func (d *Desk) Unapprove(ctx context.Context, id string) error {
	if err := d.Store.Unapprove(ctx, id); err != nil {
		return err
	}
	d.log().Info("edition approval withdrawn", "edition_id", id)
	return d.record(ctx, id, who(ctx, ""), digest.ChangeUnapprove, "withdrew the approval", nil)
}

// Discard sets an edition aside for good from the command line; see
// DiscardBy.
func (d *Desk) Discard(ctx context.Context, id string) error {
	return d.DiscardBy(ctx, id, "command line")
}

// DiscardBy sets a draft or approved edition aside for good: it is never
// sent, and its articles stay candidates for the next build. by says who,
// as for an approval. An edition sending or sent is refused.
//
// Discarding a discarded edition does nothing: it is not recorded again.
func (d *Desk) DiscardBy(ctx context.Context, id, by string) error {
	if rec, err := d.Store.Edition(ctx, id); err != nil {
		return err
	} else if rec.Status == digest.EditionDiscarded {
		return nil
	}
	if err := d.Store.Discard(ctx, id, by); err != nil {
		return err
	}
	d.log().Info("edition discarded", "edition_id", id, "by", by)
	return d.record(ctx, id, who(ctx, by), digest.ChangeDiscard, "discarded the edition", nil)
}

// ApproveBy records an editor's approval of the edition as it is now: of
// the mail parts it will be sent as, rendered first for an edition built
// before they were stored. by says who: the editors' user, "local" on an
// unauthenticated loopback desk, or the command line.
//
// Approving an approved edition does nothing: since any change returns
// an edition to draft, its approval is of the bytes as they are, and the
// first approval's record (who and when) stays, not recorded again.
func (d *Desk) ApproveBy(ctx context.Context, id, by string) error {
	rec, err := d.Store.Edition(ctx, id)
	if err != nil {
		return err
	}
	if rec.Status == digest.EditionApproved {
		return nil
	}
	if !rec.Mailable() && rec.Status.CanChange() {
		if _, err := d.fillMail(ctx, rec); err != nil {
			return err
		}
	}
	hash, err := d.Store.Approve(ctx, id, by, d.Clock.Now())
	if err != nil {
		return err
	}
	d.log().Info("edition approved", "edition_id", id, "by", by, "hash", hash[:12])
	return d.record(ctx, id, who(ctx, by), digest.ChangeApprove, "approved the edition", nil)
}

// PublicHTML is a sent edition's web copy: the edition as built, which
// carries no one's unsubscribe link.
func (d *Desk) PublicHTML(ctx context.Context, id string) ([]byte, error) {
	rec, err := d.Store.Edition(ctx, id)
	if err != nil {
		return nil, err
	}
	if !rec.Status.Carried() { // from its first message on: its "view in your browser" link
		return nil, fmt.Errorf("edition %s is not in the archive: %w", id, digest.ErrNotFound)
	}
	return rec.HTML, nil
}

// edition decodes a stored edition's view model, for showing it.
func edition(rec *digest.EditionRecord) (*digest.Edition, error) {
	var ed digest.Edition
	if err := json.Unmarshal(rec.JSON, &ed); err != nil {
		return nil, fmt.Errorf("edition %s: %w", rec.ID, err)
	}
	return &ed, nil
}

func (d *Desk) log() *slog.Logger {
	if d.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return d.Log
}
