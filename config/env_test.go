package config

import (
	"testing"
	"time"
)

// TestSMTPDefaults pins the relay settings the transport takes from the
// config: the embedded file is their only home.
func TestSMTPDefaults(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	s := c.SMTP
	if s.TLS != "starttls" || s.Connections != 4 || s.MaxPerConnection != 100 || s.DialTimeout != 10*time.Second ||
		s.CommandTimeout != 60*time.Second || s.IdleTimeout != 30*time.Second {
		t.Errorf("smtp defaults = %+v", s)
	}
}

// TestSecretsFromEnvironment: the secrets come from the environment
// only, through ApplyEnv.
func TestSecretsFromEnvironment(t *testing.T) {
	c, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if c.Secrets != (Secrets{}) {
		t.Fatalf("secrets before ApplyEnv = %+v", c.Secrets)
	}
	env := map[string]string{"DIGEST_UNSUBSCRIBE_SECRET": "u", "DIGEST_PREVIEW_TOKEN": "t",
		"DIGEST_PREVIEW_USER": "editor", "DIGEST_PREVIEW_PASSWORD": "p"}
	if err := c.ApplyEnv(func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	want := Secrets{UnsubscribeKey: "u", PreviewToken: "t", PreviewUser: "editor", PreviewPassword: "p"}
	if c.Secrets != want {
		t.Errorf("secrets = %+v, want %+v", c.Secrets, want)
	}
}
