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

// subscribers show prints a subscriber's bounce reports; reinstate puts
// a bounced address back and refuses anyone else (one who unsubscribed
// or complained comes back only by their own sign-up).
func TestSubscribersShowAndReinstate(t *testing.T) {
	data := t.TempDir()
	csv := filepath.Join(t.TempDir(), "subs.csv")
	os.WriteFile(csv, []byte("address,name,status\nada@example.net,Ada,bounced\nbob@example.net,Bob,unsubscribed\n"), 0o600)
	if code, _, errs := run(t, "subscribers", "import", csv, "--data-dir", data); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"show", "ada@example.net"}, 0, "bounced since"},
		{[]string{"show", "ada@example.net"}, 0, "no bounce reports"},
		{[]string{"reinstate", "bob@example.net"}, 1, "only a bounced address can be reinstated"},
		{[]string{"reinstate", "ada@example.net"}, 0, "reinstated ada@example.net"},
		{[]string{"list", "--status", "active"}, 0, "ada@example.net"},
		{[]string{"reinstate", "ada@example.net"}, 1, "is active, not bounced"},
	}
	for _, tt := range tests {
		code, out, errs := run(t, append(append([]string{"subscribers"}, tt.args...), "--data-dir", data)...)
		got := out
		if code != 0 {
			got = errs
		}
		if code != tt.code || !strings.Contains(got, tt.want) {
			t.Errorf("%v: exit %d, want %d; want %q in:\nstdout: %s\nstderr: %s", tt.args, code, tt.code, tt.want, out, errs)
		}
	}
}

// A mailbox that cannot be read reports no counts before its error: "0
// read" followed by "no such file" would contradict itself.
func TestBouncesMissingMailbox(t *testing.T) {
	code, out, errs := run(t, "bounces", "--mbox", "no-such-mbox", "--data-dir", t.TempDir())
	if code != 1 || out != "" || !strings.Contains(errs, "there is no file no-such-mbox") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
}
