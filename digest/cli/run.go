package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
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

// runRun is the scheduler daemon, or with --once one cycle now: refresh
// the live sources, then run the due slot (or the latest one) and exit.
func runRun(ctx context.Context, env Env, args []string) error {
	var once *bool
	app, _, err := openCommand(ctx, env, "run", args, 0, func(fs *flag.FlagSet) {
		once = fs.Bool("once", false, "run one cycle now (refresh, build, send) and exit")
	})
	if err != nil {
		return err
	}
	defer app.Close()
	d := app.Desk
	r, err := app.Runner()
	if err != nil {
		return err
	}
	refresh := app.refreshJob()
	if *once {
		refresh(ctx)
		rep, err := r.Once(ctx)
		printReport(env.Stdout, rep)
		return err
	}

	c := schedule.New(app.Log, r.Schedule.Location())
	// The leader reconciles the schedule; on a shared database the other
	// instances join the editions it is sending.
	reconcile := func(ctx context.Context) {
		var rep *runner.Report
		var err error
		if app.Lead(ctx) {
			rep, err = r.Reconcile(ctx)
		} else {
			rep, err = r.Join(ctx)
		}
		if err != nil {
			app.Log.Error("reconcile", "err", err)
		}
		if rep != nil && len(rep.Outcomes) > 0 {
			printReport(env.Stdout, rep)
		}
	}
	// The schedule's own ticks come on time; the regular reconcile picks
	// up approvals and retries and is what makes a missed tick harmless.
	// Instances sharing a database look more often, so a follower takes
	// over a dead leader's work and joins a send within seconds.
	every := time.Minute
	if app.Config.Database.Shared() {
		every = sharedPoll
	}
	c.AddSchedule(r.Schedule, "edition", reconcile)
	if err := c.Every(every, "reconcile", reconcile); err != nil {
		return err
	}
	// Only the leader fetches, so instances sharing a database never
	// fetch the same feed at once nor double its backoff.
	leaderRefresh := func(ctx context.Context) {
		if app.Lead(ctx) {
			refresh(ctx)
		}
	}
	if err := c.Every(app.Config.Schedule.RefreshEvery, "refresh", leaderRefresh); err != nil {
		return err
	}
	stopServe, err := app.serveWithRun(ctx, env, d)
	if err != nil {
		return err
	}
	defer stopServe()
	c.Start()
	app.Log.Info("scheduler started", "schedule", r.Schedule.String(), "next_slot", r.Schedule.Next(app.Clock.Now()).Key)
	reconcile(ctx) // catch up on what was missed while down
	<-ctx.Done()
	app.Log.Info("stopping: no new work; in-flight sends finish")
	stopCtx, cancel := context.WithTimeout(context.Background(), stopGrace)
	defer cancel()
	if err := c.Stop(stopCtx); err != nil {
		return err
	}
	app.Log.Info("scheduler stopped")
	return nil
}

// refreshJob fetches the live sources that are due, if any are configured.
func (a *session) refreshJob() func(context.Context) {
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

// roughly says a duration as a person would: "4 days", "3 hours", "20 minutes".
func roughly(d time.Duration) string {
	unit := func(n int, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %ss", n, one)
	}
	switch {
	case d >= 48*time.Hour:
		return unit(int(d/(24*time.Hour)), "day")
	case d >= 2*time.Hour:
		return unit(int(d/time.Hour), "hour")
	default:
		return unit(int(d/time.Minute), "minute")
	}
}

func printReport(w io.Writer, rep *runner.Report) {
	if rep == nil {
		return
	}
	if rep.Skipped > 0 || rep.Omitted > 0 {
		fmt.Fprintf(w, "%d missed slots recorded as skipped (%d more not listed)\n", rep.Skipped, rep.Omitted)
	}
	if len(rep.Outcomes) == 0 {
		fmt.Fprintln(w, "no slot due: nothing to do")
	}
	for _, o := range rep.Outcomes {
		line := fmt.Sprintf("slot %s: edition %s %s", o.Key, o.EditionID, o.Result)
		if o.Late > 0 {
			line = fmt.Sprintf("slot %s, run %s late: edition %s %s", o.Key, roughly(o.Late), o.EditionID, o.Result)
		}
		if o.Result == runner.ResultSent || o.Result == runner.ResultNotFinished {
			line += fmt.Sprintf(" (%d sent, %d deferred, %d failed)", o.Sent.Sent, o.Sent.Deferred, o.Sent.Failed)
		}
		if o.Detail != "" {
			line += ": " + o.Detail
		}
		fmt.Fprintln(w, line)
	}
}
