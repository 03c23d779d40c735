package cli

import (
	"context"
	"flag"
	"fmt"
	"github.com/digest-newsletter/digest/digest/text"
	"io"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/app"
	"github.com/digest-newsletter/digest/digest/app/serve"
	"github.com/digest-newsletter/digest/digest/deliver"
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
		printOnce(ctx, env.Stdout, s, rep)
		return err
	}
	d := s.delivery()
	return s.Run(ctx, app.RunOptions{Pages: serve.WithRun(s.App),
		Report: func(rep *runner.Report) { printReport(env.Stdout, d, rep) }})
}

// roughly says a duration as a person would: "4 days", "3 hours", "20 minutes".
func roughly(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return text.Plural(int(d/(24*time.Hour)), "day")
	case d >= 2*time.Hour:
		return text.Plural(int(d/time.Hour), "hour")
	default:
		return text.Plural(int(d/time.Minute), "minute")
	}
}

// delivery says where a run's messages went: by SMTP, or into the
// outbox folder when no server is configured, which mails nobody.
type delivery struct {
	outbox string // "" when sending by SMTP
}

func (s *session) delivery() delivery {
	if s.Config.SMTP.Addr != "" {
		return delivery{}
	}
	return delivery{outbox: s.Config.ResolveDataPath(s.Config.Outbox)}
}

// counts says what a send did, in the words of where it went.
func (d delivery) counts(sum deliver.Summary) string {
	if d.outbox != "" {
		return fmt.Sprintf("%s written to %s, not mailed: no SMTP server is configured", text.Plural(sum.Sent, "message"), d.outbox)
	}
	return fmt.Sprintf("%d sent by SMTP, %d deferred (retried later), %d failed", sum.Sent, sum.Deferred, sum.Failed)
}

// printSkipped says how many missed slots a reconcile recorded as skipped.
func printSkipped(w io.Writer, rep *runner.Report) {
	if rep.Skipped > 0 || rep.Omitted > 0 {
		fmt.Fprintf(w, "%d missed slots recorded as skipped (%d more not listed)\n", rep.Skipped, rep.Omitted)
	}
}

// printReport is the daemon's line per slot as it runs.
func printReport(w io.Writer, d delivery, rep *runner.Report) {
	if rep == nil {
		return
	}
	printSkipped(w, rep)
	for _, o := range rep.Outcomes {
		result := " " + string(o.Result)
		switch {
		case o.Result == runner.ResultSent && d.outbox != "":
			result = ": " + d.counts(o.Sent) // not "sent": nobody was mailed
		case o.Result == runner.ResultSent || o.Result == runner.ResultNotFinished:
			result += " (" + d.counts(o.Sent) + ")"
		}
		line := fmt.Sprintf("slot %s: edition %s%s", o.Key, o.EditionID, result)
		if o.Late > 0 {
			line = fmt.Sprintf("slot %s, built %s late: edition %s%s", o.Key, roughly(o.Late), o.EditionID, result)
		}
		if o.Detail != "" {
			line += ": " + o.Detail
		}
		fmt.Fprintln(w, line)
	}
}

// printOnce says what one run --once did for a person who may be running
// digest for the first time: which edition, from how many articles, how
// many messages and where they went, and what to run next.
func printOnce(ctx context.Context, w io.Writer, s *session, rep *runner.Report) {
	if rep == nil {
		return
	}
	printSkipped(w, rep)
	if len(rep.Outcomes) == 0 {
		fmt.Fprintln(w, "The schedule has no slot yet: nothing to do.")
	}
	d := s.delivery()
	for _, o := range rep.Outcomes {
		// A resumed edition's outcome names its key, not its slot.
		o.Key = strings.TrimPrefix(o.Key, string(digest.ScheduledEdition)+":")
		rec, err := s.Store.Edition(ctx, o.EditionID)
		if err == nil && rec.Issue > 0 {
			fmt.Fprintf(w, "Edition No. %d, %q (%s)\n", rec.Issue, rec.Title, rec.ID)
			fmt.Fprintf(w, "  %s in %s, chosen from %s\n", text.Plural(len(rec.Items), "article"),
				text.Plural(sectionCount(rec), "section"), text.Plural(len(rec.Candidates), "candidate"))
		} else {
			fmt.Fprintf(w, "Slot %s\n", o.Key)
		}
		switch o.Result {
		case runner.ResultSent, runner.ResultNotFinished:
			fmt.Fprintf(w, "  %s\n", d.counts(o.Sent))
			if o.Result == runner.ResultNotFinished {
				fmt.Fprintln(w, "  not finished: the next run carries on where this one stopped")
			}
		case runner.ResultAwaitingApproval:
			fmt.Fprintf(w, "  waits for an editor's approval: digest approve %s, or approve it in digest preview\n", o.EditionID)
		case runner.ResultSkipped:
			fmt.Fprintf(w, "  nothing sent for this slot: %s\n", o.Detail)
		case runner.ResultAlreadyDone:
			fmt.Fprintf(w, "  this slot's edition was already %s: nothing more to do until the next slot\n", o.Detail)
		}
		switch {
		case o.OnDemand && o.Result == runner.ResultAlreadyDone:
			fmt.Fprintf(w, "  no slot is due; the latest, %s, was done before\n", o.Key)
		case o.OnDemand:
			fmt.Fprintf(w, "  no slot was due, so this ran the latest one, %s, now\n", o.Key)
		case o.Late > 0:
			fmt.Fprintf(w, "  for the slot of %s, built %s after it fell due\n", o.Key, roughly(o.Late))
		default:
			fmt.Fprintf(w, "  for the slot of %s\n", o.Key)
		}
	}
	if rep.Next != "" {
		fmt.Fprintf(w, "Next slot: %s (digest run keeps to the schedule).\n", rep.Next)
	}
	fmt.Fprintln(w, "Next: digest status shows the editions; digest preview serves the editors' desk at the address it prints.")
	if d.outbox != "" && wrote(rep) {
		fmt.Fprintf(w, "Each .eml file in %s is one subscriber's message, as it would be mailed.\n", d.outbox)
	}
}

// sectionCount counts the sections an edition's articles are placed in.
func sectionCount(rec *digest.EditionRecord) int {
	seen := map[string]bool{}
	for _, p := range rec.Items {
		seen[p.Section] = true
	}
	return len(seen)
}

// wrote reports whether a run wrote any message.
func wrote(rep *runner.Report) bool {
	for _, o := range rep.Outcomes {
		if o.Sent.Sent > 0 {
			return true
		}
	}
	return false
}
