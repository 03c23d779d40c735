// Package deliver sends an edition to every subscriber, durably: each
// (edition, subscriber) row moves pending → sending → sent, deferred or
// failed, and every change is committed on its own before and after the
// SMTP transaction, never across it. A killed run resumes where it
// stopped; a message in flight when it died is sent again, so a crash
// costs at most one duplicate per connection and never a lost message.
package deliver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Composer turns the rendered edition into one subscriber's message.
type Composer interface {
	Compose(sub digest.Subscriber) (*digest.Message, error)
}

// Store is what sending needs of the database: the rows it claims and
// fences, and the edition's move from sending to sent.
type Store interface {
	StartSending(ctx context.Context, editionID string, now time.Time) (int, error)
	DeliveryCounts(ctx context.Context, editionID string) (digest.DeliveryCounts, error)
	ClaimDeliveries(ctx context.Context, editionID, instance string, now time.Time, limit int) ([]digest.Delivery, error)
	ReleaseClaims(ctx context.Context, editionID, instance string) error
	ReleaseRows(ctx context.Context, rows []digest.Delivery) error
	FinishIfDone(ctx context.Context, editionID string) (bool, error)
	// LeaseTime is the database's clock, which claims are measured in;
	// HeartbeatEvery is how often an instance renews its lease.
	LeaseTime(ctx context.Context, local time.Time) (time.Time, error)
	HeartbeatEvery() time.Duration
	NewDeliveryWriter(ctx context.Context) (digest.DeliveryWriter, error)
}

// Sender sends editions.
type Sender struct {
	Store     Store
	Transport digest.Transport
	// Instance names this process in the rows it claims; instances that
	// share a database claim disjoint batches.
	Instance string
	Clock    digest.Clock
	Log      *slog.Logger
	// Workers is how many messages are in flight at once; match it to
	// the transport's connections.
	Workers int
	// MaxAttempts bounds tries per message in one run for temporary
	// failures; after that the row is deferred to a later run.
	MaxAttempts int
	// BackoffBase and BackoffMax shape the exponential backoff between
	// tries, with full jitter.
	BackoffBase, BackoffMax time.Duration
	// SendTimeout bounds one attempt. In-flight attempts run on a context
	// that a shutdown does not cancel, so they finish and are recorded.
	SendTimeout time.Duration
	// Progress, when set, is told of each finished row.
	Progress func(Summary)
	// Sleep waits between tries; tests make it instant.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Summary counts what a run did.
type Summary struct {
	Total    int // rows due when the run started
	Sent     int
	Deferred int
	Failed   int
	Retries  int
	// Lost counts rows this run found claimed by another instance (or
	// its lease run out) when it went to change them: it left them alone.
	Lost     int
	Finished bool // the edition is now sent
}

// pageSize bounds how many rows are held in memory at once.
const pageSize = 256

// Send sends the edition's due deliveries. Cancelling ctx stops handing
// out new messages; those in flight finish and are recorded. Sending an
// edition that is already sent sends nothing and returns
// digest.ErrAlreadySent.
func (s *Sender) Send(ctx context.Context, editionID string, c Composer) (Summary, error) {
	var sum Summary
	if s.Instance == "" {
		// An empty claim reads as unclaimed: the run would claim the same
		// rows again and again.
		return sum, errors.New("send: the sender has no instance name")
	}
	now := s.Clock.Now()
	created, err := s.Store.StartSending(ctx, editionID, now)
	if err != nil {
		return sum, err
	}
	counts, err := s.Store.DeliveryCounts(ctx, editionID)
	if err != nil {
		return sum, err
	}
	sum.Total = counts.Unfinished()
	s.Log.Info("sending edition", "edition_id", editionID, "instance", s.Instance, "created", created, "due", sum.Total)
	// Rows claimed and not sent (a stop, a deferral) are freed at the
	// end, whatever happened, so another instance or run takes them now.
	defer func() {
		if err := s.Store.ReleaseClaims(context.WithoutCancel(ctx), editionID, s.Instance); err != nil {
			s.Log.Error("release claims", "edition_id", editionID, "err", err)
		}
	}()

	// A fatal transport error (TLS or AUTH unavailable, credentials or
	// certificate refused) stops the whole run: every message would fail
	// the same way, and none of that is the subscribers' doing.
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	w, err := s.Store.NewDeliveryWriter(ctx)
	if err != nil {
		return sum, err
	}
	defer w.Close()
	jobs := make(chan job)
	results := make(chan outcome)
	var lostBatch atomic.Int64
	var wg sync.WaitGroup
	for range max(1, s.Workers) {
		wg.Go(func() {
			k := &worker{s: s, w: w, editionID: editionID, c: c, emit: func(o outcome) { results <- o }}
			for j := range jobs {
				o := k.deliver(ctx, j.d)
				if o.fatal != nil {
					stop(o.fatal)
				}
				if o.lost {
					lostBatch.Store(j.batch)
				}
				if o != (outcome{}) {
					results <- o
				}
			}
			if err := k.flush(); err != nil {
				results <- outcome{err: err}
			}
		})
	}
	feedErr := make(chan error, 1)
	go func() {
		feedErr <- s.feed(ctx, editionID, jobs, &lostBatch)
		close(jobs)
		wg.Wait()
		close(results)
	}()
	var firstErr error
	for o := range results {
		sum.Retries += o.retries
		switch o.status {
		case digest.DeliverySent:
			sum.Sent++
		case digest.DeliveryDeferred:
			sum.Deferred++
		case digest.DeliveryFailed:
			sum.Failed++
		}
		if o.lost {
			sum.Lost++
		}
		if o.err != nil && firstErr == nil {
			firstErr = o.err
		}
		if s.Progress != nil {
			s.Progress(sum)
		}
	}
	if err := <-feedErr; err != nil && firstErr == nil && !errors.Is(err, context.Canceled) {
		firstErr = err
	}
	if firstErr != nil {
		return sum, firstErr
	}
	if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
		return sum, fmt.Errorf("sending stopped: %w", cause)
	}
	if ctx.Err() == nil {
		done, err := s.Store.FinishIfDone(context.WithoutCancel(ctx), editionID)
		if err != nil {
			return sum, err
		}
		sum.Finished = done
	}
	return sum, nil
}

// job is one claimed row and the number of the batch it was claimed in.
type job struct {
	d     digest.Delivery
	batch int64
}

// feed claims batches of due rows and hands them to the workers until
// none is left to claim or ctx is cancelled. Only one batch is held in
// memory, however long the list.
//
// When a worker finds a row of the current batch claimed by another
// instance, this instance was taken for dead (frozen past its lease): the
// rest of the batch was most likely taken over too. The rows not yet
// handed out are dropped, those still its own released, and a new batch
// claimed; rows already with the workers are fenced one by one.
func (s *Sender) feed(ctx context.Context, editionID string, jobs chan<- job, lostBatch *atomic.Int64) error {
	for n := int64(1); ; n++ {
		now, err := s.Store.LeaseTime(ctx, s.Clock.Now())
		if err != nil {
			return err
		}
		batch, err := s.Store.ClaimDeliveries(ctx, editionID, s.Instance, now, pageSize)
		if err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		for i, d := range batch {
			if lostBatch.Load() == n {
				s.Log.Warn("claims lost to another instance: dropping the rest of the batch",
					"edition_id", editionID, "instance", s.Instance, "dropped", len(batch)-i)
				if err := s.Store.ReleaseRows(context.WithoutCancel(ctx), batch[i:]); err != nil {
					return err
				}
				// If only its own lease had lapsed, the heartbeat renews
				// it within this wait; claiming at once would find every
				// row refused again.
				if err := s.Sleep(ctx, s.Store.HeartbeatEvery()); err != nil {
					return err
				}
				break
			}
			select {
			case jobs <- job{d: d, batch: n}:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
}

// outcome is how one row ended in this run.
type outcome struct {
	status  digest.DeliveryStatus
	retries int
	lost    bool  // the row was no longer this instance's to change
	err     error // a store error: the run cannot go on safely
	fatal   error // the transport cannot send anything as configured
}

// worker sends one message at a time. It carries each success into the
// commit that starts its next message: "sent" is still committed after
// its SMTP transaction and before any further network I/O, but a worker
// moving on waits for one commit instead of two.
type worker struct {
	s         *Sender
	w         digest.DeliveryWriter
	editionID string
	c         Composer
	emit      func(outcome)
	carry     *sentMark
}

// sentMark is a message the server accepted, not yet recorded.
type sentMark struct {
	claim   digest.Claim
	msgID   string
	retries int
}

// markSending records that a transaction for the row is about to start,
// together with the carried success if there is one. It returns
// digest.ErrClaimLost when the row is no longer this instance's to send.
func (k *worker) markSending(c digest.Claim) error {
	now := k.s.Clock.Now()
	if k.carry == nil {
		return k.w.MarkSending(c, now)
	}
	sent := k.carry
	k.carry = nil
	sentErr, err := k.w.MarkSentThenSending(sent.claim, sent.msgID, c, now)
	k.emitSent(sent, sentErr)
	if sentErr != nil && !errors.Is(sentErr, digest.ErrClaimLost) {
		return sentErr
	}
	return err
}

// flush records a carried success when there is no next message.
func (k *worker) flush() error {
	if k.carry == nil {
		return nil
	}
	sent := k.carry
	k.carry = nil
	err := k.w.MarkSent(sent.claim, sent.msgID, k.s.Clock.Now())
	k.emitSent(sent, err)
	if errors.Is(err, digest.ErrClaimLost) {
		return nil
	}
	return err
}

// emitSent reports a recorded success, or a message that went out after
// its row had passed to another instance (which will send it again: the
// one duplicate a freeze in mid-transaction costs).
func (k *worker) emitSent(sent *sentMark, err error) {
	switch {
	case err == nil:
		k.emit(outcome{status: digest.DeliverySent, retries: sent.retries})
	case errors.Is(err, digest.ErrClaimLost):
		k.s.Log.Warn("message sent after its claim was lost", "edition_id", k.editionID,
			"subscriber_id", sent.claim.SubscriberID, "message_id", sent.msgID)
		k.emit(outcome{lost: true, retries: sent.retries})
	}
}

// record writes a row's end in this run, fenced by its claim; a row no
// longer held is reported lost, not as what this run did.
func (k *worker) record(o outcome, err error) outcome {
	if errors.Is(err, digest.ErrClaimLost) {
		return outcome{lost: true, retries: o.retries, fatal: o.fatal}
	}
	if err != nil {
		return outcome{err: err}
	}
	return o
}

// deliver composes one message once and tries it until it is sent, fails
// for good, or runs out of tries. Its state changes are committed by the
// writer, which no shutdown cancels, so what happened is never lost. A
// success is carried, not reported: see worker. Every change is fenced by
// the row's claim: a row found no longer held is left alone, unsent.
func (k *worker) deliver(ctx context.Context, d digest.Delivery) outcome {
	s, w, editionID, c := k.s, k.w, k.editionID, k.c
	keep := context.WithoutCancel(ctx)
	claim := d.Claim()
	subID := d.Subscriber.ID
	msg, err := c.Compose(d.Subscriber)
	if err != nil {
		reason := fmt.Sprintf("compose: %v", err)
		s.Log.Error("message not composed", "edition_id", editionID, "subscriber_id", subID, "error", err)
		return k.record(outcome{status: digest.DeliveryFailed}, w.MarkFailed(claim, reason, false, s.Clock.Now()))
	}
	for attempt := 1; ; attempt++ {
		if err := k.markSending(claim); err != nil {
			if errors.Is(err, digest.ErrClaimLost) {
				s.Log.Warn("row no longer held: not sent", "edition_id", editionID, "subscriber_id", subID)
				// Only the lease may have lapsed, with nobody taking the
				// row yet: free it (if still ours, whether pending or left
				// sending by a try that failed for now) for whoever claims
				// next. No SMTP transaction of this try has begun.
				if err := s.Store.ReleaseRows(keep, []digest.Delivery{d}); err != nil {
					return outcome{err: err}
				}
			}
			return k.record(outcome{retries: attempt - 1}, err)
		}
		sendCtx, cancel := context.WithTimeout(keep, s.SendTimeout)
		err := s.Transport.Send(sendCtx, msg)
		cancel()
		now := s.Clock.Now()
		if err == nil {
			k.carry = &sentMark{claim: claim, msgID: msg.ID, retries: attempt - 1}
			return outcome{}
		}
		var se *digest.SendError
		temporary := !errors.As(err, &se) || se.Temporary
		if se != nil && se.Fatal {
			return k.record(outcome{status: digest.DeliveryDeferred, retries: attempt - 1, fatal: err},
				w.MarkDeferred(claim, err.Error(), now))
		}
		if !temporary {
			bounced := se.Bounced()
			s.Log.Warn("delivery failed", "edition_id", editionID, "subscriber_id", subID, "bounced", bounced, "error", err)
			return k.record(outcome{status: digest.DeliveryFailed, retries: attempt - 1},
				w.MarkFailed(claim, err.Error(), bounced, now))
		}
		if attempt >= s.MaxAttempts || ctx.Err() != nil || s.Sleep(ctx, s.backoff(attempt)) != nil {
			s.Log.Warn("delivery deferred", "edition_id", editionID, "subscriber_id", subID, "attempts", attempt, "error", err)
			return k.record(outcome{status: digest.DeliveryDeferred, retries: attempt - 1},
				w.MarkDeferred(claim, err.Error(), now))
		}
	}
}

// backoff is exponential with full jitter: a random wait up to
// base·2^(attempt-1), capped, so retries from many workers spread out.
func (s *Sender) backoff(attempt int) time.Duration {
	ceil := s.BackoffBase << (attempt - 1)
	if ceil <= 0 || ceil > s.BackoffMax {
		ceil = s.BackoffMax
	}
	return time.Duration(rand.Int64N(int64(ceil) + 1))
}

// SleepContext waits for d or until ctx is done.
func SleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
