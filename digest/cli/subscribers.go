package cli

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/mail"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/digest-newsletter/digest/digest"
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
}

// runSubscribers manages the list: add, remove, list, import, export,
// show (a subscriber with the bounce reports about them), reinstate (a
// bounced address, on an editor's word).
func runSubscribers(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: digest subscribers add|remove|list|import|export|show|reinstate", errUsage)
	}
	if isHelp(args[0]) {
		verbUsage(env.Stdout, "subscribers", subscriberVerbs)
		return nil
	}
	verb, args := args[0], args[1:]
	want := map[string]int{"add": 1, "remove": 1, "import": 1, "list": 0, "export": 0, "show": 1, "reinstate": 1}
	n, ok := want[verb]
	if !ok {
		return unknownName("subscribers command", verb, verbNames(subscriberVerbs))
	}
	var name, status *string
	app, positional, err := openCommand(ctx, env, "subscribers "+verb, args, n, func(fs *flag.FlagSet) {
		name = fs.String("name", "", "display `name` (add)")
		status = fs.String("status", "", "only subscribers with this `status` (list, export)")
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
	now := app.Clock.Now()
	switch verb {
	case "add":
		addr, err := parseAddress(positional[0], *name, app.Config.SMTP.SMTPUTF8)
		if err != nil {
			return err
		}
		sub, err := app.Store.AddSubscriber(ctx, addr.Address, addr.Name, now)
		if errors.Is(err, digest.ErrExists) {
			fmt.Fprintf(env.Stdout, "%s is already on the list (%s)\n", digest.Printable(sub.Address), sub.Status)
			return nil
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "added %s\n", sub.Address)
	case "remove":
		// An address stored before today's rules may not pass them: it
		// is looked up as typed.
		key := strings.TrimSpace(positional[0])
		if addr, err := parseAddress(positional[0], "", app.Config.SMTP.SMTPUTF8); err == nil {
			key = addr.Address
		}
		sub, err := app.Store.Subscriber(ctx, key)
		if err != nil {
			return err
		}
		if err := app.Store.SetSubscriberStatus(ctx, sub.ID, digest.SubscriberUnsubscribed, now); err != nil {
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
		return importSubscribers(ctx, env, app, positional[0], now)
	case "show", "reinstate":
		key := strings.TrimSpace(positional[0])
		if addr, err := parseAddress(positional[0], "", app.Config.SMTP.SMTPUTF8); err == nil {
			key = addr.Address
		}
		sub, err := app.Store.Subscriber(ctx, key)
		if err != nil {
			return err
		}
		if verb == "reinstate" {
			return reinstate(ctx, env, app, sub, now)
		}
		return showSubscriber(ctx, env, app, sub)
	case "export":
		subs, err := app.Store.Subscribers(ctx, digest.SubscriberStatus(*status))
		if err != nil {
			return err
		}
		w := csv.NewWriter(env.Stdout)
		w.Write([]string{"address", "name", "status", "created_at"})
		for _, s := range subs {
			w.Write([]string{forSpreadsheet(digest.Printable(s.Address)), forSpreadsheet(digest.Printable(s.Name)), string(s.Status),
				s.CreatedAt.Format(time.RFC3339)})
		}
		w.Flush()
		return w.Error()
	}
	return nil
}

// parseAddress accepts "jane@example.com" or "Jane Doe <jane@example.com>"
// (a name with a comma needs no quotes); a separate name wins over one in
// the address. The address is checked by digest.ParseAddress, the rule
// sign-up and the composer follow too.
func parseAddress(s, name string, smtputf8 bool) (*mail.Address, error) {
	spec, display := strings.TrimSpace(s), ""
	if open := strings.LastIndexByte(spec, '<'); open >= 0 && strings.HasSuffix(spec, ">") {
		display = strings.Trim(strings.TrimSpace(spec[:open]), `"`)
		if a, err := mail.ParseAddress(spec); err == nil {
			display = a.Name // quoted escapes and encoded words undone
		}
		spec = spec[open+1 : len(spec)-1]
	}
	addr, err := digest.ParseAddress(spec, smtputf8)
	if err != nil {
		return nil, notAnAddress(s, err)
	}
	a := &mail.Address{Name: display, Address: addr}
	if name != "" {
		a.Name = name
	}
	if err := digest.CheckSubscriberName(a.Name); err != nil {
		return nil, fmt.Errorf("address %s: %w", a.Address, err)
	}
	return a, nil
}

// notAnAddress says what is wrong and what an address looks like;
// net/mail's own words ("missing '@' or angle-addr") do not. What was
// typed is quoted short and escaped.
func notAnAddress(s string, err error) error {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return fmt.Errorf("%q: %w (an address such as ada@example.org or \"Ada Lovelace <ada@example.org>\")", s, err)
}

// importSubscribers reads a CSV of address[,name] rows (a header row is
// skipped). Every row is checked first; a bad row is reported with its
// line and nothing is imported, so a half-imported file never happens.
func importSubscribers(ctx context.Context, env Env, app *session, path string, now time.Time) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	var addrs []*mail.Address
	var statuses []digest.SubscriberStatus
	var problems []string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if len(addrs) == 0 && len(problems) == 0 && isHeader(rec) {
			continue
		}
		name := ""
		if len(rec) > 1 {
			name = fromSpreadsheet(strings.TrimSpace(rec[1]))
		}
		a, err := parseAddress(fromSpreadsheet(strings.TrimSpace(rec[0])), name, app.Config.SMTP.SMTPUTF8)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s:%d: %v", path, line, err))
			continue
		}
		status := digest.SubscriberActive
		if len(rec) > 2 && strings.TrimSpace(rec[2]) != "" {
			var err error
			if status, err = digest.ParseSubscriberStatus(strings.ToLower(strings.TrimSpace(rec[2]))); err != nil {
				problems = append(problems, fmt.Sprintf("%s:%d: %v", path, line, err))
				continue
			}
		}
		addrs = append(addrs, a)
		statuses = append(statuses, status)
	}
	if len(problems) > 0 {
		return fmt.Errorf("nothing imported, %d bad row(s):\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	subs := make([]digest.Subscriber, len(addrs))
	for i, a := range addrs {
		subs[i] = digest.Subscriber{Address: a.Address, Name: a.Name, Status: statuses[i]}
	}
	added, keptOut, err := app.Store.AddSubscribers(ctx, subs, now)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "imported %s: %d added, %d already on the list, %d kept out (they had unsubscribed or bounced)\n",
		path, added, len(subs)-added, keptOut)
	return nil
}

func isHeader(rec []string) bool {
	first := strings.ToLower(strings.TrimSpace(rec[0]))
	return first == "address" || first == "email" || first == "e-mail"
}

// forSpreadsheet keeps a cell from being read as a formula when the
// export is opened in a spreadsheet (CSV injection, OWASP): a cell that
// starts with = + - @ or a tab or carriage return gets a leading quote.
// fromSpreadsheet takes it off again on import, so a round trip keeps
// the value.
func forSpreadsheet(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

func fromSpreadsheet(cell string) string {
	if len(cell) > 1 && cell[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(cell[1])) {
		return cell[1:]
	}
	return cell
}
