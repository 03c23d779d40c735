package cli

import (
	"context"
	"errors"
	"fmt"
	"github.com/digest-newsletter/digest/digest/text"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/runner"
	"github.com/digest-newsletter/digest/digest/schedule"
)

// runStatus shows the scheduler, the next slots, the last editions with
// their delivery counts and the health of each source.
func runStatus(ctx context.Context, env Env, args []string) error {
	app, _, err := openCommand(ctx, env, "status", args, 0, nil)
	if err != nil {
		return err
	}
	defer app.Close()
	w := env.Stdout
	s, err := app.Schedule()
	if err != nil {
		return err
	}
	if app.Config.Database.Shared() {
		if err := app.printInstances(ctx, w); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(w, "Scheduler: %s\n", app.schedulerState())
	}
	sc := app.Config.Schedule
	fmt.Fprintf(w, "Schedule: %q in %s; a missed slot is caught up within %s; an edition needs at least %s; approval %s\n",
		s.String(), s.Location(), roughly(sc.CatchUp), text.Plural(sc.MinNewArticles, "new article"),
		map[bool]string{true: "required", false: "not required"}[sc.RequireApproval])
	paused, err := app.Store.Setting(ctx, desk.PausedSetting)
	if err != nil {
		return err
	}
	if pause := desk.ParsePause(paused); pause.Paused() {
		fmt.Fprintf(w, "Paused since %s by %s: due slots are skipped until it is resumed on the desk\n",
			pause.At.Format(time.RFC3339), pause.By)
	}
	fmt.Fprintln(w, "Next slots:")
	for _, slot := range s.Upcoming(app.Clock.Now(), 3) {
		fmt.Fprintf(w, "  %s  (runs %s)\n", slot.Key, slot.At.Format(time.RFC3339))
	}

	fmt.Fprintln(w, "\nLast editions:")
	eds, err := app.Store.Editions(ctx, 10)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  EDITION\tNO.\tSTATUS\tSLOT\tSENT\tDEFERRED\tFAILED\tPENDING\tNOTE")
	for _, e := range eds {
		c, err := app.Store.DeliveryCounts(ctx, e.ID)
		if err != nil {
			return err
		}
		issue := "-"
		if e.Issue > 0 {
			issue = fmt.Sprint(e.Issue)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\n", e.ID, issue, e.Status, slotOf(e, s.Location()),
			c[digest.DeliverySent], c[digest.DeliveryDeferred], c[digest.DeliveryFailed],
			c.Unfinished()-c[digest.DeliveryDeferred], e.Note) // pending: unfinished, not yet deferred
	}
	if len(eds) == 0 {
		fmt.Fprintln(tw, "  (none yet)")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nSources:")
	return app.printSources(ctx, w)
}

// slotOf names a scheduled edition's slot in the schedule's zone, and
// says how late it was built when it was: "2026-11-30 07:00, built 4 days
// late". A manual build has no slot.
func slotOf(e digest.EditionRecord, loc *time.Location) string {
	if e.SlotAt.IsZero() {
		return "manual"
	}
	out := e.SlotAt.In(loc).Format("2006-01-02 15:04")
	if _, slot, ok := strings.Cut(e.Key, ":"); ok && slot != "" {
		out = slot // the slot's own name: an edition run on demand is dated when it ran
	}
	if late := e.BuiltAt.Sub(e.SlotAt); e.Status != digest.EditionSkipped && late > runner.LateAfter {
		out += ", built " + roughly(late) + " late"
	}
	return out
}

// printInstances lists the instances alive on a shared database, the
// leader first: each one sends, the leader also schedules.
func (a *session) printInstances(ctx context.Context, w io.Writer) error {
	now, err := a.Store.LeaseTime(ctx, a.Clock.Now())
	if err != nil {
		return err
	}
	live, err := a.Store.Instances(ctx, now)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Scheduler: %d instances alive on %s\n", len(live), digest.RedactURL(a.Config.Database.URL))
	for _, in := range live {
		role := "sends"
		if in.Leader {
			role = "leads: schedules and sends"
		}
		fmt.Fprintf(w, "  %s  host %s, pid %d, up since %s, last heartbeat %s ago; %s\n", in.ID, in.Host, in.PID,
			in.StartedAt.Format(time.RFC3339), now.Sub(in.Heartbeat).Round(time.Second), role)
	}
	return nil
}

// schedulerState says whether a digest run holds this database's lock.
func (a *session) schedulerState() string {
	release, err := schedule.Lock(a.LockPath())
	var locked *schedule.LockedError
	switch {
	case errors.As(err, &locked):
		if locked.Holder == "" {
			return "running"
		}
		return "running (" + locked.Holder + ")"
	case err != nil:
		return "unknown: " + err.Error()
	}
	release()
	return "not running"
}
