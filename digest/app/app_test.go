package app_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/app"
	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
)

// open opens an App on a config of the given lines, sending to server.
func open(t *testing.T, server *smtptest.Server, lines string) (*app.App, *bytes.Buffer) {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "digest.yaml")
	os.WriteFile(cfg, []byte("data_dir: "+dir+"\nsubscribers: []\n"+lines), 0o600)
	var logs bytes.Buffer
	a, err := app.Open(context.Background(), app.Options{ConfigPath: cfg,
		Log: slog.New(slog.NewTextHandler(&logs, nil)),
		Getenv: func(k string) string {
			return map[string]string{"DIGEST_SMTP_ADDR": server.Addr, "DIGEST_SMTP_TLS": "off"}[k]
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a, &logs
}

// sendTest builds an edition and sends a test copy of it.
func sendTest(t *testing.T, a *app.App) {
	t.Helper()
	ctx := context.Background()
	res, err := a.Builder.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Desk.SendTest(ctx, res.Edition.ID, "ada@example.net"); err != nil {
		t.Fatal(err)
	}
}

// The EHLO name is the configured one, else never "localhost": the host's
// full name or the From domain. Sending by SMTP without DKIM or a postal
// address is warned about; with them, it is not, and the footer shows the
// address.
func TestSMTPDeliverability(t *testing.T) {
	t.Run("defaults", func(t *testing.T) {
		server := smtptest.NewServer(t, smtptest.Options{})
		a, logs := open(t, server, "")
		sendTest(t, a)
		helo := server.Messages()[0].Helo
		host, _ := os.Hostname()
		if helo == "localhost" || helo != host && helo != "example.org" {
			t.Errorf("EHLO %q, want the host's full name or the From domain example.org", helo)
		}
		for _, w := range []string{"without DKIM", "without mail.postal_address"} {
			if !strings.Contains(logs.String(), w) {
				t.Errorf("no warning %q in:\n%s", w, logs)
			}
		}
	})
	t.Run("configured", func(t *testing.T) {
		dir := t.TempDir()
		_, key, _ := ed25519.GenerateKey(rand.Reader)
		der, _ := x509.MarshalPKCS8PrivateKey(key)
		keyFile := filepath.Join(dir, "ed.pem")
		os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
		server := smtptest.NewServer(t, smtptest.Options{})
		a, logs := open(t, server, "smtp:\n  helo_name: mail.example.org\nmail:\n  postal_address: \"1 Harbour Road, Yokohama, Japan\"\n"+
			"  dkim:\n    selector: ed\n    key_file: "+keyFile+"\n")
		sendTest(t, a)
		msg := server.Messages()[0]
		if msg.Helo != "mail.example.org" {
			t.Errorf("EHLO %q, want mail.example.org", msg.Helo)
		}
		if strings.Contains(logs.String(), "level=WARN") {
			t.Errorf("warnings with DKIM and a postal address:\n%s", logs)
		}
		if !bytes.Contains(msg.Data, []byte("1 Harbour Road, Yokohama, Japan")) || !bytes.HasPrefix(msg.Data, []byte("DKIM-Signature:")) {
			t.Errorf("message lacks the postal address or the signature:\n%.400s", msg.Data)
		}
	})
}

// A schedule that fires more than once an hour is taken, with a warning:
// every slot with news would mail the list.
func TestFrequentScheduleWarned(t *testing.T) {
	for spec, warned := range map[string]bool{"* * * * *": true, "*/30 * * * *": true, "0 7 * * 1": false} {
		server := smtptest.NewServer(t, smtptest.Options{})
		words := ""
		if warned { // a busy schedule says in words when editions come
			words = "brand:\n  cadence: all the time\n"
		}
		a, logs := open(t, server, "schedule:\n  spec: \""+spec+"\"\n"+words)
		if _, err := a.Runner(); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(logs.String(), "more than once an hour"); got != warned {
			t.Errorf("%q: warned %v, want %v:\n%s", spec, got, warned, logs)
		}
	}
}

// DIGEST_UNSUBSCRIBE_SECRET is checked where it is read: a key too short
// is refused with the variable's name and how to make a good one, never
// repeating it; a long enough one keys the links.
func TestUnsubscribeSecretFromEnvironment(t *testing.T) {
	tests := []struct {
		name, secret string
		want         string // in the error; "" for none
	}{
		{"one byte", "a", "DIGEST_UNSUBSCRIBE_SECRET: need at least 32 bytes, got 1"},
		{"one byte short", strings.Repeat("q", 31), "openssl rand -base64 32"},
		{"long enough", strings.Repeat("q", 32), ""},
		{"unset: the database keeps one", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := filepath.Join(dir, "digest.yaml")
			os.WriteFile(cfg, []byte("data_dir: "+dir+"\nsubscribers: []\n"), 0o600)
			a, err := app.Open(context.Background(), app.Options{ConfigPath: cfg,
				Getenv: func(k string) string { return map[string]string{"DIGEST_UNSUBSCRIBE_SECRET": tt.secret}[k] }})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				defer a.Close()
				if len(a.Secret) < 32 || tt.secret != "" && string(a.Secret) != tt.secret {
					t.Errorf("the links' key is %d bytes, not the one given", len(a.Secret))
				}
				return
			}
			if err == nil {
				a.Close()
				t.Fatal("a short key was taken")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
			if len(tt.secret) > 1 && strings.Contains(err.Error(), tt.secret) { // one byte is in any text
				t.Errorf("error %q repeats the key", err)
			}
		})
	}
}
