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
	for _, name := range w.On() {
		switch name {
		case "ses":
			client = cmp.Or(client, &http.Client{Timeout: 10 * time.Second})
			ps[name] = &webhooks.SES{TopicARN: w.SES.TopicARN, VERPPrefix: verpPrefix(a.Config.Mail.Bounces.VERPPrefix,
				a.Config.Mail.Bounces.VERPDomain), Client: client, Clock: a.Clock}
		case "postmark":
			ps[name] = &webhooks.Postmark{User: w.Postmark.User, Password: w.Postmark.Password}
		case "sendgrid":
			key, err := webhooks.ParseSendGridKey(w.SendGrid.PublicKey)
			if err != nil {
				return nil, fmt.Errorf("mail.bounces.webhooks.sendgrid.public_key: %w", err)
			}
			ps[name] = &webhooks.SendGrid{Key: key}
		case "mailgun":
			ps[name] = &webhooks.Mailgun{SigningKey: []byte(w.Mailgun.SigningKey)}
		}
	}
	if len(ps) == 0 {
		return nil, nil
	}
	a.Log.Info("bounce webhooks on", "providers", w.On())
	return &webhooks.Receiver{Providers: ps, Receipts: a.Store, Policy: a.BounceProcessor(), Clock: a.Clock, Log: a.Log}, nil
}
