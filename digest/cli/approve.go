package cli

import (
	"context"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
)

// runApprove approves an edition as it is rendered now: the same approval
// as the preview's button. A later change returns it to draft.
func runApprove(ctx context.Context, env Env, args []string) error {
	app, positional, err := openCommand(ctx, env, "approve", args, 1, nil)
	if err != nil {
		return err
	}
	defer app.Close()
	if len(positional) != 1 {
		return fmt.Errorf("%w: digest approve EDITION", errUsage)
	}
	if rec, err := app.Store.Edition(ctx, positional[0]); err == nil && rec.Status == digest.EditionApproved {
		fmt.Fprintf(env.Stdout, "edition %s is already approved (by %s, %s): nothing to do\n", rec.ID, rec.ApprovedBy, rec.ApprovedAt.Format("2006-01-02 15:04 MST"))
		return nil
	}
	if err := app.Desk.Approve(ctx, positional[0]); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "edition %s approved: it is sent as it is now; any change returns it to draft\n", positional[0])
	return nil
}
