package verp

import (
	"errors"
	"strings"
	"testing"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

func testSigner() Signer {
	return Signer{Prefix: "bounces", Domain: "news.example.org", Key: testKey}
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		d    Delivery
	}{
		{"row ids", Delivery{Edition: "42", Subscriber: "1234"}},
		{"public id", Delivery{Edition: "42", Subscriber: "0123456789abcdef0123456789abcdef"}},
		{"uppercase hex kept as text", Delivery{Edition: "7", Subscriber: "ABCDEF"}},
		{"odd hex kept as text", Delivery{Edition: "abc", Subscriber: "fff"}},
		{"unicode", Delivery{Edition: "é", Subscriber: "ü"}},
		{"separator bytes", Delivery{Edition: "a\x00b", Subscriber: "+@="}},
	}
	s := testSigner()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr, err := s.Address(tt.d)
			if err != nil {
				t.Fatalf("Address: %v", err)
			}
			local := addr[:strings.IndexByte(addr, '@')]
			if len(local) > 64 {
				t.Errorf("local part %q is %d octets", local, len(local))
			}
			if strings.Trim(local[len("bounces+"):], "abcdefghijklmnopqrstuvwxyz234567") != "" {
				t.Errorf("token %q has characters outside lowercase base32", local)
			}
			for _, a := range []string{addr, strings.ToUpper(addr), "<" + addr + ">"} {
				got, err := s.Parse(a)
				if err != nil {
					t.Fatalf("Parse(%q): %v", a, err)
				}
				if got != tt.d {
					t.Errorf("Parse(%q) = %+v, want %+v", a, got, tt.d)
				}
			}
		})
	}
}

func TestEncodeRefuses(t *testing.T) {
	tests := []struct {
		name string
		s    Signer
		d    Delivery
		want string
	}{
		{"short key", Signer{Domain: "x.org", Key: []byte("short")}, Delivery{"1", "2"}, "key"},
		{"no domain", Signer{Key: testKey}, Delivery{"1", "2"}, "domain"},
		{"bad prefix", Signer{Prefix: "a+b", Domain: "x.org", Key: testKey}, Delivery{"1", "2"}, "prefix"},
		{"empty edition", testSigner(), Delivery{"", "2"}, "both"},
		{"empty subscriber", testSigner(), Delivery{"1", ""}, "both"},
		{"too long", testSigner(), Delivery{"20260101-080000-manual", "0123456789abcdef0123456789abcdef"}, "over 64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.s.Encode(tt.d)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Encode error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

func TestDecodeRefuses(t *testing.T) {
	s := testSigner()
	good, err := s.Encode(Delivery{Edition: "42", Subscriber: "1234"})
	if err != nil {
		t.Fatal(err)
	}
	other := Signer{Domain: "news.example.org", Key: []byte("another key, 32 bytes long......")}
	forged, err := other.Encode(Delivery{Edition: "42", Subscriber: "1234"})
	if err != nil {
		t.Fatal(err)
	}
	flip := func(tok string, i int) string {
		b := []byte(tok)
		if b[i] == 'a' {
			b[i] = 'b'
		} else {
			b[i] = 'a'
		}
		return string(b)
	}
	tests := []struct {
		name string
		tok  string
		want error
	}{
		{"other key", forged, ErrBadSignature},
		{"payload changed", flip(good, 0), ErrBadSignature},
		{"signature changed", flip(good, len(good)-1), ErrBadSignature},
		{"truncated", good[:len(good)-8], ErrBadToken},
		{"empty", "", ErrBadToken},
		{"not base32", "bounce!", ErrBadToken},
		{"too short", "aaaa", ErrBadToken},
		{"too long", strings.Repeat("a", 80), ErrBadToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Decode(tt.tok)
			if !errors.Is(err, tt.want) {
				t.Errorf("Decode(%q) error %v, want %v", tt.tok, err, tt.want)
			}
		})
	}
}

func TestParseNotOurs(t *testing.T) {
	s := testSigner()
	tok, err := s.Encode(Delivery{Edition: "1", Subscriber: "2"})
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{
		"",
		"jane@example.org",
		"bounces@news.example.org",
		"bounces+@news.example.org",
		"bounces+" + tok + "@other.example.org",
		"replies+" + tok + "@news.example.org",
	} {
		if _, err := s.Parse(addr); !errors.Is(err, ErrNotVERP) {
			t.Errorf("Parse(%q) error %v, want ErrNotVERP", addr, err)
		}
	}
}
