package compose

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// testSecret is a made-up 32-byte key.
func testSecret() []byte { return []byte("0123456789abcdef0123456789ABCDEF") }

func testOptions() Options {
	return Options{
		From:      "Harbour Lights Weekly <digest@example.org>",
		ReplyTo:   "Editors <editors@example.org>",
		ListID:    "Harbour Lights <harbour-lights.example.org>",
		PublicURL: "https://digest.example.org/",
		Secret:    testSecret(),
	}
}

func testEdition(t testing.TB) *testMail {
	t.Helper()
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	return &testMail{
		ID: "ed-2024-03-04",
		Rendition: digest.Rendition{
			Subject:  "Harbour Lights Weekly: keepers retire",
			MailHTML: read("edition.html"),
			MailText: read("edition.txt"),
		},
		Date: time.Date(2024, 3, 4, 7, 30, 0, 0, time.FixedZone("CET", 3600)),
	}
}

// testMail is what a test composes: an edition's id, its rendition and
// the date its messages bear, changed one at a time by the tests.
type testMail struct {
	ID   string
	Date time.Time
	digest.Rendition
}

func testSubscriber() digest.Subscriber {
	return digest.Subscriber{ID: 42, Address: "jane@example.com", Name: "Jane Doe", Status: digest.SubscriberActive}
}

func mustNew(t testing.TB, opts Options) *Composer {
	t.Helper()
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// tryCompose composes one message of ed.
func tryCompose(c *Composer, ed *testMail, sub digest.Subscriber) (*digest.Message, error) {
	return c.Compose(ed.ID, &ed.Rendition, ed.Date, sub)
}

func mustCompose(t testing.TB, c *Composer, ed *testMail, sub digest.Subscriber) *digest.Message {
	t.Helper()
	msg, err := tryCompose(c, ed, sub)
	if err != nil {
		t.Fatalf("Compose: %v", err)
	}
	return msg
}

// parsedPart is one decoded body part.
type parsedPart struct {
	mediaType string
	charset   string
	body      string
}

// parsedMessage is a composed message read back with the standard library
// only, the way a receiving client would.
type parsedMessage struct {
	header mail.Header
	parts  []parsedPart
}

func parseMessage(t *testing.T, data []byte) parsedMessage {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("read message: %v", err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("content type: %v", err)
	}
	if mediaType != "multipart/alternative" {
		t.Fatalf("content type %q, want multipart/alternative", mediaType)
	}
	out := parsedMessage{header: msg.Header}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("next part: %v", err)
		}
		pt, pp, err := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if err != nil {
			t.Fatalf("part content type: %v", err)
		}
		body, err := io.ReadAll(p) // multipart decodes quoted-printable
		if err != nil {
			t.Fatalf("read part: %v", err)
		}
		out.parts = append(out.parts, parsedPart{mediaType: pt, charset: pp["charset"], body: string(body)})
	}
	return out
}

// count says how many times a header field occurs.
func (m parsedMessage) count(name string) int {
	return len(m.header[textproto.CanonicalMIMEHeaderKey(name)])
}

// headerBlockOf returns the raw header block as sent, folds included.
func headerBlockOf(data []byte) string {
	end := bytes.Index(data, []byte("\r\n\r\n"))
	if end < 0 {
		return string(data)
	}
	return string(data[:end+2])
}

func decodeHeader(t *testing.T, value string) string {
	t.Helper()
	s, err := new(mime.WordDecoder).DecodeHeader(value)
	if err != nil {
		t.Fatalf("decode %q: %v", value, err)
	}
	return s
}

func replaceAll(b []byte, old, new string) []byte {
	return []byte(strings.ReplaceAll(string(b), old, new))
}
