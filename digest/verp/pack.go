package verp

import (
	"encoding/hex"
	"fmt"
)

// A token's payload is a header byte (version in the high nibble, flags
// in the low), the packed edition's length, the packed edition and the
// packed subscriber. A reference that is lowercase hex of even length
// (a subscriber's public id) is packed as its bytes, halving it, since
// the local part has room for only about 35 bytes in all.
const (
	headerLength   = 2
	flagEditionHex = 1 << 0
	flagSubHex     = 1 << 1
	flagsKnown     = flagEditionHex | flagSubHex
)

func pack(d Delivery) ([]byte, error) {
	if d.Edition == "" || d.Subscriber == "" {
		return nil, fmt.Errorf("verp token: edition and subscriber are both needed")
	}
	ed, edHex := packField(d.Edition)
	sub, subHex := packField(d.Subscriber)
	if len(ed) > 255 {
		return nil, fmt.Errorf("verp token: edition reference of %d bytes", len(ed))
	}
	flags := byte(0)
	if edHex {
		flags |= flagEditionHex
	}
	if subHex {
		flags |= flagSubHex
	}
	out := make([]byte, 0, headerLength+len(ed)+len(sub)+macLength)
	out = append(out, version<<4|flags, byte(len(ed)))
	out = append(out, ed...)
	return append(out, sub...), nil
}

func unpack(p []byte) (Delivery, error) {
	if len(p) < headerLength {
		return Delivery{}, fmt.Errorf("%w: no header", ErrBadToken)
	}
	if p[0]>>4 != version || p[0]&^(version<<4|flagsKnown) != 0 {
		return Delivery{}, fmt.Errorf("%w: unknown version or flags %#x", ErrBadToken, p[0])
	}
	n := int(p[1])
	rest := p[headerLength:]
	if n == 0 || n >= len(rest) {
		return Delivery{}, fmt.Errorf("%w: edition length %d of %d", ErrBadToken, n, len(rest))
	}
	return Delivery{
		Edition:    unpackField(rest[:n], p[0]&flagEditionHex != 0),
		Subscriber: unpackField(rest[n:], p[0]&flagSubHex != 0),
	}, nil
}

// packField returns s as bytes, and whether they are s's hex digits
// decoded: only when s is lowercase hex, so unpacking gives s back as it
// was.
func packField(s string) ([]byte, bool) {
	if len(s)%2 != 0 {
		return []byte(s), false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return []byte(s), false
		}
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return []byte(s), false
	}
	return b, true
}

func unpackField(b []byte, isHex bool) string {
	if isHex {
		return hex.EncodeToString(b)
	}
	return string(b)
}
