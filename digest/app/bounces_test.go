package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/app"
	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
)

// With mail.bounces.verp_domain set, each delivery's MAIL FROM is its own
// signed VERP address, whose token decodes to that edition and that
// subscriber; the From header is the configured one, unchanged.
func TestVERPEnvelopeSender(t *testing.T) {
	server := smtptest.NewServer(t, smtptest.Options{})
	a := openSubscribed(t, server, "mail:\n  bounces:\n    verp_domain: bounce.example.org\n")
	ctx := context.Background()
	res, err := a.Builder.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Desk.Send(ctx, res.Edition.ID, nil); err != nil {
		t.Fatal(err)
	}
	msgs := server.Messages()
	if len(msgs) != 3 {
		t.Fatalf("%d messages, want 3", len(msgs))
	}
	tokens := a.VERP()
	seen := map[string]bool{}
	for _, m := range msgs {
		local, domain, _ := strings.Cut(m.From, "@")
		tok, ok := strings.CutPrefix(local, "bounces+")
		if !ok || domain != "bounce.example.org" {
			t.Fatalf("MAIL FROM %q, want bounces+TOKEN@bounce.example.org", m.From)
		}
		ref, err := tokens.Decode(tok)
		if err != nil {
			t.Fatalf("token of %q: %v", m.From, err)
		}
		sub, err := a.Store.SubscriberByPublicID(ctx, ref.PublicID)
		if err != nil {
			t.Fatalf("token of %q names no subscriber: %v", m.From, err)
		}
		if sub.Address != m.To[0] || ref.Issue != res.Edition.Issue {
			t.Errorf("token of the message to %s names %s, issue %d; want issue %d", m.To[0], sub.Address, ref.Issue, res.Edition.Issue)
		}
		seen[sub.Address] = true
		if !strings.Contains(string(m.Data), "From: \"Japan–NATO Security Brief\" <digest@example.org>") &&
			!strings.Contains(string(m.Data), "<digest@example.org>") {
			t.Errorf("From header changed:\n%.300s", m.Data)
		}
	}
	if len(seen) != 3 {
		t.Errorf("tokens name %v, want every subscriber", seen)
	}
}

// openSubscribed opens an App on a config of the given lines with two
// subscribers, ada@, bob@ and cy@example.net, sending to server.
func openSubscribed(t *testing.T, server *smtptest.Server, lines string) *app.App {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "digest.yaml")
	os.WriteFile(cfg, []byte("data_dir: "+dir+"\nsubscribers:\n  - address: ada@example.net\n  - address: bob@example.net\n  - address: cy@example.net\n"+lines), 0o600)
	a, err := app.Open(context.Background(), app.Options{ConfigPath: cfg,
		Getenv: func(k string) string {
			return map[string]string{"DIGEST_SMTP_ADDR": server.Addr, "DIGEST_SMTP_TLS": "off"}[k]
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}
