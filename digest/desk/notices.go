package desk

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/render"
)

// The outbox's pace: rows claimed per batch; tries per row, the first
// retry after noticeBackoff and each later one twice as long, up to
// noticeMaxBackoff (about five hours in all); and how long done rows are
// kept.
const (
	noticeBatch      = 32
	noticeAttempts   = 10
	noticeBackoff    = 30 * time.Second
	noticeMaxBackoff = time.Hour
	noticeKeep       = 30 * 24 * time.Hour
	// noticeSettle is how long a wake-up waits before the pass it asks
	// for: far longer than any answer takes.
	noticeSettle = 250 * time.Millisecond
)

// notices is the worker's state in this process: one pass at a time (so
// a claim of its own is always one a finished pass left), and the wake-up
// a queued request gives it.
type notices struct {
	mu         sync.Mutex
	once       sync.Once
	wakeup     chan struct{}
	lastForget time.Time
}

func (n *notices) channel() chan struct{} {
	n.once.Do(func() { n.wakeup = make(chan struct{}, 1) })
	return n.wakeup
}

// wake tells this process's worker there is a row to look at, without
// waiting; one call is as good as many.
func (d *Desk) wake() {
	select {
	case d.outbox.channel() <- struct{}{}:
	default:
	}
}

// NoticeSummary counts what a pass over the outbox did.
type NoticeSummary struct {
	Sent, Skipped, Retried, Failed int
}

// SendNotices works through the outbox once: it claims the rows that are
// due, decides what each sign-up request causes (the store's DecideSignup: a
// confirmation link for a new, pending or returning address, nothing for
// an active or bounced one or one mailed within FormMailInterval), and
// sends what is to be sent through the normal transport, retrying a
// temporary failure later with backoff. It is idempotent and safe to run
// in several instances at once: rows are claimed as deliveries are, and
// a decision is taken once, in the transaction that records it.
func (d *Desk) SendNotices(ctx context.Context, instance string) (NoticeSummary, error) {
	d.outbox.mu.Lock()
	defer d.outbox.mu.Unlock()
	var sum NoticeSummary
	if instance == "" {
		return sum, errors.New("notices: no instance name")
	}
	var tr digest.Transport
	defer func() {
		if tr != nil {
			tr.Close()
		}
	}()
	for ctx.Err() == nil {
		batch, err := d.Signups.ClaimNotices(ctx, instance, d.Clock.Now(), noticeBatch)
		if err != nil {
			return sum, err
		}
		if len(batch) == 0 {
			break
		}
		for _, n := range batch {
			if ctx.Err() != nil {
				break // the claims left are retaken by the next pass, or by others after the lease
			}
			if err := d.sendNotice(ctx, &tr, n, &sum); err != nil {
				return sum, err
			}
		}
	}
	if now := d.Clock.Now(); now.Sub(d.outbox.lastForget) > time.Hour {
		if _, err := d.Signups.ForgetNotices(ctx, now.Add(-noticeKeep)); err != nil {
			return sum, err
		}
		d.outbox.lastForget = now
	}
	return sum, nil
}

// RunNotices runs SendNotices now, then every so often and whenever a
// request in this process queues a row, until ctx ends: the worker of
// the process that serves the public pages.
func (d *Desk) RunNotices(ctx context.Context, instance string, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := d.SendNotices(ctx, instance); err != nil && ctx.Err() == nil {
			d.log().Error("sign-up outbox", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-d.outbox.channel():
			// Let the request that woke us answer first: the work its
			// row causes (a message for a new address, nothing for a
			// listed one) must not share the CPU with its own answer,
			// whose time would then tell which it was.
			select {
			case <-ctx.Done():
				return
			case <-time.After(noticeSettle):
			}
		}
	}
}

// sendNotice takes one claimed row to its end, or to its next try. Only
// a failure of the database is returned; what happens to the message is
// recorded on the row.
func (d *Desk) sendNotice(ctx context.Context, tr *digest.Transport, n digest.Notice, sum *NoticeSummary) error {
	now := d.Clock.Now()
	if n.Kind == digest.NoticeSignup && n.Status == digest.NoticeQueued {
		var err error
		if n, err = d.Signups.DecideSignup(ctx, n, now, FormMailInterval, ConfirmLinkTTL); err != nil {
			return err
		}
		if n.Status != digest.NoticeReady {
			d.log().Debug("sign-up needs no message", "notice_id", n.ID, "reason", n.Detail)
			sum.Skipped++
			return nil
		}
	}
	msg, skip, err := d.noticeMessage(ctx, n)
	if u := (*unsendable)(nil); errors.As(err, &u) {
		sum.Failed++
		d.log().Error("notice cannot be composed", "notice_id", n.ID, "kind", n.Kind, "subscriber_id", n.SubscriberID, "error", err)
		return d.Signups.FinishNotice(ctx, n.ID, n.ClaimedBy, digest.NoticeFailed, err.Error(), now)
	}
	if err != nil {
		return err
	}
	if skip != "" {
		sum.Skipped++
		d.log().Debug("notice no longer needed", "notice_id", n.ID, "reason", skip)
		return d.Signups.FinishNotice(ctx, n.ID, n.ClaimedBy, digest.NoticeSkipped, skip, now)
	}
	if *tr == nil {
		if *tr, err = d.OpenTransport(ctx); err != nil {
			return d.retryNotice(ctx, n, err, sum)
		}
	}
	if err := (*tr).Send(ctx, msg); err != nil {
		var se *digest.SendError
		if errors.As(err, &se) && !se.Temporary && !se.Fatal {
			sum.Failed++
			d.log().Error("notice refused", "notice_id", n.ID, "kind", n.Kind, "subscriber_id", n.SubscriberID, "error", err)
			return d.Signups.FinishNotice(ctx, n.ID, n.ClaimedBy, digest.NoticeFailed, err.Error(), d.Clock.Now())
		}
		return d.retryNotice(ctx, n, err, sum)
	}
	sum.Sent++
	d.log().Info("notice sent", "notice_id", n.ID, "kind", n.Kind, "subscriber_id", n.SubscriberID)
	return d.Signups.FinishNotice(ctx, n.ID, n.ClaimedBy, digest.NoticeSent, "", d.Clock.Now())
}

// retryNotice schedules another try, or gives up after noticeAttempts.
func (d *Desk) retryNotice(ctx context.Context, n digest.Notice, cause error, sum *NoticeSummary) error {
	now := d.Clock.Now()
	if n.Attempts >= noticeAttempts {
		sum.Failed++
		d.log().Error("notice not sent, giving up", "notice_id", n.ID, "kind", n.Kind, "attempts", n.Attempts, "error", cause)
		return d.Signups.FinishNotice(ctx, n.ID, n.ClaimedBy, digest.NoticeFailed, cause.Error(), now)
	}
	next := now.Add(min(noticeMaxBackoff, noticeBackoff<<min(n.Attempts-1, 16)))
	sum.Retried++
	d.log().Warn("notice not sent, will retry", "notice_id", n.ID, "kind", n.Kind, "attempts", n.Attempts,
		"retry_at", next.Format(time.RFC3339), "error", cause)
	return d.Signups.RetryNotice(ctx, n.ID, n.ClaimedBy, next, cause.Error(), now)
}

// noticeMessage composes a ready row's message, or says why it is no
// longer needed: a later link replaced this one, the address confirmed or
// left meanwhile, the link expired before it could go.
func (d *Desk) noticeMessage(ctx context.Context, n digest.Notice) (*digest.Message, string, error) {
	sub, err := d.Store.SubscriberByID(ctx, n.SubscriberID)
	if err != nil {
		return nil, "", err
	}
	var content render.Notice
	switch n.Kind {
	case digest.NoticeSignup:
		nonce, err := d.Signups.ConfirmationNonce(ctx, sub.ID)
		switch {
		case err != nil:
			return nil, "", err
		case nonce != n.Nonce:
			return nil, "a later link replaced this one", nil
		case sub.Status == digest.SubscriberActive || sub.Status == digest.SubscriberBounced:
			return nil, "the address is " + string(sub.Status) + " now", nil
		case !d.Clock.Now().Before(n.ExpiresAt):
			return nil, "the link expired before it could be sent", nil
		}
		content = d.confirmation(*sub, compose.ConfirmURL(d.PublicURL, d.Secret, *sub, n.Nonce, n.ExpiresAt))
		// To the bare address: the name asked for is not theirs until
		// they confirm, and a message from the list must not carry a
		// stranger's words.
		sub.Name = ""
		sub.Status = digest.SubscriberPending // they asked for this message
	case digest.NoticeWelcome:
		if sub.Status != digest.SubscriberActive {
			return nil, "the subscriber is " + string(sub.Status) + " now", nil
		}
		content = d.welcome(ctx, *sub)
	default:
		return nil, "", fmt.Errorf("notice %d: unknown kind %q", n.ID, n.Kind)
	}
	msg, err := d.composeNotice(n.Kind, *sub, content)
	if err != nil {
		return nil, "", &unsendable{err}
	}
	return msg, "", nil
}

// unsendable is a notice no try will send: its message cannot be composed.
type unsendable struct{ err error }

func (e *unsendable) Error() string { return e.err.Error() }
func (e *unsendable) Unwrap() error { return e.err }

// composeNotice renders and composes one notice to one person, with
// their own unsubscribe link like every message of the list.
func (d *Desk) composeNotice(kind digest.NoticeKind, sub digest.Subscriber, n render.Notice) (*digest.Message, error) {
	html, text, err := d.Renderer.Notice(n)
	if err != nil {
		return nil, err
	}
	now := d.Clock.Now()
	id := string(kind) + "-" + strconv.FormatInt(sub.ID, 10) + "-" + strconv.FormatInt(now.UnixNano(), 36)
	return d.Composer.Compose(id, &digest.Rendition{Subject: n.Subject, MailHTML: html, MailText: text}, now, sub)
}
