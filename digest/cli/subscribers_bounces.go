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

// reinstate puts a bounced address back on the list, on an editor's word
// (the mailbox works again). Someone who unsubscribed, or complained,
// comes back only by their own confirmed sign-up, never by this.
func reinstate(ctx context.Context, env Env, app *session, sub *digest.Subscriber, now time.Time) error {
	if sub.Status != digest.SubscriberBounced {
		return fmt.Errorf("%s is %s, not bounced: only a bounced address can be reinstated", digest.Printable(sub.Address), sub.Status)
	}
	if err := app.Store.SetSubscriberStatus(ctx, sub.ID, digest.SubscriberActive, now); err != nil {
		return err
	}
	app.Log.Info("bounced subscriber reinstated", "subscriber_id", sub.ID)
	fmt.Fprintf(env.Stdout, "reinstated %s: the next edition goes to it\n", digest.Printable(sub.Address))
	return nil
}
