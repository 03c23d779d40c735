package verp

import (
	"errors"
	"testing"
)

// FuzzDecode feeds Decode any string: it must never panic, and anything
// it accepts must encode back to a token it accepts with the same value.
func FuzzDecode(f *testing.F) {
	s := testSigner()
	for _, d := range []Delivery{{"42", "1234"}, {"1", "0123456789abcdef0123456789abcdef"}} {
		tok, err := s.Encode(d)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(tok)
	}
	f.Add("")
	f.Add("aaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	f.Add("AAAA====")
	f.Fuzz(func(t *testing.T, tok string) {
		d, err := s.Decode(tok)
		if err != nil {
			if !errors.Is(err, ErrBadToken) && !errors.Is(err, ErrBadSignature) {
				t.Fatalf("Decode(%q) error %v is neither ErrBadToken nor ErrBadSignature", tok, err)
			}
			return
		}
		again, err := s.Encode(d)
		if err != nil {
			t.Fatalf("Encode(%+v) of a decoded token: %v", d, err)
		}
		if back, err := s.Decode(again); err != nil || back != d {
			t.Fatalf("round trip of %+v gave %+v, %v", d, back, err)
		}
	})
}
