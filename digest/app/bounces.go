package app

import (
	"context"
	"errors"

	"github.com/digest-newsletter/digest/digest/bounce"
	"github.com/digest-newsletter/digest/digest/bounces"
)

// BounceProcessor reads reports of the bounce mailbox against this
// digest's store, keys and policy (mail.bounces).
func (a *App) BounceProcessor() *bounces.Processor {
	b := a.Config.Mail.Bounces
	return &bounces.Processor{Store: a.Store, Classifier: bounce.Classifier{VERPPrefix: verpPrefix(b.VERPPrefix, b.VERPDomain)},
		Tokens: a.VERP(), Policy: bounces.Policy{SoftLimit: b.SoftLimit, SoftWindow: b.SoftWindow}, Clock: a.Clock, Log: a.Log}
}

// verpPrefix is the prefix tokens are looked for under: none when VERP
// is off, so a stranger's bounces+x@ address is not read as ours.
func verpPrefix(prefix, domain string) string {
	if domain == "" {
		return ""
	}
	return prefix
}

// Bounces reads a mailbox once and applies the policy to every bounce
// and complaint in it (digest bounces). Reading it again counts nothing
// twice.
func (a *App) Bounces(ctx context.Context, mb bounces.Mailbox) (bounces.Summary, error) {
	sum, err := a.BounceProcessor().Read(ctx, mb)
	a.Log.Info("bounce mailbox read", "read", sum.Read, "hard", sum.Hard, "soft", sum.Soft, "complaints", sum.Complaints,
		"auto_replies", sum.AutoReplies, "other", sum.Other, "duplicates", sum.Duplicates, "unmatched", sum.Unmatched,
		"bounced", sum.Bounced, "unsubscribed", sum.Unsubscribed)
	return sum, err
}

// BounceMailbox is the configured IMAP bounce mailbox
// (mail.bounces.imap), or an error saying how to configure one.
func (a *App) BounceMailbox() (bounces.Mailbox, error) {
	c := a.Config.Mail.Bounces.IMAP
	if c.Addr == "" {
		return nil, errors.New("no bounce mailbox: set mail.bounces.imap.addr (and DIGEST_BOUNCES_IMAP_PASSWORD), or give --mbox or --maildir")
	}
	return bounces.IMAP{Addr: c.Addr, User: c.User, Password: c.Password, Folder: c.Folder, Processed: c.ProcessedFolder,
		Timeout: a.Config.SMTP.CommandTimeout, Log: a.Log}, nil
}
