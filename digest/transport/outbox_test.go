package transport

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

func TestOutboxWritesOneFilePerMessage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "outbox") // NewOutbox creates it
	box, err := NewOutbox(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer box.Close()
	msgs := []*digest.Message{
		{ID: "a1@digest.example", To: "a@example.com", Data: []byte("Subject: one\r\n\r\nfirst\r\n")},
		{ID: "20250301.b2/x@digest.example", To: "b@example.com", Data: []byte("Subject: two\r\n\r\nsecond\r\n")},
		{ID: "<c3@digest.example>", To: "c@example.com", Data: []byte{}},
	}
	for _, m := range msgs {
		if err := box.Send(context.Background(), m); err != nil {
			t.Fatalf("Send %s: %v", m.ID, err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(msgs) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("outbox holds %v, want exactly %d .eml files and no temporary ones", names, len(msgs))
	}
	for _, m := range msgs {
		got, err := os.ReadFile(filepath.Join(dir, FileName(m.ID)))
		if err != nil {
			t.Fatalf("read %s: %v", m.ID, err)
		}
		if string(got) != string(m.Data) {
			t.Errorf("%s holds %q, want %q", m.ID, got, m.Data)
		}
	}
}

func TestOutboxSendIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	box, err := NewOutbox(dir)
	if err != nil {
		t.Fatal(err)
	}
	msg := &digest.Message{ID: "same@digest.example", Data: []byte("Subject: draft\r\n\r\nold and longer body\r\n")}
	if err := box.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	msg.Data = []byte("Subject: final\r\n\r\nnew\r\n")
	if err := box.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("outbox holds %d files after sending one ID twice, want 1", len(entries))
	}
	got, _ := os.ReadFile(filepath.Join(dir, entries[0].Name()))
	if string(got) != string(msg.Data) {
		t.Errorf("file holds %q, want the second version %q", got, msg.Data)
	}
}

func TestOutboxRefuses(t *testing.T) {
	box, err := NewOutbox(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var sendErr *digest.SendError
	if err := box.Send(context.Background(), &digest.Message{Data: []byte("x")}); !errors.As(err, &sendErr) || sendErr.Temporary {
		t.Errorf("message without ID: %v, want a permanent SendError", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := box.Send(ctx, &digest.Message{ID: "x@y", Data: []byte("x")}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
	if _, err := NewOutbox(""); err == nil {
		t.Error("NewOutbox accepted an empty directory")
	}
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewOutbox(notDir); err == nil {
		t.Error("NewOutbox accepted a regular file")
	}
}

func TestFileName(t *testing.T) {
	tests := []struct {
		id, want string
	}{
		{"abc123@digest.example", "abc123@digest.example.eml"},
		{"a/b@x", "a%2Fb@x.eml"},
		{"<a@x>", "%3Ca@x%3E.eml"},
		{"..", "%2E..eml"},
		{".hidden@x", "%2Ehidden@x.eml"},
		{`a\b:c*d?e"f|g`, "a%5Cb%3Ac%2Ad%3Fe%22f%7Cg.eml"},
		{"50%@x", "50%25@x.eml"},
		{"é@x", "%C3%A9@x.eml"},
		{"a b\x00c", "a%20b%00c.eml"},
	}
	for _, tt := range tests {
		if got := FileName(tt.id); got != tt.want {
			t.Errorf("FileName(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestFileNameLongAndDistinct(t *testing.T) {
	long := strings.Repeat("x", 300) + "@digest.example"
	ids := []string{
		"a/b", "a_b", "a%2Fb", "a.b", "a%2Eb",
		long, long + "2", strings.Repeat("/", 150), strings.Repeat("/", 151),
		strings.Repeat("x", 199), strings.Repeat("x", 200), strings.Repeat("x", 201),
	}
	seen := map[string]string{}
	for _, id := range ids {
		name := FileName(id)
		if len(name) > 255 {
			t.Errorf("FileName(%.20q...) is %d bytes long", id, len(name))
		}
		if strings.ContainsAny(name, `/\<>:"|?*`) || strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".eml") {
			t.Errorf("FileName(%.20q...) = %q is not a safe name", id, name)
		}
		if other, dup := seen[name]; dup {
			t.Errorf("IDs %.20q and %.20q share the file %q", id, other, name)
		}
		seen[name] = id
	}
}
