package app

import (
	"context"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/runner"
	"github.com/digest-newsletter/digest/digest/schedule"
)

// stopGrace bounds how long SIGTERM waits for in-flight sends: a message
// on the wire finishes within the SMTP command timeouts.
const stopGrace = 5 * time.Minute

// sharedPoll is how often an instance on a shared database reconciles or
// joins: the bound on how long a dead leader's slot waits for a new one.
const sharedPoll = 5 * time.Second

// RunOptions are what the scheduler daemon does besides scheduling.
type RunOptions struct {
	// Pages starts the pages served beside the scheduler and returns
	// their stop function; nil serves none.
	Pages func() (func(), error)
	// Report is told each reconcile that did something; nil: nobody.
	Report func(*runner.Report)
}

// RunOnce is one cycle now: refresh the live sources that are due, then
// run the due slot (or the latest one).
func (a *App) RunOnce(ctx context.Context) (*runner.Report, error) {
	r, err := a.Runner()
	if err != nil {
		return nil, err
	}
	a.refreshJob()(ctx)
	return r.Once(ctx)
}

// Run is the scheduler daemon, until ctx is done: the leader reconciles
// the schedule and fetches; on a shared database the other instances
// join the editions it is sending. In-flight sends finish on the way out.
func (a *App) Run(ctx context.Context, opts RunOptions) error {
	r, err := a.Runner()
	if err != nil {
		return err
	}
	refresh := a.refreshJob()
	c := schedule.New(a.Log, r.Schedule.Location())
	reconcile := a.reconcileJob(r, opts.Report)
	// The schedule's own ticks come on time; the regular reconcile picks
	// up approvals and retries and is what makes a missed tick harmless.
	// Instances sharing a database look more often, so a follower takes
	// over a dead leader's work and joins a send within seconds.
	every := time.Minute
	if a.Config.Database.Shared() {
		every = sharedPoll
	}
	c.AddSchedule(r.Schedule, "edition", reconcile)
	if err := c.Every(every, "reconcile", reconcile); err != nil {
		return err
	}
	// Only the leader fetches, so instances sharing a database never
	// fetch the same feed at once nor double its backoff.
	leaderRefresh := func(ctx context.Context) {
		if a.Lead(ctx) {
			refresh(ctx)
		}
	}
	if err := c.Every(a.Config.Schedule.RefreshEvery, "refresh", leaderRefresh); err != nil {
		return err
	}
	// The leader reads the bounce mailbox too: one reader, so two
	// instances never move the same message at once (each report would
	// count once all the same).
	if mb, err := a.BounceMailbox(); err == nil {
		readBounces := func(ctx context.Context) {
			if a.Lead(ctx) {
				if _, err := a.Bounces(ctx, mb); err != nil {
					a.Log.Warn("bounce mailbox", "err", err)
				}
			}
		}
		if err := c.Every(a.BounceEvery(), "bounces", readBounces); err != nil {
			return err
		}
	}
	if opts.Pages != nil {
		stopPages, err := opts.Pages()
		if err != nil {
			return err
		}
		defer stopPages()
	}
	c.Start()
	a.Log.Info("scheduler started", "schedule", r.Schedule.String(), "next_slot", r.Schedule.Next(a.Clock.Now()).Key)
	reconcile(ctx) // catch up on what was missed while down
	<-ctx.Done()
	a.Log.Info("stopping: no new work; in-flight sends finish")
	stopCtx, cancel := context.WithTimeout(context.Background(), stopGrace)
	defer cancel()
	if err := c.Stop(stopCtx); err != nil {
		return err
	}
	a.Log.Info("scheduler stopped")
	return nil
}

// reconcileJob reconciles the schedule when this instance leads, else
// joins the editions the leader is sending.
func (a *App) reconcileJob(r *runner.Runner, report func(*runner.Report)) func(context.Context) {
	return func(ctx context.Context) {
		var rep *runner.Report
		var err error
		if a.Lead(ctx) {
			rep, err = r.Reconcile(ctx)
		} else {
			rep, err = r.Join(ctx)
		}
		if err != nil {
			a.Log.Error("reconcile", "err", err)
		}
		if rep != nil && len(rep.Outcomes) > 0 && report != nil {
			report(rep)
		}
	}
}

// refreshJob fetches the live sources that are due, if any are
// configured. One refresher (and its fetcher) serves every run of the job.
func (a *App) refreshJob() func(context.Context) {
	ref := a.Refresher()
	return func(ctx context.Context) {
		if len(ref.Sources) == 0 {
			return
		}
		for _, rep := range ref.Refresh(ctx, false) {
			if rep.Err != nil {
				a.Log.Warn("source failed", "url", digest.RedactURL(rep.Source.URL), "err", digest.RedactIn(rep.Err.Error(), rep.Source.URL))
			}
		}
	}
}
