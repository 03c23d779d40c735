package app

import (
	"context"
	"errors"
	"time"

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

// BounceMailbox is the configured bounce mailbox, IMAP
// (mail.bounces.imap) or POP3 (mail.bounces.pop3), or an error saying
// how to configure one.
func (a *App) BounceMailbox() (bounces.Mailbox, error) {
	b := a.Config.Mail.Bounces
	switch {
	case b.IMAP.Addr != "":
		c := b.IMAP
		return bounces.IMAP{Addr: c.Addr, User: c.User, Password: c.Password, Folder: c.Folder, Processed: c.ProcessedFolder,
			TLS: a.BounceTLS, Timeout: a.Config.SMTP.CommandTimeout, Log: a.Log}, nil
	case b.POP3.Host != "":
		c := b.POP3
		return bounces.POP3{Addr: c.Addr(), User: c.User, Password: c.Password, Security: bounces.POP3Security(c.TLS),
			AllowPlaintext: c.TLS == string(bounces.POP3Plain), DeleteProcessed: c.DeleteProcessed, TLS: a.BounceTLS,
			Seen: a.Store, Retention: c.ForgetAfter, Clock: a.Clock, Timeout: a.Config.SMTP.CommandTimeout, Log: a.Log}, nil
	}
	return nil, errors.New("no bounce mailbox: set mail.bounces.imap.addr (and DIGEST_BOUNCES_IMAP_PASSWORD) or mail.bounces.pop3.host " +
		"(and DIGEST_BOUNCES_POP3_PASSWORD), or give --mbox or --maildir")
}

// BounceEvery is how often digest run reads the configured mailbox.
func (a *App) BounceEvery() time.Duration {
	if a.Config.Mail.Bounces.POP3.Host != "" {
		return a.Config.Mail.Bounces.POP3.Every
	}
	return a.Config.Mail.Bounces.IMAP.Every
}
