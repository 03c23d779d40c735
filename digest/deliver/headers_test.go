package deliver

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"mime"
	"mime/multipart"
	"net/mail"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
)

// The bytes the server received, parsed as a mail client would: MIME
// structure, one of each header, Message-ID form, line lengths, the
// List-Unsubscribe pair and a DKIM signature that verifies.
func TestReceivedMessages(t *testing.T) {
	r := newRig(t, 3, smtptest.Options{}, nil)
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	c, err := compose.New(compose.Options{From: "Digest <digest@example.org>", ListID: "digest.example.org",
		PublicURL: "https://digest.example.org", Secret: []byte(strings.Repeat("k", 32)),
		DKIM: &compose.DKIM{Domain: "example.org", Selector: "d1", Signer: key}})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("word ", 600) // a 3,000-character line in the source
	ed := &digest.Rendition{Subject: "Japan–NATO Brief, 21 November",
		MailHTML: []byte(`<p>` + long + `</p><a href="` + compose.Placeholder + `">Unsubscribe</a>`),
		MailText: []byte(long + "\r\nUnsubscribe: " + compose.Placeholder + "\r\n")}
	date := time.Now()
	r.comp = composerFunc(func(s digest.Subscriber) (*digest.Message, error) { return c.Compose("ed1", ed, date, s) })
	r.send(t)

	record := "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))
	msgID := regexp.MustCompile(`^<digest\.ed1\.[0-9a-f]{32}@example\.org>$`)
	got := r.server.Messages()
	if len(got) != 3 {
		t.Fatalf("%d messages received", len(got))
	}
	for _, m := range got {
		for i, line := range bytes.Split(m.Data, []byte("\r\n")) {
			if len(line) > 998 {
				t.Errorf("line %d is %d bytes", i+1, len(line))
			}
		}
		head, _, _ := bytes.Cut(m.Data, []byte("\r\n\r\n"))
		counts := map[string]int{}
		for _, line := range strings.Split(string(head), "\r\n") {
			if name, _, ok := strings.Cut(line, ":"); ok && line[0] != ' ' && line[0] != '\t' {
				counts[strings.ToLower(name)]++
			}
		}
		for name, n := range counts {
			if n != 1 {
				t.Errorf("header %s appears %d times", name, n)
			}
		}
		msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			t.Fatal(err)
		}
		h := msg.Header
		if !msgID.MatchString(h.Get("Message-ID")) {
			t.Errorf("Message-ID %q", h.Get("Message-ID"))
		}
		to, _ := mail.ParseAddress(h.Get("To"))
		if to == nil || to.Address != m.To[0] {
			t.Errorf("To %q for envelope %v", h.Get("To"), m.To)
		}
		unsub := h.Get("List-Unsubscribe")
		if !regexp.MustCompile(`^<https://digest\.example\.org/unsubscribe\?s=[0-9a-f]{32}&t=[\w-]+>$`).MatchString(unsub) {
			t.Errorf("List-Unsubscribe %q", unsub)
		}
		if h.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
			t.Errorf("List-Unsubscribe-Post %q", h.Get("List-Unsubscribe-Post"))
		}
		mediaType, params, err := mime.ParseMediaType(h.Get("Content-Type"))
		if err != nil || mediaType != "multipart/alternative" {
			t.Fatalf("Content-Type %q: %v", h.Get("Content-Type"), err)
		}
		mr := multipart.NewReader(msg.Body, params["boundary"])
		var types []string
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
			types = append(types, ct)
		}
		if strings.Join(types, ",") != "text/plain,text/html" {
			t.Errorf("parts %v, want text then HTML", types)
		}
		verifications, err := dkim.VerifyWithOptions(bytes.NewReader(m.Data), &dkim.VerifyOptions{
			LookupTXT: func(name string) ([]string, error) {
				if name != "d1._domainkey.example.org" {
					return nil, fmt.Errorf("no record for %s", name)
				}
				return []string{record}, nil
			}})
		if err != nil || len(verifications) != 1 || verifications[0].Err != nil {
			t.Fatalf("DKIM: %v %+v", err, verifications)
		}
		signed := strings.ToLower(strings.Join(verifications[0].HeaderKeys, ":"))
		if !strings.Contains(signed, "list-unsubscribe") || !strings.Contains(signed, "list-unsubscribe-post") {
			t.Errorf("DKIM does not cover the List-Unsubscribe pair: %s", signed)
		}
	}
}
