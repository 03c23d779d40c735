package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/digest-newsletter/digest/digest/app"
	"github.com/digest-newsletter/digest/digest/app/serve"
	"github.com/digest-newsletter/digest/digest/runner"
)

// runRun is the scheduler daemon, or with --once one cycle now: refresh
// the live sources, then run the due slot (or the latest one) and exit.
func runRun(ctx context.Context, env Env, args []string) error {
	var once *bool
	s, _, err := openCommand(ctx, env, "run", args, 0, func(fs *flag.FlagSet) {
		once = fs.Bool("once", false, "run one cycle now (refresh, build, send) and exit")
	})
	if err != nil {
		return err
	}
	defer s.Close()
	if *once {
		rep, err := s.RunOnce(ctx)
		printReport(env.Stdout, rep)
		return err
	}
	return s.Run(ctx, app.RunOptions{Pages: serve.WithRun(s.App),
		Report: func(rep *runner.Report) { printReport(env.Stdout, rep) }})
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
