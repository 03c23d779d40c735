package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/testkit/pgtest"
)

// A database URL's secrets never show, wherever the URL carries them (the
// user info, ?password=, ?sslpassword=) and wherever digest names the
// database: digest status, its -v log, a connection error.
func TestDatabaseSecretsNeverShown(t *testing.T) {
	const pw, keyPW = "s3cret-in-url", "k3y-pass-in-url"
	status := func(t *testing.T, url string) (string, error) {
		t.Helper()
		cmd := exec.Command(binary, "status", "-v", "--data-dir", t.TempDir())
		cmd.Env = append(os.Environ(), "DIGEST_DATABASE_URL="+url)
		out, err := cmd.CombinedOutput()
		for _, secret := range []string{pw, keyPW} {
			if strings.Contains(string(out), secret) {
				t.Errorf("digest status shows a secret of the database URL:\n%s", out)
			}
		}
		return string(out), err
	}
	t.Run("status and its log", func(t *testing.T) {
		out, err := status(t, pgtest.URL(t)+"&password="+pw+"&sslpassword="+keyPW)
		if err != nil {
			t.Fatalf("digest status: %v\n%s", err, out)
		}
		if !strings.Contains(out, "instances alive on postgres://") || !strings.Contains(out, "url=") ||
			!strings.Contains(out, "password=xxxxx&sslpassword=xxxxx") {
			t.Errorf("digest status and its log do not name the database, redacted:\n%s", out)
		}
	})
	for name, url := range map[string]string{
		"in the query":     "postgres://digest@127.0.0.1:1/digest?connect_timeout=2&password=" + pw + "&sslpassword=" + keyPW,
		"in the user info": "postgres://digest:" + pw + "@127.0.0.1:1/digest?connect_timeout=2&sslpassword=" + keyPW,
		"a bad URL":        "postgres://digest@127.0.0.1:1/digest?password=" + pw + "&sslmode=nonsense",
	} {
		t.Run("connection error, "+name, func(t *testing.T) {
			out, err := status(t, url)
			if err == nil || !strings.Contains(out, "127.0.0.1") {
				t.Errorf("digest status on a server that is not there: %v, and the error does not name it:\n%s", err, out)
			}
		})
	}
}
