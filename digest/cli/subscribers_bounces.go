package cli

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// showSubscriber prints a subscriber and every bounce report about them,
// newest first, with the decision each took and its evidence: what an
// editor reads before reinstating anyone.
func showSubscriber(ctx context.Context, env Env, app *session, sub *digest.Subscriber) error {
	evs, err := app.Store.BounceEvents(ctx, sub.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s %s, %s since %s\n", digest.Printable(sub.Address), digest.Printable(sub.Name), sub.Status,
		sub.UpdatedAt.Format(time.DateOnly))
	if len(evs) == 0 {
		fmt.Fprintln(env.Stdout, "no bounce reports")
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RECEIVED\tKIND\tSTATUS\tEDITION\tMATCHED BY\tACTION\tDECISION\tDIAGNOSTIC")
	for _, ev := range evs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", ev.ReceivedAt.Format(time.DateTime), ev.Kind, ev.Status, ev.EditionID,
			ev.MatchedBy, ev.Action, digest.Printable(ev.Decision), digest.Printable(ev.Diagnostic))
	}
	return tw.Flush()
}
