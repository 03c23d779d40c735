package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/digest-newsletter/digest/digest/bounces"
)

// runBounces reads the bounce mailbox once: the configured IMAP or POP3
// one, or an mbox file or a Maildir an MTA delivers the bounce address
// to. Files are only read; over IMAP the reports are moved to the
// processed folder, over POP3 left on the server (or, with
// delete_processed, deleted). Nothing else is touched, and each report
// counts once however often it is read.
func runBounces(ctx context.Context, env Env, args []string) error {
	var mbox, maildir string
	app, _, err := openCommand(ctx, env, "bounces", args, 0, func(fs *flag.FlagSet) {
		fs.StringVar(&mbox, "mbox", "", "read this mbox `file`")
		fs.StringVar(&maildir, "maildir", "", "read this Maildir `folder` (its new and cur)")
	})
	if err != nil {
		return err
	}
	defer app.Close()
	var mb bounces.Mailbox
	switch {
	case mbox != "" && maildir != "":
		return fmt.Errorf("%w: digest bounces [--mbox FILE | --maildir DIR]: one mailbox at a time", errUsage)
	case mbox != "":
		mb = bounces.Mbox{Path: mbox}
	case maildir != "":
		mb = bounces.Maildir{Dir: maildir}
	default:
		if mb, err = app.BounceMailbox(); err != nil {
			return err
		}
	}
	sum, err := app.Bounces(ctx, mb)
	if err != nil && sum.Read == 0 {
		return err // nothing was read: no counts to report
	}
	// Read part-way: what was done is said before the error.
	fmt.Fprintf(env.Stdout, "%d read: %d hard bounces, %d soft, %d complaints, %d auto-replies, %d other (left alone)\n",
		sum.Read, sum.Hard, sum.Soft, sum.Complaints, sum.AutoReplies, sum.Other)
	fmt.Fprintf(env.Stdout, "%d subscribers marked bounced, %d unsubscribed by a complaint, %d reports matched nobody, %d read before\n",
		sum.Bounced, sum.Unsubscribed, sum.Unmatched, sum.Duplicates)
	return err
}
