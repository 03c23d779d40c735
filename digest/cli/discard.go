package cli

import (
	"context"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
)

// runDiscard sets a draft or approved edition aside for good: it is
// never sent nor in the archive, and its articles stay candidates for
// the next build. One sending or sent is refused with the reason.
func runDiscard(ctx context.Context, env Env, args []string) error {
	app, positional, err := openCommand(ctx, env, "discard", args, 1, nil)
	if err != nil {
		return err
	}
	defer app.Close()
	if len(positional) != 1 {
		return fmt.Errorf("%w: digest discard EDITION", errUsage)
	}
	if rec, err := app.Store.Edition(ctx, positional[0]); err == nil && rec.Status == digest.EditionDiscarded {
		fmt.Fprintf(env.Stdout, "edition %s is already discarded: nothing to do\n", rec.ID)
		return nil
	}
	if err := app.Desk.Discard(ctx, positional[0]); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "edition %s discarded: it is never sent, and its articles stay candidates for the next build\n", positional[0])
	return nil
}
