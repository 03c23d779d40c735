package cli

import (
	"context"
	"flag"
	"fmt"
	"github.com/digest-newsletter/digest/digest/text"
	"io"
	"text/tabwriter"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// runFetch refreshes the feeds and pages now. Sources backing off after
// errors wait their turn unless --force.
func runFetch(ctx context.Context, env Env, args []string) error {
	var force *bool
	app, _, err := openCommand(ctx, env, "fetch", args, 0, func(fs *flag.FlagSet) {
		force = fs.Bool("force", false, "fetch sources that are backing off too")
	})
	if err != nil {
		return err
	}
	defer app.Close()
	reports := app.Refresher().Refresh(ctx, *force)
	if len(reports) == 0 {
		fmt.Fprintln(env.Stdout, "no feeds or pages listed: add them on the desk's Sources page (the config's sources.feeds and sources.pages are read on a database's first start only)")
		return nil
	}
	failed, paused := 0, 0
	for _, r := range reports {
		shown := digest.Printable(r.Source.Label())
		switch {
		case r.Paused:
			paused++
			fmt.Fprintf(env.Stdout, "%s: paused\n", shown)
		case r.Err != nil:
			failed++
			fmt.Fprintf(env.Stdout, "%s: failed (%d in a row, next try %s): %s\n", shown,
				r.State.ErrorCount, r.State.NextAttempt.Format(time.DateTime), digest.RedactIn(r.Err.Error(), r.Source.URL))
		case r.Skipped:
			fmt.Fprintf(env.Stdout, "%s: failing, so not tried again until %s (digest fetch --force tries it now)\n", shown,
				r.State.NextAttempt.Format("2006-01-02 15:04 MST"))
		case r.NotModified:
			fmt.Fprintf(env.Stdout, "%s: not modified\n", shown)
		case r.Interrupted:
			fmt.Fprintf(env.Stdout, "%s: out of time after %s, %s; the rest next time\n", shown,
				text.Count(r.Entries, "entry", "entries"), text.Plural(r.Added, "new article"))
		default:
			fmt.Fprintf(env.Stdout, "%s: %s, %s\n", shown, text.Count(r.Entries, "entry", "entries"), text.Plural(r.Added, "new article"))
		}
		for _, p := range r.Problems {
			fmt.Fprintf(env.Stdout, "    skipped: %s\n", digest.RedactIn(p.Error(), r.Source.URL))
		}
	}
	if failed > 0 && failed == len(reports)-paused {
		return fmt.Errorf("every source failed")
	}
	return nil
}

// runSources lists every source with its health.
func runSources(ctx context.Context, env Env, args []string) error {
	app, _, err := openCommand(ctx, env, "sources", args, 0, nil)
	if err != nil {
		return err
	}
	defer app.Close()
	return app.printSources(ctx, env.Stdout)
}

// printSources writes a table of every source with its health.
func (app *session) printSources(ctx context.Context, w io.Writer) error {
	rows, err := app.SourceHealth(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tNAME\tSOURCE\tHEALTH\tLAST SUCCESS\tARTICLES\tLAST ERROR")
	for _, r := range rows {
		name := r.Name
		if name == "" {
			name = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Kind, digest.Printable(name), r.Source, r.Health, r.LastSuccess, r.Articles, r.LastError)
	}
	return tw.Flush()
}
