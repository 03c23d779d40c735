package desk

import (
	"context"
	"fmt"
	"github.com/digest-newsletter/digest/digest/text"
	"log/slog"
	"sync"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/pipeline"
)

// refreshBeforeBuild bounds the refresh "Build now" starts with.
const refreshBeforeBuild = 30 * time.Second

// BuildNow builds an edition now, as `digest build` does, from every
// article no sent edition has carried, after fetching the feeds and
// pages that are due.
func (d *Desk) BuildNow(ctx context.Context) (*pipeline.Result, error) {
	if d.Refresh != nil {
		// Bounded well inside the pages' write timeout: a slow source
		// waits for the next refresh rather than holding the editor.
		rctx, cancel := context.WithTimeout(ctx, refreshBeforeBuild)
		d.Refresh(rctx)
		cancel()
	}
	return d.Build(ctx)
}

// Build builds an edition from the articles already stored, as `digest
// build` does, and records who built it in the history.
func (d *Desk) Build(ctx context.Context) (*pipeline.Result, error) {
	res, err := d.Builder.Build(ctx)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	items := res.Edition.ItemCount()
	name := who(ctx, "")
	level := slog.LevelInfo
	if name == commandLine {
		level = slog.LevelDebug // the command prints its own report
	}
	d.log().Log(ctx, level, "edition built", "edition_id", res.Edition.ID, "items", items, "candidates", res.Candidates, "by", name)
	words := fmt.Sprintf("built this edition: %s from %s not yet sent", text.Plural(items, "item"), text.Plural(res.Candidates, "article"))
	if err := d.record(ctx, res.Edition.ID, name, digest.ChangeBuild, words, nil); err != nil {
		return nil, err
	}
	return res, nil
}

// Audience is how many subscribers a send of the edition goes to: for
// one not started, the active subscribers now; for one under way or
// sent, its deliveries.
func (d *Desk) Audience(ctx context.Context, id string) (int, error) {
	counts, err := d.Store.DeliveryCounts(ctx, id)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	if total > 0 {
		return total, nil
	}
	subs, err := d.Store.Subscribers(ctx, digest.SubscriberActive)
	if err != nil {
		return 0, fmt.Errorf("count subscribers: %w", err)
	}
	return len(subs), nil
}

// sends tracks the sends this process started from the desk, so a
// second click does not start a second sender and tests and shutdown can
// wait for them.
type sends struct {
	mu      sync.Mutex
	running map[string]context.CancelFunc
	wg      sync.WaitGroup
}

// StartSend checks that the edition may be sent now and sends it in the
// background, so the page answers at once and shows the progress. The
// send outlives the request (not the process: a send cut off by a
// restart is resumed by `digest run` or `digest send ID`, as the store's
// delivery rows say where it stopped). An edition this process is
// sending already is left to that send.
func (d *Desk) StartSend(ctx context.Context, id, by string) error {
	rec, err := d.Store.Edition(ctx, id)
	if err != nil {
		return err
	}
	switch {
	case rec.Status == digest.EditionSent:
		return fmt.Errorf("send %s: %w", id, digest.ErrAlreadySent)
	case !rec.Status.CanSend():
		return fmt.Errorf("send %s: edition is %s: %w", id, rec.Status, digest.ErrLocked)
	case !rec.Status.Sendable(d.Store.ApprovalRequired()):
		return fmt.Errorf("send %s: %w", id, digest.ErrNotApproved)
	}
	d.sending.mu.Lock()
	defer d.sending.mu.Unlock()
	if d.sending.running[id] != nil {
		return nil
	}
	if d.sending.running == nil {
		d.sending.running = map[string]context.CancelFunc{}
	}
	sendCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	d.sending.running[id] = cancel
	d.sending.wg.Add(1)
	d.log().Info("send started from the desk", "edition_id", id, "by", by)
	go d.sendInBackground(sendCtx, id)
	return d.RecordSendStart(ctx, id, by)
}

// RecordSendStart puts a person's start of a send in the history, naming
// how many subscribers it goes to; by is "" for the editor in ctx, else
// the command line. The schedule's sends are the runner's, not a person's,
// and a resumed send was recorded when it started.
func (d *Desk) RecordSendStart(ctx context.Context, id, by string) error {
	words := "started sending the edition"
	if n, err := d.Audience(ctx, id); err == nil {
		words += " to " + text.Plural(n, "subscriber")
	}
	return d.record(ctx, id, who(ctx, by), digest.ChangeSend, words, nil)
}

func (d *Desk) sendInBackground(ctx context.Context, id string) {
	defer d.sending.wg.Done()
	defer func() {
		d.sending.mu.Lock()
		d.sending.running[id]()
		delete(d.sending.running, id)
		d.sending.mu.Unlock()
	}()
	sum, err := d.Send(ctx, id, nil)
	if err != nil {
		d.log().Error("send from the desk", "edition_id", id, "error", err)
		return
	}
	d.log().Info("edition sent from the desk", "edition_id", id, "sent", sum.Sent, "deferred", sum.Deferred,
		"failed", sum.Failed, "finished", sum.Finished)
}

// SendRunning reports whether this process is sending the edition from
// the desk: between StartSend and the store marking it sending, its
// status still reads approved, and the page must not offer it again.
func (d *Desk) SendRunning(id string) bool {
	d.sending.mu.Lock()
	defer d.sending.mu.Unlock()
	return d.sending.running[id] != nil
}

// WaitSends waits for the sends StartSend began to finish, for tests.
func (d *Desk) WaitSends() { d.sending.wg.Wait() }

// StopSends stops the sends StartSend began and waits for them to let go,
// for a shutdown: what is not sent stays pending in the delivery rows,
// and `digest send ID` or `digest run` carries on from there.
func (d *Desk) StopSends() {
	d.sending.mu.Lock()
	for _, cancel := range d.sending.running {
		cancel()
	}
	d.sending.mu.Unlock()
	d.sending.wg.Wait()
}
