package compose

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/emersion/go-msgauth/dkim"
)

// dkimRecord is the DNS TXT record publishing pub, as a domain owner
// would (RFC 6376 section 3.6.1, RFC 8463 for Ed25519).
func dkimRecord(t testing.TB, pub crypto.PublicKey) string {
	t.Helper()
	switch k := pub.(type) {
	case *rsa.PublicKey:
		der, err := x509.MarshalPKIXPublicKey(k)
		if err != nil {
			t.Fatal(err)
		}
		return "v=DKIM1; k=rsa; p=" + base64.StdEncoding.EncodeToString(der)
	case ed25519.PublicKey:
		return "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(k)
	}
	t.Fatalf("no record for %T", pub)
	return ""
}

// verify checks msg's DKIM signature against a stub DNS that knows only
// selector._domainkey.domain.
func verify(t *testing.T, data []byte, d *DKIM) (*dkim.Verification, error) {
	t.Helper()
	name := d.Selector + "._domainkey." + d.Domain
	record := dkimRecord(t, d.Signer.Public())
	verifications, err := dkim.VerifyWithOptions(bytes.NewReader(data), &dkim.VerifyOptions{
		LookupTXT: func(domain string) ([]string, error) {
			if domain != name {
				return nil, fmt.Errorf("no TXT record for %s", domain)
			}
			return []string{record}, nil
		},
	})
	if err != nil {
		return nil, err
	}
	if len(verifications) != 1 {
		t.Fatalf("%d signatures, want 1", len(verifications))
	}
	return verifications[0], nil
}

func testKeys(t testing.TB) map[string]crypto.Signer {
	t.Helper()
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	_, edKey, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]crypto.Signer{"rsa-2048": rsaKey, "ed25519": edKey}
}

func TestDKIMSignature(t *testing.T) {
	// Each tamper changes the signed message the way a forwarder or an
	// attacker might; every one must break the signature.
	tampers := []struct {
		name   string
		tamper func(data []byte) []byte
	}{
		{"untouched", nil},
		{"one body byte flipped", func(data []byte) []byte {
			i := bytes.Index(data, []byte("Three keepers"))
			data[i] = 't'
			return data
		}},
		{"list-unsubscribe changed", func(data []byte) []byte {
			return bytes.Replace(data, []byte("List-Unsubscribe: <https://digest.example.org/"),
				[]byte("List-Unsubscribe: <https://evil.example.net/"), 1)
		}},
		{"second from added", func(data []byte) []byte {
			return bytes.Replace(data, []byte("\r\nFrom: "), []byte("\r\nFrom: Mallory <m@example.net>\r\nFrom: "), 1)
		}},
		{"reply-to added", func(data []byte) []byte {
			return bytes.Replace(data, []byte("\r\nTo: "), []byte("\r\nReply-To: m@example.net\r\nTo: "), 1)
		}},
		{"subject changed", func(data []byte) []byte {
			return bytes.Replace(data, []byte("Subject: Harbour"), []byte("Subject: Harbor"), 1)
		}},
	}
	for keyName, key := range testKeys(t) {
		for _, replyTo := range []string{"", "Editors <editors@example.org>"} {
			opts := testOptions()
			opts.ReplyTo = replyTo
			opts.DKIM = &DKIM{Domain: "example.org", Selector: "d2024", Signer: key}
			c := mustNew(t, opts)
			msg := mustCompose(t, c, testEdition(t), testSubscriber())
			for _, tt := range tampers {
				t.Run(fmt.Sprintf("%s/reply-to=%t/%s", keyName, replyTo != "", tt.name), func(t *testing.T) {
					data := bytes.Clone(msg.Data)
					if tt.tamper != nil {
						tampered := tt.tamper(data)
						if bytes.Equal(tampered, msg.Data) {
							t.Fatal("tamper changed nothing")
						}
						data = tampered
					}
					v, err := verify(t, data, opts.DKIM)
					if err != nil {
						t.Fatal(err)
					}
					if tt.tamper == nil {
						if v.Err != nil {
							t.Fatalf("signature does not verify: %v", v.Err)
						}
						checkSignedHeaders(t, v.HeaderKeys, replyTo != "")
						if v.Domain != "example.org" {
							t.Errorf("d= %q", v.Domain)
						}
						return
					}
					if v.Err == nil {
						t.Errorf("signature still verifies after %s", tt.name)
					}
				})
			}
		}
	}
}

func checkSignedHeaders(t *testing.T, keys []string, hasReplyTo bool) {
	t.Helper()
	count := map[string]int{}
	for _, k := range keys {
		count[strings.ToLower(k)]++
	}
	for _, k := range []string{"From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
		"List-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "Reply-To"} {
		want := 2 // present once, over-signed once
		if k == "Reply-To" && !hasReplyTo {
			want = 1
		}
		if got := count[strings.ToLower(k)]; got != want {
			t.Errorf("h= lists %s %d times, want %d", k, got, want)
		}
	}
}

func TestDKIMSignsSentBytes(t *testing.T) {
	for keyName, key := range testKeys(t) {
		t.Run(keyName, func(t *testing.T) {
			opts := testOptions()
			opts.DKIM = &DKIM{Domain: "example.org", Selector: "d2024", Signer: key}
			msg := mustCompose(t, mustNew(t, opts), testEdition(t), testSubscriber())
			if !bytes.HasPrefix(msg.Data, []byte("DKIM-Signature: ")) {
				t.Fatalf("message starts %q", msg.Data[:40])
			}
			if n := bytes.Count(msg.Data, []byte("\r\nDKIM-Signature:")); n != 0 {
				t.Errorf("%d more DKIM-Signature fields", n)
			}
			// The signature is one field; what follows is the message as composed.
			rest := msg.Data[bytes.Index(msg.Data, []byte("\r\nFrom: "))+2:]
			if !bytes.HasPrefix(rest, []byte("From: ")) || parseMessage(t, rest).header.Get("DKIM-Signature") != "" {
				t.Errorf("signature is not a prefix of the composed message")
			}
			if err := checkLines(msg.Data); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestDKIMOptions(t *testing.T) {
	rsa1024, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	tests := []struct {
		name string
		dkim DKIM
		want string
	}{
		{"short rsa", DKIM{Domain: "example.org", Selector: "s1", Signer: rsa1024}, "1024 bits"},
		{"no key", DKIM{Domain: "example.org", Selector: "s1"}, "no key"},
		{"bad domain", DKIM{Domain: "example org", Selector: "s1", Signer: ed}, "dkim domain"},
		{"bad selector", DKIM{Domain: "example.org", Selector: "s 1", Signer: ed}, "dkim selector"},
		{"empty selector", DKIM{Domain: "example.org", Signer: ed}, "dkim selector"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			opts.DKIM = &tt.dkim
			if _, err := New(opts); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New error %v, want %q", err, tt.want)
			}
		})
	}
}

// DNSRecord publishes what a receiver needs: go-msgauth's verifier,
// looking the record up by its name, accepts both signatures of a message
// signed with an RSA and an Ed25519 key together.
func TestDualDKIMVerifies(t *testing.T) {
	keys := testKeys(t)
	rsaKey := &DKIM{Domain: "example.org", Selector: "rsa", Signer: keys["rsa-2048"]}
	edKey := &DKIM{Domain: "example.org", Selector: "ed", Signer: keys["ed25519"]}
	records := map[string]string{}
	for _, d := range []*DKIM{rsaKey, edKey} {
		name, value, err := DNSRecord(d.Domain, d.Selector, d.Signer.Public())
		if err != nil {
			t.Fatal(err)
		}
		if value != dkimRecord(t, d.Signer.Public()) {
			t.Errorf("record for %s = %q, want %q", d.Selector, value, dkimRecord(t, d.Signer.Public()))
		}
		records[name] = value
	}
	opts := testOptions()
	opts.DKIM, opts.MoreDKIM = rsaKey, []*DKIM{edKey}
	c, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := tryCompose(c, testEdition(t), testSubscriber())
	if err != nil {
		t.Fatal(err)
	}
	vs, err := dkim.VerifyWithOptions(bytes.NewReader(msg.Data), &dkim.VerifyOptions{
		LookupTXT: func(domain string) ([]string, error) {
			if r, ok := records[domain]; ok {
				return []string{r}, nil
			}
			return nil, fmt.Errorf("no TXT record for %s", domain)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	algos := map[string]bool{}
	for _, v := range vs {
		if v.Err != nil {
			t.Errorf("signature by %s: %v", v.Domain, v.Err)
		}
	}
	for _, line := range strings.Split(string(msg.Data), "\r\n") {
		if strings.HasPrefix(line, "DKIM-Signature:") {
			for _, a := range []string{"rsa-sha256", "ed25519-sha256"} {
				algos[a] = algos[a] || strings.Contains(line, "a="+a)
			}
		}
	}
	if len(vs) != 2 || !algos["rsa-sha256"] || !algos["ed25519-sha256"] {
		t.Errorf("%d signatures verified, algorithms %v; want rsa-sha256 and ed25519-sha256", len(vs), algos)
	}
	if line := ZoneLine("rsa._domainkey.example.org", records["rsa._domainkey.example.org"]); !strings.Contains(line, `" "`) {
		t.Errorf("a 2048-bit key's record is over 255 characters and must be split: %s", line)
	}
}
