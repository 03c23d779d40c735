package desktest

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Message is one message the fixture's outbox received, decoded.
type Message struct {
	To, Subject string
	// Body is every text part, decoded (quoted-printable undone) and
	// joined: what a reader reads, HTML and plain text alike.
	Body string
	Raw  []byte
}

// Messages reads the outbox, oldest first.
func (f *Fixture) Messages(t testing.TB) []Message {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(f.Outbox, "*.eml"))
	sort.Slice(files, func(i, j int) bool {
		a, _ := os.Stat(files[i])
		b, _ := os.Stat(files[j])
		return a.ModTime().Before(b.ModTime())
	})
	var out []Message
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Decode(t, raw))
	}
	return out
}

// Decode parses a message and decodes its text parts.
func Decode(t testing.TB, raw []byte) Message {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	to, _ := mail.ParseAddress(msg.Header.Get("To"))
	out := Message{Subject: subject, Raw: raw}
	if to != nil {
		out.To = to.Address
	}
	var body strings.Builder
	var walk func(contentType string, r io.Reader)
	walk = func(contentType string, r io.Reader) {
		mt, params, err := mime.ParseMediaType(contentType)
		if err != nil {
			t.Fatalf("content type %q: %v", contentType, err)
		}
		if !strings.HasPrefix(mt, "multipart/") {
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			body.Write(b)
			return
		}
		mr := multipart.NewReader(r, params["boundary"])
		for {
			p, err := mr.NextPart() // undoes quoted-printable
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			walk(p.Header.Get("Content-Type"), p)
		}
	}
	walk(msg.Header.Get("Content-Type"), msg.Body)
	out.Body = body.String()
	return out
}
