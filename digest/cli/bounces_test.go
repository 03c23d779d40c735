package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// digest bounces reads the mailbox it is given and says what it found;
// two mailboxes at once are a usage mistake; with neither and no IMAP
// configured it says how to configure one.
func TestBouncesCommand(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "bounce", "testdata", "dsn-postfix.eml"))
	if err != nil {
		t.Fatal(err)
	}
	maildir := t.TempDir()
	for _, sub := range []string{"new", "cur"} {
		os.MkdirAll(filepath.Join(maildir, sub), 0o700)
	}
	os.WriteFile(filepath.Join(maildir, "new", "1"), raw, 0o600)
	mbox := filepath.Join(t.TempDir(), "mbox")
	os.WriteFile(mbox, append([]byte("From MAILER-DAEMON Mon Dec  7 00:00:00 2026\n"), raw...), 0o600)

	data := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string // in stdout, or stderr when the exit is not 0
	}{
		{"mbox", []string{"--mbox", mbox}, 0, "1 read: 1 hard bounces"},
		{"the same message from a maildir counts once", []string{"--maildir", maildir}, 0, "1 read before"},
		{"both", []string{"--mbox", mbox, "--maildir", maildir}, 2, "one mailbox at a time"},
		{"neither, no imap", nil, 1, "mail.bounces.imap.addr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, append([]string{"bounces", "--data-dir", data}, tt.args...)...)
			got := out
			if code != 0 {
				got = errs
			}
			if code != tt.code || !strings.Contains(got, tt.want) {
				t.Errorf("exit %d, want %d; want %q in:\nstdout: %s\nstderr: %s", code, tt.code, tt.want, out, errs)
			}
		})
	}
}
