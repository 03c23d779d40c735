package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"
)

// Cron ticks jobs: on a Schedule's slots, or every fixed interval for a
// heartbeat. A job that panics is logged and ticks again next time; a job
// still running when its next tick comes is not started twice.
//
// A Cron runs once: after Stop it cannot be started again.
type Cron struct {
	cron   *cron.Cron
	log    *slog.Logger
	loc    *time.Location
	ctx    context.Context
	cancel context.CancelFunc
}

// New returns a stopped Cron that parses specs in loc (nil means UTC) and
// logs to log (nil discards).
func New(log *slog.Logger, loc *time.Location) *Cron {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if loc == nil {
		loc = time.UTC
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Cron{
		cron: cron.New(
			cron.WithLocation(loc),
			cron.WithLogger(cronLogger{log: log, infoLevel: slog.LevelDebug}),
		),
		log:    log,
		loc:    loc,
		ctx:    ctx,
		cancel: cancel,
	}
}

// Add runs job on the slots of spec (see Parse; @every is refused, use
// Every). The job's context is cancelled when Stop is called.
func (c *Cron) Add(spec, name string, job func(ctx context.Context)) error {
	s, err := Parse(spec, c.loc)
	if err != nil {
		return fmt.Errorf("add job %s: %w", name, err)
	}
	c.AddSchedule(s, name, job)
	return nil
}

// AddSchedule runs job at the instants of s's slots, so it ticks at the
// documented DST times where robfig's own schedule would skip a time in the
// spring-forward gap or repeat one in the autumn.
func (c *Cron) AddSchedule(s *Schedule, name string, job func(ctx context.Context)) {
	c.cron.Schedule(slotTicks{s}, c.wrap(name, job))
}

// Every runs job every d, counted from Start: a heartbeat, not a schedule
// with keyed slots. d must be at least a second.
func (c *Cron) Every(d time.Duration, name string, job func(ctx context.Context)) error {
	if d < time.Second {
		return fmt.Errorf("add job %s: interval %s is shorter than a second", name, d)
	}
	c.cron.Schedule(cron.Every(d), c.wrap(name, job))
	return nil
}

// wrap names the job in its log lines and guards it. SkipIfStillRunning must
// be outside Recover: robfig's SkipIfStillRunning returns its token only
// when the job returns normally, so a panic escaping it would skip every
// later run.
func (c *Cron) wrap(name string, job func(ctx context.Context)) cron.Job {
	l := cronLogger{log: c.log.With("job", name), infoLevel: slog.LevelInfo}
	return cron.NewChain(
		cron.SkipIfStillRunning(l),
		cron.Recover(l),
	).Then(cron.FuncJob(func() { job(c.ctx) }))
}

// Start begins ticking in the background.
func (c *Cron) Start() { c.cron.Start() }

// Stop stops new ticks, cancels the jobs' context so they start no new work,
// and waits until running jobs return or ctx ends, whichever comes first.
func (c *Cron) Stop(ctx context.Context) error {
	done := c.cron.Stop()
	c.cancel()
	select {
	case <-done.Done():
		return nil
	case <-ctx.Done():
		return fmt.Errorf("stop cron: jobs still running: %w", ctx.Err())
	}
}

// slotTicks adapts a Schedule to robfig's cron.Schedule: the next tick is
// the next slot's instant.
type slotTicks struct{ s *Schedule }

// Next returns the instant of the first slot after t, or the zero time, which
// robfig reads as "never".
func (t slotTicks) Next(after time.Time) time.Time {
	slot := t.s.Next(after)
	if slot.IsZero() {
		return time.Time{}
	}
	return slot.At
}
