package app

import (
	"cmp"
	"fmt"
	"net/http"
	"time"

	"github.com/digest-newsletter/digest/digest/webhooks"
)

// webhookReceiver is the providers' bounce webhooks this config turns
// on (mail.bounces.webhooks), feeding the bounce policy; nil when none
// is on, so the public face answers 404 for each.
func (a *App) webhookReceiver(client *http.Client) (*webhooks.Receiver, error) {
	w := a.Config.Mail.Bounces.Webhooks
	ps := map[string]webhooks.Provider{}
	if w.SES.TopicARN != "" {
		client = cmp.Or(client, &http.Client{Timeout: 10 * time.Second})
		ps["ses"] = &webhooks.SES{TopicARN: w.SES.TopicARN, VERPPrefix: verpPrefix(a.Config.Mail.Bounces.VERPPrefix,
			a.Config.Mail.Bounces.VERPDomain), Client: client, Clock: a.Clock}
	}
	if w.Postmark.User != "" {
		ps["postmark"] = &webhooks.Postmark{User: w.Postmark.User, Password: w.Postmark.Password}
	}
	if w.SendGrid.PublicKey != "" {
		key, err := webhooks.ParseSendGridKey(w.SendGrid.PublicKey)
		if err != nil {
			return nil, fmt.Errorf("mail.bounces.webhooks.sendgrid.public_key: %w", err)
		}
		ps["sendgrid"] = &webhooks.SendGrid{Key: key}
	}
	if w.Mailgun.Enabled {
		ps["mailgun"] = &webhooks.Mailgun{SigningKey: []byte(w.Mailgun.SigningKey)}
	}
	if len(ps) == 0 {
		return nil, nil
	}
	names := make([]string, 0, len(ps))
	for n := range ps {
		names = append(names, n)
	}
	a.Log.Info("bounce webhooks on", "providers", names)
	return &webhooks.Receiver{Providers: ps, Receipts: a.Store, Policy: a.BounceProcessor(), Clock: a.Clock, Log: a.Log}, nil
}
