package cli

import (
	"context"
	"fmt"
	"github.com/digest-newsletter/digest/digest/text"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// runDeliveries shows an edition's delivery rows and their counts.
func runDeliveries(ctx context.Context, env Env, args []string) error {
	app, positional, err := openCommand(ctx, env, "deliveries", args, 1, nil)
	if err != nil {
		return err
	}
	defer app.Close()
	if len(positional) != 1 {
		return fmt.Errorf("%w: digest deliveries EDITION", errUsage)
	}
	id := positional[0]
	rec, err := app.Store.Edition(ctx, id)
	if err != nil {
		return err
	}
	rows, err := app.Store.Deliveries(ctx, id, 0)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SUBSCRIBER\tSTATUS\tATTEMPTS\tUPDATED\tMESSAGE-ID\tLAST ERROR")
	counts := digest.DeliveryCounts{}
	for _, d := range rows {
		counts[d.Status]++
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", d.Subscriber.Address, d.Status, d.Attempts,
			d.UpdatedAt.Format(time.DateTime), d.MessageID, d.LastError)
	}
	tw.Flush()
	statuses := make([]digest.DeliveryStatus, 0, len(counts))
	for s := range counts {
		statuses = append(statuses, s)
	}
	slices.Sort(statuses)
	fmt.Fprintf(env.Stdout, "\nedition %s (%s): %s", id, rec.Status, text.Count(len(rows), "delivery", "deliveries"))
	for _, s := range statuses {
		fmt.Fprintf(env.Stdout, ", %d %s", counts[s], s)
	}
	fmt.Fprintln(env.Stdout)
	return nil
}
