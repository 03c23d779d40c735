package config

import (
	"strings"
	"testing"
)

// A POP3 bounce mailbox is checked field by field, each error naming
// its field and line; a good one gets its port from its TLS mode and its
// password from the environment alone.
func TestBouncePOP3(t *testing.T) {
	bad := []struct {
		name, yaml string
		want       []string
	}{
		{"tls mode", "mail:\n  bounces:\n    pop3:\n      host: pop.example.org\n      user: b\n      tls: ssl\n",
			[]string{"line 6", "mail.bounces.pop3.tls", "tls, starttls or none"}},
		{"plaintext to a remote host", "mail:\n  bounces:\n    pop3:\n      host: pop.example.org\n      user: b\n      tls: none\n",
			[]string{"line 6", "mail.bounces.pop3.tls", "loopback"}},
		{"plaintext to localhost by name", "mail:\n  bounces:\n    pop3:\n      host: localhost\n      user: b\n      tls: none\n",
			[]string{"mail.bounces.pop3.tls", "loopback"}},
		{"no user", "mail:\n  bounces:\n    pop3:\n      host: pop.example.org\n", []string{"line 4", "mail.bounces.pop3.user"}},
		{"bad host", "mail:\n  bounces:\n    pop3:\n      host: \"pop example\"\n      user: b\n", []string{"line 4", "mail.bounces.pop3.host"}},
		{"port", "mail:\n  bounces:\n    pop3:\n      host: pop.example.org\n      user: b\n      port: 70000\n", []string{"line 6", "mail.bounces.pop3.port"}},
		{"short memory", "mail:\n  bounces:\n    pop3:\n      host: pop.example.org\n      user: b\n      forget_after: 1h\n",
			[]string{"line 6", "mail.bounces.pop3.forget_after"}},
		{"both mailboxes", "mail:\n  bounces:\n    imap:\n      addr: imap.example.org:993\n    pop3:\n      host: pop.example.org\n      user: b\n",
			[]string{"mail.bounces.pop3.host", "not both"}},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(write(t, tt.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}

	c, err := Load(write(t, "mail:\n  bounces:\n    pop3:\n      host: 127.0.0.1\n      user: b\n      tls: none\n      delete_processed: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := c.Mail.Bounces.POP3
	if p.Addr() != "127.0.0.1:110" || !p.DeleteProcessed || p.Every <= 0 || p.ForgetAfter <= 0 {
		t.Errorf("loaded %+v (addr %s)", p, p.Addr())
	}
	if err := c.ApplyEnv(func(k string) string { return map[string]string{"DIGEST_BOUNCES_POP3_PASSWORD": "pw"}[k] }); err != nil || c.Mail.Bounces.POP3.Password != "pw" {
		t.Errorf("password from the environment: %q, %v", c.Mail.Bounces.POP3.Password, err)
	}
	if a := (BouncePOP3{Host: "pop.example.org", TLS: "tls"}).Addr(); a != "pop.example.org:995" {
		t.Errorf("tls default port: %s", a)
	}
}
