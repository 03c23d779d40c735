package bounces

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/mail"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/verp"
	"github.com/emersion/go-msgauth/dkim"
)

// signedComposer gives the one DKIM-signed message it holds, as the
// edition's composer does with mail.dkim set; the same bytes each time, so
// a test can tell what Envelope added.
type signedComposer struct{ data []byte }

func newSignedComposer(t *testing.T, key ed25519.PrivateKey, to string) signedComposer {
	raw := "From: Digest <digest@news.example>\r\nTo: " + to + "\r\nSubject: No. 4\r\nMessage-ID: <m4@news.example>\r\n\r\nHello.\r\n"
	var out bytes.Buffer
	if err := dkim.Sign(&out, strings.NewReader(raw), &dkim.SignOptions{Domain: "news.example", Selector: "s1", Signer: key}); err != nil {
		t.Fatal(err)
	}
	return signedComposer{out.Bytes()}
}

func (c signedComposer) Compose(sub digest.Subscriber) (*digest.Message, error) {
	return &digest.Message{ID: "m4@news.example", From: "digest@news.example", To: sub.Address, Data: bytes.Clone(c.data)}, nil
}

// Each provider's header carries the delivery's token, which reads back
// to the delivery; the DKIM signature made before the headers were added
// still verifies; and with no provider the message is as composed.
func TestMetadataHeaders(t *testing.T) {
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	record := "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))
	sub := digest.Subscriber{ID: 3, PublicID: strings.Repeat("ab", 16), Address: "ada@example.net"}
	signer := verp.Signer{Prefix: "bounces", Domain: "b.news.example", Key: Key([]byte("0123456789abcdef0123456789abcdef"))}
	composer := newSignedComposer(t, key, sub.Address)

	plain, err := Envelope{Composer: composer, Tokens: Tokens{Signer: signer}, Issue: 4}.Compose(sub)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain.Data, composer.data) {
		t.Errorf("with no provider on, the message changed:\n%s", plain.Data)
	}

	tokens := Tokens{Signer: signer, Metadata: []Provider{Mailgun, Postmark, SendGrid}}
	msg, err := Envelope{Composer: composer, Tokens: tokens, Issue: 4}.Compose(sub)
	if err != nil {
		t.Fatal(err)
	}
	m, err := mail.ReadMessage(bytes.NewReader(msg.Data))
	if err != nil {
		t.Fatal(err)
	}
	var sg struct {
		Args map[string]string `json:"unique_args"`
	}
	var mg map[string]string
	if err := json.Unmarshal([]byte(m.Header.Get("X-SMTPAPI")), &sg); err != nil {
		t.Errorf("X-SMTPAPI: %v", err)
	}
	if err := json.Unmarshal([]byte(m.Header.Get("X-Mailgun-Variables")), &mg); err != nil {
		t.Errorf("X-Mailgun-Variables: %v", err)
	}
	want := RefOf(4, sub)
	for provider, tok := range map[Provider]string{Postmark: m.Header.Get("X-PM-Metadata-digest_token"), SendGrid: sg.Args["digest_token"], Mailgun: mg["digest_token"]} {
		if got, err := tokens.Decode(tok); err != nil || got != want {
			t.Errorf("%s token %q reads as %+v, %v; want %+v", provider, tok, got, err, want)
		}
	}
	vs, err := dkim.VerifyWithOptions(bytes.NewReader(msg.Data), &dkim.VerifyOptions{
		LookupTXT: func(string) ([]string, error) { return []string{record}, nil },
	})
	if err != nil || len(vs) != 1 || vs[0].Err != nil {
		t.Errorf("DKIM after the headers were added: %+v, %v", vs, err)
	}
	if lines := bytes.SplitN(msg.Data, []byte("\r\n"), 4); len(lines) < 4 || !bytes.Equal(lines[3], composer.data) {
		t.Errorf("the composed message does not follow the three added lines as it was:\n%s", msg.Data)
	}
}
