package config

import (
	"strings"
	"testing"
)

// The webhooks are off by default; a bad topic ARN or SendGrid key is
// refused naming its field; a webhook turned on without its secret is
// refused naming the variable; the secrets come from the environment.
func TestWebhookSettings(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	w := c.Mail.Bounces.Webhooks
	if w.SES.TopicARN != "" || w.Postmark.User != "" || w.SendGrid.PublicKey != "" || w.Mailgun.Enabled {
		t.Fatalf("a webhook is on by default: %+v", w)
	}
	for field, yaml := range map[string]string{
		"mail.bounces.webhooks.ses.topic_arn":       "ses:\n        topic_arn: \"https://sns.example/topic\"\n",
		"mail.bounces.webhooks.sendgrid.public_key": "sendgrid:\n        public_key: \"bm90IGEga2V5\"\n",
	} {
		_, err := Load(write(t, "mail:\n  bounces:\n    webhooks:\n      "+yaml))
		if err == nil || !strings.Contains(err.Error(), field) {
			t.Errorf("%s: err = %v, want one naming the field", field, err)
		}
	}
	c, err = Load(write(t, "mail:\n  bounces:\n    webhooks:\n      postmark:\n        user: pm\n      mailgun:\n        enabled: true\n"+
		"      ses:\n        topic_arn: arn:aws:sns:us-east-1:123456789012:ses-bounces\n"))
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DIGEST_WEBHOOK_MAILGUN_SIGNING_KEY": "mk"}
	if err := c.ApplyEnv(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "DIGEST_WEBHOOK_POSTMARK_PASSWORD") {
		t.Errorf("postmark without password: %v", err)
	}
	env["DIGEST_WEBHOOK_POSTMARK_PASSWORD"] = "pp"
	delete(env, "DIGEST_WEBHOOK_MAILGUN_SIGNING_KEY")
	if err := c.ApplyEnv(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "DIGEST_WEBHOOK_MAILGUN_SIGNING_KEY") {
		t.Errorf("mailgun without key: %v", err)
	}
	env["DIGEST_WEBHOOK_MAILGUN_SIGNING_KEY"] = "mk"
	if err := c.ApplyEnv(func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	if w := c.Mail.Bounces.Webhooks; w.Postmark.Password != "pp" || w.Mailgun.SigningKey != "mk" {
		t.Errorf("secrets not read: %+v", w)
	}
}
