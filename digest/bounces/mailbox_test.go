package bounces

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An mbox is split at its "From " lines, those at the start or after a
// blank line; mboxrd's ">From " is unquoted; the From line itself is not
// part of the message, so the same message has the same source key in
// any mailbox.
func TestMbox(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"two messages", "From a@b Mon Dec  7 00:00:00 2026\nSubject: one\n\nbody\n\nFrom c@d Mon Dec  7 00:00:01 2026\nSubject: two\n\nbody 2\n",
			[]string{"Subject: one\n\nbody\n\n", "Subject: two\n\nbody 2\n"}},
		{"quoted From in a body", "From a@b Mon Dec  7 00:00:00 2026\nSubject: one\n\n>From here on\n>>From there\n",
			[]string{"Subject: one\n\nFrom here on\n>From there\n"}},
		{"From inside a paragraph is not a separator", "From a@b x\nSubject: one\n\nline\nFrom here\n",
			[]string{"Subject: one\n\nline\nFrom here\n"}},
		{"no From line: one message", "Subject: bare\n\nbody\n", []string{"Subject: bare\n\nbody\n"}},
		{"CRLF", "From a@b x\r\nSubject: one\r\n\r\nbody\r\n\r\nFrom c@d y\r\nSubject: two\r\n\r\nb\r\n",
			[]string{"Subject: one\r\n\r\nbody\r\n\r\n", "Subject: two\r\n\r\nb\r\n"}},
		{"empty file", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "mbox")
			os.WriteFile(path, []byte(tt.file), 0o600)
			var got []string
			err := Mbox{Path: path}.Each(context.Background(), func(m Message) (bool, error) {
				got = append(got, string(m.Raw))
				return false, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("messages %q, want %q", got, tt.want)
			}
		})
	}
}

// A Maildir's new and cur messages are read in name order; tmp (being
// written) and dot files are not; nothing is moved.
func TestMaildir(t *testing.T) {
	dir := t.TempDir()
	for path, body := range map[string]string{"new/2": "b", "cur/1:2,S": "a", "tmp/3": "partial", "new/.hidden": "x"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(path)), 0o700)
		os.WriteFile(filepath.Join(dir, path), []byte(body), 0o600)
	}
	var got []string
	if err := (Maildir{Dir: dir}).Each(context.Background(), func(m Message) (bool, error) {
		got = append(got, string(m.Raw))
		return false, nil
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != "a,b" {
		t.Errorf("read %q, want a (cur/1) then b (new/2)", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "new", "2")); err != nil {
		t.Errorf("a message was moved: %v", err)
	}
}
