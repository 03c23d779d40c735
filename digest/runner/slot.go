package runner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/pipeline"
	"github.com/digest-newsletter/digest/digest/schedule"
)

// runSlot gives a slot its edition (once: the key is unique) and moves
// it on: sent, left for approval, or skipped for want of news. A slot run
// on demand (run --once with none due) is not late: its edition is dated
// from when it was asked for, so nothing later calls it late either.
func (r *Runner) runSlot(ctx context.Context, slot schedule.Slot, onDemand bool) (Outcome, error) {
	out := Outcome{Key: slot.Key, EditionID: editionID(slot), OnDemand: onDemand}
	rec, err := r.Store.EditionByKey(ctx, slotKey(slot))
	if err == nil {
		return r.advance(ctx, rec, out)
	}
	if !errors.Is(err, digest.ErrNotFound) {
		return out, err
	}
	now := r.Clock.Now()
	out.EditionID = builtID(slot, now)
	due := slot.At
	if onDemand {
		due = now.In(slot.At.Location())
	}
	_, err = r.Builder.BuildFor(ctx, pipeline.Request{ID: out.EditionID, Key: slotKey(slot),
		SlotAt: due, MinNew: max(r.MinNew, 1)})
	var few *pipeline.NotEnoughNewsError
	switch {
	case errors.As(err, &few), errors.Is(err, pipeline.ErrNothingToBuild):
		reason := "nothing to build"
		if few != nil {
			reason = few.Error()
		}
		out.Result, out.Detail = ResultSkipped, reason
		return out, r.skip(ctx, slot, reason)
	case errors.Is(err, digest.ErrKeyExists):
		// Another reconcile built it first; carry on with that one.
	case err != nil:
		return out, fmt.Errorf("slot %s: %w", slot.Key, err)
	}
	if late := r.Clock.Now().Sub(due); late > LateAfter {
		out.Late = late
		r.Log.Info("edition built late for slot", "slot", slot.Key, "edition_id", out.EditionID,
			"late_by", late.Round(time.Minute).String())
	} else {
		r.Log.Info("edition built for slot", "slot", slot.Key, "edition_id", out.EditionID)
	}
	if rec, err = r.Store.EditionByKey(ctx, slotKey(slot)); err != nil {
		return out, err
	}
	return r.advance(ctx, rec, out)
}

// advance takes a slot's edition one step further: a draft waits for an
// editor when approval is required; an approved or half-sent edition is
// sent; anything finished stays as it is.
func (r *Runner) advance(ctx context.Context, rec *digest.EditionRecord, out Outcome) (Outcome, error) {
	out.EditionID = rec.ID
	switch {
	case rec.Status == digest.EditionSkipped:
		out.Result, out.Detail = ResultSkipped, rec.Note
		return out, nil
	case !rec.Status.CanSend():
		out.Result, out.Detail = ResultAlreadyDone, string(rec.Status)
		return out, nil
	case !rec.Status.Sendable(r.Store.ApprovalRequired()):
		out.Result = ResultAwaitingApproval
		out.Detail = "digest approve " + rec.ID
		r.Log.Info("edition awaits approval", "edition_id", rec.ID)
		return out, nil
	}
	sum, err := r.Desk.Send(ctx, rec.ID, nil)
	out.Sent = sum
	if errors.Is(err, digest.ErrAlreadySent) {
		out.Result = ResultAlreadyDone
		return out, nil
	}
	if err != nil {
		return out, fmt.Errorf("send %s: %w", rec.ID, err)
	}
	out.Result = ResultSent
	if !sum.Finished {
		out.Result = ResultNotFinished
	}
	r.Log.Info("edition sent", "edition_id", rec.ID, "sent", sum.Sent, "deferred", sum.Deferred,
		"failed", sum.Failed, "finished", sum.Finished)
	return out, nil
}

// resume carries on with scheduled editions a crash, a restart or an
// editor left between steps: approved ones and half-sent ones are sent.
// A draft left by a crash before sending is sent too when no approval is
// required, but only within the catch-up window: a stale edition is not.
//
// While the schedule is paused only sends already under way carry on: an
// approved edition waits for the resume.
func (r *Runner) resume(ctx context.Context, rep *Report) error {
	recs, err := r.Store.Editions(ctx, 50, digest.UnsentStatuses...)
	if err != nil {
		return err
	}
	paused, err := r.paused(ctx)
	if err != nil {
		return err
	}
	for i := range recs {
		rec := &recs[i]
		if rec.Kind != digest.ScheduledEdition || ctx.Err() != nil || paused && rec.Status != digest.EditionSending {
			continue
		}
		if rec.Status == digest.EditionDraft && (r.Store.ApprovalRequired() || r.Clock.Now().Sub(rec.SlotAt) > r.CatchUp) {
			continue
		}
		already := false
		for _, o := range rep.Outcomes {
			already = already || o.EditionID == rec.ID
		}
		if already {
			continue
		}
		out, err := r.advance(ctx, rec, Outcome{Key: rec.Key})
		rep.Outcomes = append(rep.Outcomes, out)
		if err != nil {
			return err
		}
	}
	return nil
}
