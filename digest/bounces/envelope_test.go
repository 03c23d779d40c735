package bounces

import (
	"errors"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/verp"
)

// A delivery's reference survives the round trip through its address,
// and the longest prefix the config allows (10) fits the 64-octet local
// part for every issue below 100000; a token under another key is not
// believed.
func TestTokensRoundTrip(t *testing.T) {
	tok := Tokens{Signer: verp.Signer{Prefix: "abcdefghij", Domain: "b.example.org", Key: Key([]byte("0123456789abcdef0123456789abcdef"))}}
	pub := strings.Repeat("f3", 16)
	tests := []struct {
		name string
		ref  Ref
	}{
		{"public id, first issue", RefOf(1, digest.Subscriber{ID: 7, PublicID: pub})},
		{"public id, issue 99999", RefOf(99999, digest.Subscriber{ID: 7, PublicID: pub})},
		{"public id, even-length issue", RefOf(1234, digest.Subscriber{ID: 7, PublicID: pub})},
		{"row id when no public id", RefOf(12, digest.Subscriber{ID: 9223372036854775806})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr, err := tok.Address(tt.ref)
			if err != nil {
				t.Fatal(err)
			}
			local, _, _ := strings.Cut(addr, "@")
			if len(local) > 64 {
				t.Errorf("local part of %d octets", len(local))
			}
			got, err := tok.Decode(strings.TrimPrefix(local, "abcdefghij+"))
			if err != nil || got != tt.ref {
				t.Errorf("decoded %+v, %v; want %+v", got, err, tt.ref)
			}
			other := Tokens{Signer: verp.Signer{Prefix: "abcdefghij", Domain: "b.example.org", Key: Key([]byte("another secret of thirty-two bytes!"))}}
			if _, err := other.Decode(strings.TrimPrefix(local, "abcdefghij+")); !errors.Is(err, verp.ErrBadSignature) {
				t.Errorf("under another key: %v, want a bad signature", err)
			}
		})
	}
}
