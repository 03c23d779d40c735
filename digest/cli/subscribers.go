package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/digest-newsletter/digest/digest/text"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/roster"
)

// subscriberVerbs are the verbs of "digest subscribers", as -h lists them.
var subscriberVerbs = []verb{
	{"add", "add ADDRESS [--name NAME]: put an address on the list"},
	{"remove", "remove ADDRESS: unsubscribe an address (kept, so no config brings it back)"},
	{"list", "list [--status STATUS]: show the list"},
	{"import", "import FILE.csv: add the addresses in a CSV file"},
	{"export", "export [--status STATUS]: write the list as CSV to standard output"},
	{"show", "show ADDRESS: a subscriber with the bounce reports about them"},
	{"reinstate", "reinstate ADDRESS: put a bounced address back on the list"},
	{"export-person", "export-person ADDRESS: everything stored about one person, as JSON (a data-protection access request)"},
	{"erase", "erase ADDRESS --yes: erase one person from the database and the outbox, keeping only a hash that stops their return"},
}

// runSubscribers manages the list: add, remove, list, import, export,
// show (a subscriber with the bounce reports about them), reinstate (a
// bounced address, on an editor's word), and the data-protection
// requests export-person and erase, through the desk as the editors'
// pages do.
func runSubscribers(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: digest subscribers add|remove|list|import|export|show|reinstate|export-person|erase", errUsage)
	}
	if isHelp(args[0]) {
		verbUsage(env.Stdout, "subscribers", subscriberVerbs)
		return nil
	}
	verb, args := args[0], args[1:]
	want := map[string]int{"add": 1, "remove": 1, "import": 1, "list": 0, "export": 0, "show": 1, "reinstate": 1, "export-person": 1, "erase": 1}
	n, ok := want[verb]
	if !ok {
		return unknownName("subscribers command", verb, verbNames(subscriberVerbs))
	}
	var name, status *string
	var yes *bool
	app, positional, err := openCommand(ctx, env, "subscribers "+verb, args, n, func(fs *flag.FlagSet) {
		name = fs.String("name", "", "display `name` (add)")
		status = fs.String("status", "", "only subscribers with this `status` (list, export)")
		yes = fs.Bool("yes", false, "confirm an erasure (erase)")
	})
	if err != nil {
		return err
	}
	defer app.Close()
	if len(positional) != n {
		return fmt.Errorf("%w: subscribers %s takes %d argument(s)", errUsage, verb, n)
	}
	if *status != "" {
		if _, err := digest.ParseSubscriberStatus(*status); err != nil {
			return fmt.Errorf("%w: --status: %v", errUsage, err)
		}
	}
	switch verb {
	case "add":
		sub, err := app.Desk.AddSubscriber(ctx, positional[0], *name)
		if errors.Is(err, digest.ErrExists) {
			fmt.Fprintf(env.Stdout, "%s is already on the list (%s)\n", digest.Printable(sub.Address), sub.Status)
			return nil
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "added %s\n", sub.Address)
	case "remove":
		sub, err := app.Desk.RemoveSubscriber(ctx, positional[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "removed %s (kept as unsubscribed, so no config brings it back)\n", digest.Printable(sub.Address))
	case "list":
		subs, err := app.Store.Subscribers(ctx, digest.SubscriberStatus(*status))
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tADDRESS\tNAME\tSTATUS\tSINCE")
		for _, s := range subs {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", s.ID, digest.Printable(s.Address), digest.Printable(s.Name), s.Status,
				s.CreatedAt.Format(time.DateOnly))
		}
		tw.Flush()
	case "import":
		return importSubscribers(ctx, env, app, positional[0])
	case "show":
		// Read-only commands open no desk (app.Desk is nil there): the
		// store is asked directly, the address read as the desk reads it.
		key := strings.TrimSpace(positional[0])
		if a, err := roster.ParseAddress(key, "", app.Config.SMTP.SMTPUTF8); err == nil {
			key = a.Address
		}
		sub, err := app.Store.Subscriber(ctx, key)
		if err != nil {
			return err
		}
		return showSubscriber(ctx, env, app, sub)
	case "reinstate":
		sub, err := app.Desk.Reinstate(ctx, positional[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "reinstated %s: the next edition goes to it\n", digest.Printable(sub.Address))
	case "export-person":
		data, err := app.Desk.PersonData(ctx, positional[0])
		if err != nil {
			return err
		}
		_, err = env.Stdout.Write(append(data, '\n'))
		return err
	case "erase":
		return erase(ctx, env, app, positional[0], *yes)
	case "export":
		subs, err := app.Store.Subscribers(ctx, digest.SubscriberStatus(*status))
		if err != nil {
			return err
		}
		return roster.Write(env.Stdout, subs)
	}
	return nil
}

// importSubscribers imports a CSV file by the one import rule the
// editors' preview follows too (desk.PlanImport): a header row is
// skipped, and every data row is counted once, as added, updated,
// already on the list, kept out or refused. A refused row is reported
// with its line and nothing is imported, so a half-imported file never
// happens.
func importSubscribers(ctx context.Context, env Env, app *session, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	plan, err := app.Desk.PlanImport(ctx, data)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var problems []string
	for _, r := range plan.Rows {
		if r.Action == digest.ImportRefused {
			problems = append(problems, fmt.Sprintf("%s:%d: %s", path, r.Line, r.Reason))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("nothing imported: %s can't be imported; correct or delete %s and import the file again "+
			"(the desk's import can instead preview the file and apply the other rows):\n  %s",
			text.Plural(len(problems), "row"), map[bool]string{true: "it", false: "them"}[len(problems) == 1], strings.Join(problems, "\n  "))
	}
	if _, err := app.Desk.ApplyImport(ctx, data, plan.Fingerprint); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(env.Stdout, "imported %s: %s\n", path, roster.Summary(plan.Rows))
	return nil
}

// erase carries out an erasure request; without --yes it only says what
// it would do, as the editors' page asks for confirmation.
func erase(ctx context.Context, env Env, app *session, key string, yes bool) error {
	if !yes {
		return fmt.Errorf("%w: erasing %s deletes everything stored about them and cannot be undone: run again with --yes", errUsage, digest.Printable(key))
	}
	rep, err := app.Desk.Erase(ctx, key)
	if err != nil {
		return err
	}
	var n int64
	for _, c := range rep.Rows {
		n += c
	}
	fmt.Fprintf(env.Stdout, "erased %s: %s and %s deleted; only a hash of the address is kept, so no import, add or sign-up brings it back\n",
		digest.Printable(key), text.Plural(int(n), "database row"), text.Plural(len(rep.Deleted), "outbox message"))
	if len(rep.Left) == 0 {
		fmt.Fprintln(env.Stdout, "  a search of the database and the data folder afterwards found the address nowhere else")
	}
	for _, l := range rep.Left {
		fmt.Fprintf(env.Stdout, "  still names the address: %s\n", l)
	}
	return nil
}
