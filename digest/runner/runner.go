// Package runner is what digest run does at each tick: one idempotent
// reconcile of the schedule's slots against the database. It works out
// which slots are due, gives each at most one edition (the slot key is
// unique in the store), builds it, and sends it or leaves it for an
// editor's approval. Running it twice, late, after a crash or at a DST
// double fire changes nothing that is already done.
package runner

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/deliver"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/pipeline"
	"github.com/digest-newsletter/digest/digest/schedule"
)

// cursorKey is the setting that holds the instant up to which slots have
// been reconciled.
const cursorKey = "schedule_cursor"

// Runner reconciles the schedule with the database.
type Runner struct {
	Schedule *schedule.Schedule
	Desk     *desk.Desk
	Store    Store
	Builder  *pipeline.Builder
	Clock    digest.Clock
	Log      *slog.Logger
	// CatchUp is how late a missed slot may still run.
	CatchUp time.Duration
	// MinNew is the least number of new on-theme articles worth an edition.
	MinNew int
	// Instance names this process in the deliveries it claims (Join).
	Instance string

	mu sync.Mutex // one reconcile at a time in this process
}

// Store is what the runner needs of the database: the editions by slot
// key, the cursor of reconciled slots, and the approval policy.
type Store interface {
	EditionByKey(ctx context.Context, key string) (*digest.EditionRecord, error)
	Editions(ctx context.Context, limit int, statuses ...digest.EditionStatus) ([]digest.EditionRecord, error)
	InsertEdition(ctx context.Context, e *digest.EditionRecord) error
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	ApprovalRequired() bool
	LeaseTime(ctx context.Context, local time.Time) (time.Time, error)
	HasClaimable(ctx context.Context, editionID, instance string, now time.Time) (bool, error)
	FinishIfDone(ctx context.Context, editionID string) (bool, error)
}

// Outcome is what happened to one slot or edition in a reconcile.
type Outcome struct {
	Key       string
	EditionID string
	Result    Result
	Detail    string
	Sent      deliver.Summary
	// Late is how long after its slot fell due the edition was built,
	// when the scheduler caught up with a slot it missed; else 0.
	Late time.Duration
	// OnDemand says no slot was due and the latest one ran because a
	// person asked (run --once): it is not late, it is now.
	OnDemand bool
}

// LateAfter is how long after its slot an edition counts as late, in the
// run report, the log and digest status alike.
const LateAfter = 15 * time.Minute

// Result says what a reconcile did with a slot.
type Result string

// The results a slot can have.
const (
	ResultSent             Result = "sent"
	ResultNotFinished      Result = "not finished"
	ResultAwaitingApproval Result = "awaiting approval"
	ResultSkipped          Result = "skipped"
	ResultAlreadyDone      Result = "already done"
)

// Report is what one reconcile did.
type Report struct {
	Outcomes []Outcome
	// Skipped counts missed slots recorded as skipped, Omitted those
	// beyond the listed ones.
	Skipped, Omitted int
	// Next is the schedule's next slot after this reconcile.
	Next string
}

// Reconcile runs the slots due since the last reconcile (the newest within
// the catch-up window; older ones are recorded as skipped), then carries
// on with scheduled editions that were approved or had started sending.
// On the very first start there is no last reconcile: only slots from now
// on count, and a missed slot is one the daemon was down for.
func (r *Runner) Reconcile(ctx context.Context) (*Report, error) {
	return r.reconcile(ctx, false)
}

func (r *Runner) reconcile(ctx context.Context, once bool) (*Report, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.Clock.Now()
	cursor, err := r.cursor(ctx)
	if err != nil {
		return nil, err
	}
	rep := &Report{Next: r.Schedule.Next(now).Key}
	if cursor.IsZero() {
		if !once {
			r.Log.Info("scheduler starts for the first time: slots from now on count", "next_slot", r.Schedule.Next(now).Key)
		}
	} else {
		plan := schedule.Plan(r.Schedule, cursor, now, r.CatchUp)
		if err := r.recordSkipped(ctx, plan, rep); err != nil {
			return rep, err
		}
		if plan.Run != nil {
			out, err := r.runOrPause(ctx, *plan.Run, false)
			rep.Outcomes = append(rep.Outcomes, out)
			if err != nil {
				return rep, err
			}
		}
	}
	// The cursor moves only once the due slot has its edition: a crash
	// before this line plans the same slot again, and its key makes the
	// second attempt carry on instead of building twice.
	if err := r.Store.SetSetting(ctx, cursorKey, now.UTC().Format(time.RFC3339Nano)); err != nil {
		return rep, err
	}
	err = r.resume(ctx, rep)
	return rep, err
}

// pausedReason is the note a slot skipped while the schedule was paused
// carries, as the desk and digest status show it.
const pausedReason = "the schedule was paused"

// paused reports whether an editor paused the schedule (see
// desk.PauseSchedule): then a due slot is recorded as skipped, not built.
func (r *Runner) paused(ctx context.Context) (bool, error) {
	v, err := r.Store.Setting(ctx, desk.PausedSetting)
	if err != nil {
		return false, fmt.Errorf("read schedule pause: %w", err)
	}
	return desk.ParsePause(v).Paused(), nil
}

// runOrPause runs a due slot, or records it as skipped while the
// schedule is paused, so resuming does not send a stale edition.
func (r *Runner) runOrPause(ctx context.Context, slot schedule.Slot, onDemand bool) (Outcome, error) {
	paused, err := r.paused(ctx)
	if err != nil {
		return Outcome{Key: slot.Key}, err
	}
	if !paused {
		return r.runSlot(ctx, slot, onDemand)
	}
	out := Outcome{Key: slot.Key, EditionID: editionID(slot), Result: ResultSkipped, Detail: pausedReason, OnDemand: onDemand}
	return out, r.skip(ctx, slot, pausedReason)
}

// Once runs one cycle now: what Reconcile would, and when no slot is due,
// the latest slot at or before now, whatever its age. It is the command
// line's "do it now", and as idempotent as a tick: a second call in the
// same period finds the slot done.
func (r *Runner) Once(ctx context.Context) (*Report, error) {
	rep, err := r.reconcile(ctx, true)
	if err != nil || len(rep.Outcomes) > 0 {
		return rep, err
	}
	now := r.Clock.Now()
	slot, ok := r.Schedule.Last(now)
	if !ok {
		return rep, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Log.Info("no slot due: running the latest slot now", "slot", slot.Key,
		"slot_age", now.Sub(slot.At).Round(time.Minute).String(), "next_slot", r.Schedule.Next(now).Key)
	out, err := r.runOrPause(ctx, slot, true)
	rep.Outcomes = append(rep.Outcomes, out)
	return rep, err
}

// Join helps send the editions that are already sending, whoever started
// them. On a database several instances share, every instance sends but
// only the leader reconciles the schedule: the others join its editions,
// each claiming its own batches of deliveries.
func (r *Runner) Join(ctx context.Context) (*Report, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rep := &Report{}
	recs, err := r.Store.Editions(ctx, 50, digest.EditionSending)
	if err != nil {
		return rep, err
	}
	for i := range recs {
		if ctx.Err() != nil {
			break
		}
		rec := &recs[i]
		now, err := r.Store.LeaseTime(ctx, r.Clock.Now())
		if err != nil {
			return rep, err
		}
		work, err := r.Store.HasClaimable(ctx, rec.ID, r.Instance, now)
		if err != nil {
			return rep, err
		}
		if !work {
			// Nothing for this instance: the others hold the rest. If
			// nothing is left at all (its last sender died between the
			// final message and marking it sent), finish it.
			if _, err := r.Store.FinishIfDone(ctx, rec.ID); err != nil {
				return rep, err
			}
			continue
		}
		out, err := r.advance(ctx, rec, Outcome{Key: rec.Key})
		rep.Outcomes = append(rep.Outcomes, out)
		if err != nil {
			return rep, err
		}
	}
	return rep, nil
}

func (r *Runner) cursor(ctx context.Context) (time.Time, error) {
	v, err := r.Store.Setting(ctx, cursorKey)
	if err != nil || v == "" {
		return time.Time{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("setting %s: %w", cursorKey, err)
	}
	return t, nil
}

// recordSkipped gives each missed slot a skipped edition row with the
// reason, so status and the preview show what did not run and why.
func (r *Runner) recordSkipped(ctx context.Context, plan schedule.Catchup, rep *Report) error {
	for _, s := range plan.Skipped {
		if err := r.skip(ctx, s.Slot, s.Reason); err != nil {
			return err
		}
		rep.Skipped++
	}
	rep.Omitted = plan.Omitted
	if plan.Omitted > 0 {
		r.Log.Warn("missed slots not recorded one by one", "count", plan.Omitted, "at_least", plan.OmittedAtLeast)
	}
	return nil
}

// skip records a slot as skipped; a slot that already has an edition keeps it.
func (r *Runner) skip(ctx context.Context, slot schedule.Slot, reason string) error {
	now := r.Clock.Now()
	err := r.Store.InsertEdition(ctx, &digest.EditionRecord{ID: editionID(slot), Key: slotKey(slot), Kind: digest.ScheduledEdition,
		Status: digest.EditionSkipped, CreatedAt: now, BuiltAt: now, SlotAt: slot.At, Note: reason})
	if errors.Is(err, digest.ErrKeyExists) {
		return nil
	}
	if err == nil {
		r.Log.Info("slot skipped", "slot", slot.Key, "reason", reason)
	}
	return err
}

// slotKey is the edition key of a slot; "scheduled:" keeps it apart from
// manual builds' keys.
func slotKey(s schedule.Slot) string { return digest.ScheduledEdition.Key(s.Key) }

// editionID names a slot's edition after its wall-clock time and zone, so
// it is readable, unique per slot and safe as a folder name.
func editionID(s schedule.Slot) string {
	return wallID(s.Wall, s.At.Location())
}

// builtID names the edition a slot gets when it is built now: after the
// slot's wall-clock time, or when it is built on a later day, after the
// moment it is built, as its title is dated the day readers get it. The
// slot's key, not its id, is what makes the build happen once.
func builtID(s schedule.Slot, now time.Time) string {
	local := now.In(s.At.Location())
	if y, m, d := local.Date(); y == s.Wall.Year() && m == s.Wall.Month() && d == s.Wall.Day() {
		return editionID(s)
	}
	wall := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), 0, 0, time.UTC)
	return wallID(wall, s.At.Location())
}

// wallID writes a wall-clock time and a zone as an edition id.
func wallID(wall time.Time, loc *time.Location) string {
	zone := strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_' || r == '-' {
			return r
		}
		return '-'
	}, loc.String())
	return wall.Format("20060102-1504") + "-" + zone
}
