package config

import (
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/digest-newsletter/digest/digest/lazyre"
)

// BounceWebhooks turns on each provider's webhook (POST
// /webhooks/PROVIDER on the public face); each is off, and answers 404,
// unless configured. Secrets come only from the environment.
type BounceWebhooks struct {
	// SES is on with a topic_arn: only that SNS topic's messages are taken.
	SES struct {
		TopicARN string `yaml:"topic_arn"`
	} `yaml:"ses"`
	// Postmark is on with a user; the password comes only from
	// DIGEST_WEBHOOK_POSTMARK_PASSWORD.
	Postmark struct {
		User     string `yaml:"user"`
		Password string `yaml:"-"`
	} `yaml:"postmark"`
	// SendGrid is on with its verification key (public, base64 DER).
	SendGrid struct {
		PublicKey string `yaml:"public_key"`
	} `yaml:"sendgrid"`
	// Mailgun is on when enabled; the signing key comes only from
	// DIGEST_WEBHOOK_MAILGUN_SIGNING_KEY.
	Mailgun struct {
		Enabled    bool   `yaml:"enabled"`
		SigningKey string `yaml:"-"`
	} `yaml:"mailgun"`
}

// On names the webhooks this config turns on, in one fixed order: "ses",
// "postmark", "sendgrid", "mailgun". The receiver and the metadata
// headers of outgoing mail both follow it.
func (w BounceWebhooks) On() []string {
	var on []string
	for _, p := range []struct {
		name string
		on   bool
	}{{"ses", w.SES.TopicARN != ""}, {"postmark", w.Postmark.User != ""}, {"sendgrid", w.SendGrid.PublicKey != ""}, {"mailgun", w.Mailgun.Enabled}} {
		if p.on {
			on = append(on, p.name)
		}
	}
	return on
}

// applyWebhookEnv reads the webhooks' secrets, and refuses a webhook
// turned on without its secret: it would refuse every request, and
// the operator would learn why only from the provider's failures.
func (c *Config) applyWebhookEnv(getenv func(string) string) error {
	w := &c.Mail.Bounces.Webhooks
	w.Postmark.Password = getenv("DIGEST_WEBHOOK_POSTMARK_PASSWORD")
	w.Mailgun.SigningKey = getenv("DIGEST_WEBHOOK_MAILGUN_SIGNING_KEY")
	if w.Postmark.User != "" && w.Postmark.Password == "" {
		return errors.New("environment: DIGEST_WEBHOOK_POSTMARK_PASSWORD: mail.bounces.webhooks.postmark.user is set, so the webhook's password must be too (the one in the webhook URL you give Postmark)")
	}
	if w.Mailgun.Enabled && w.Mailgun.SigningKey == "" {
		return errors.New("environment: DIGEST_WEBHOOK_MAILGUN_SIGNING_KEY: mail.bounces.webhooks.mailgun is enabled, so its HTTP webhook signing key (Mailgun's Webhooks page) must be set")
	}
	return nil
}

// topicARN is an SNS topic's ARN, in any partition.
var topicARN = lazyre.New(`^arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]{1,256}$`)

// validate checks the webhooks' file settings.
func (w BounceWebhooks) validate() []problem {
	var ps []problem
	if a := w.SES.TopicARN; a != "" && !topicARN.MatchString(a) {
		ps = append(ps, problem{"mail.bounces.webhooks.ses.topic_arn",
			fmt.Sprintf("%q is not an SNS topic ARN, such as arn:aws:sns:us-east-1:123456789012:ses-bounces", a)})
	}
	if k := strings.TrimSpace(w.SendGrid.PublicKey); k != "" {
		der, err := base64.StdEncoding.DecodeString(k)
		pub, perr := x509.ParsePKIXPublicKey(der)
		if _, ok := pub.(*ecdsa.PublicKey); err != nil || perr != nil || !ok {
			ps = append(ps, problem{"mail.bounces.webhooks.sendgrid.public_key",
				"must be the verification key SendGrid shows under Mail Settings, Event Webhook (base64, starting MFkw)"})
		}
	}
	return ps
}
