package config

import (
	"fmt"
	"time"
)

// Secrets are the settings that come only from the environment, never
// from a file: a file is copied, committed and backed up.
type Secrets struct {
	// UnsubscribeKey keys the unsubscribe links
	// (DIGEST_UNSUBSCRIBE_SECRET); empty: one kept in the database.
	UnsubscribeKey string
	// PreviewToken, PreviewUser and PreviewPassword guard the editors'
	// pages (DIGEST_PREVIEW_TOKEN, DIGEST_PREVIEW_USER,
	// DIGEST_PREVIEW_PASSWORD).
	PreviewToken    string
	PreviewUser     string
	PreviewPassword string
}

// ApplyEnv lays the environment's settings over the file's. It is the one
// place the digest reads its environment: DIGEST_DATABASE_URL,
// DIGEST_TEST_LEASE, DIGEST_SMTP_ADDR, DIGEST_SMTP_TLS, DIGEST_SMTP_USER,
// DIGEST_SMTP_PASSWORD, DIGEST_UNSUBSCRIBE_SECRET, the DIGEST_PREVIEW_
// credentials and the webhooks' DIGEST_WEBHOOK_ secrets. getenv is the
// process's (main passes os.Getenv down) or a
// test's. It validates what it changed.
func (c *Config) ApplyEnv(getenv func(string) string) error {
	if v := getenv("DIGEST_DATABASE_URL"); v != "" {
		if problems := validateDatabaseURL(v, true); len(problems) > 0 {
			return fmt.Errorf("environment: DIGEST_DATABASE_URL: %s", problems[0].msg)
		}
		c.Database.URL = v
	}
	if v := getenv("DIGEST_TEST_LEASE"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 100*time.Millisecond {
			return fmt.Errorf("environment: DIGEST_TEST_LEASE: %q is not a duration of at least 100ms", v)
		}
		c.Database.Lease = d
	}
	if v := getenv("DIGEST_SMTP_ADDR"); v != "" {
		c.SMTP.Addr = v
	}
	if v := getenv("DIGEST_SMTP_TLS"); v != "" {
		c.SMTP.TLS = v
	}
	if v := getenv("DIGEST_SMTP_USER"); v != "" {
		c.SMTP.User = v
	}
	c.SMTP.Password = getenv("DIGEST_SMTP_PASSWORD")
	c.Mail.Bounces.IMAP.Password = getenv("DIGEST_BOUNCES_IMAP_PASSWORD")
	c.Mail.Bounces.POP3.Password = getenv("DIGEST_BOUNCES_POP3_PASSWORD")
	c.Secrets = Secrets{UnsubscribeKey: getenv("DIGEST_UNSUBSCRIBE_SECRET"), PreviewToken: getenv("DIGEST_PREVIEW_TOKEN"),
		PreviewUser: getenv("DIGEST_PREVIEW_USER"), PreviewPassword: getenv("DIGEST_PREVIEW_PASSWORD")}
	if problems := c.validateSMTP(); len(problems) > 0 {
		return fmt.Errorf("environment: %s: %s", problems[0].field, problems[0].msg)
	}
	if err := c.applyWebhookEnv(getenv); err != nil {
		return err
	}
	return nil
}
