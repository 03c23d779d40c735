// Package verp makes and reads per-message envelope senders
// (bounces+TOKEN@domain) whose TOKEN names one delivery, an edition to a
// subscriber, and is signed. A bounce comes back to the envelope sender,
// so the address it is sent to says, without guessing from the bounce's
// text, which delivery failed; the signature keeps anyone who can send
// mail to that domain from making a subscriber look bounced.
//
// Some relays lowercase local parts, so the token uses only lowercase
// base32 (a-z, 2-7) and Decode reads it in either case.
package verp

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
)

// Delivery is what a token names: one edition sent to one subscriber.
// Both are the caller's references, kept exactly as given.
type Delivery struct {
	Edition    string
	Subscriber string
}

// Errors Decode returns, so callers can tell a stranger's address (not
// ours) from a forged or damaged one (ours, but not to be believed).
var (
	ErrNotVERP      = errors.New("not a VERP address")
	ErrBadToken     = errors.New("malformed VERP token")
	ErrBadSignature = errors.New("VERP token signature does not match")
)

// MinKeyLength is the shortest key a Signer takes: a key shorter than
// the MAC's own output would be the weak part.
const MinKeyLength = 16

// macLength is how much of the HMAC-SHA256 a token carries: 80 bits, far
// past what anyone can guess by sending mail, and short enough that a
// token stays within a local part.
const macLength = 10

// maxLocalPart is RFC 5321's limit on a local part (section 4.5.3.1.1);
// relays may refuse a longer one, so Encode never makes one.
const maxLocalPart = 64

// version is the token layout; it is signed, so a later layout cannot be
// read as this one.
const version = 1

var encoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// Signer encodes and decodes tokens with one key. Prefix is the local
// part before the plus ("bounces" when empty); Domain is the address's
// domain. Key comes from the caller, derived from the app's secret.
type Signer struct {
	Prefix string
	Domain string
	Key    []byte
}

func (s Signer) prefix() string {
	if s.Prefix == "" {
		return "bounces"
	}
	return s.Prefix
}

func (s Signer) check() error {
	if len(s.Key) < MinKeyLength {
		return fmt.Errorf("verp key: %d bytes, need at least %d", len(s.Key), MinKeyLength)
	}
	if s.Domain == "" {
		return errors.New("verp: no domain")
	}
	if strings.ContainsAny(s.prefix(), "+@ \t\r\n\"") {
		return fmt.Errorf("verp prefix %q: may not hold +, @, quotes or spaces", s.prefix())
	}
	return nil
}

// Address is the envelope sender for d: prefix+TOKEN@domain.
func (s Signer) Address(d Delivery) (string, error) {
	tok, err := s.Encode(d)
	if err != nil {
		return "", err
	}
	return s.prefix() + "+" + tok + "@" + s.Domain, nil
}

// Encode returns the signed token for d. It refuses a delivery whose
// address would pass the 64-octet local part limit: use short references
// (a row id rather than a long public one) for such a delivery.
func (s Signer) Encode(d Delivery) (string, error) {
	if err := s.check(); err != nil {
		return "", err
	}
	payload, err := pack(d)
	if err != nil {
		return "", err
	}
	tok := encoding.EncodeToString(append(payload, s.mac(payload)...))
	if n := len(s.prefix()) + 1 + len(tok); n > maxLocalPart {
		return "", fmt.Errorf("verp token: local part of %d octets, over %d; use shorter references", n, maxLocalPart)
	}
	return tok, nil
}

// Decode checks tok's signature and returns the delivery it names. It
// takes the token in any case, since relays may have changed it.
func (s Signer) Decode(tok string) (Delivery, error) {
	if err := s.check(); err != nil {
		return Delivery{}, err
	}
	if tok == "" || len(tok) > maxLocalPart {
		return Delivery{}, fmt.Errorf("%w: length %d", ErrBadToken, len(tok))
	}
	raw, err := encoding.DecodeString(strings.ToLower(tok))
	if err != nil {
		return Delivery{}, fmt.Errorf("%w: %v", ErrBadToken, err)
	}
	if len(raw) < headerLength+macLength {
		return Delivery{}, fmt.Errorf("%w: too short", ErrBadToken)
	}
	payload, sum := raw[:len(raw)-macLength], raw[len(raw)-macLength:]
	if !hmac.Equal(sum, s.mac(payload)) {
		return Delivery{}, ErrBadSignature
	}
	d, err := unpack(payload)
	if err != nil {
		return Delivery{}, err
	}
	return d, nil
}

// Parse reads a whole envelope address: it must be prefix+TOKEN@domain
// with this Signer's prefix and domain (compared without case), or it is
// ErrNotVERP, someone else's address.
func (s Signer) Parse(addr string) (Delivery, error) {
	if err := s.check(); err != nil {
		return Delivery{}, err
	}
	addr = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(addr), "<"), ">")
	at := strings.LastIndexByte(addr, '@')
	if at < 0 || !strings.EqualFold(addr[at+1:], s.Domain) {
		return Delivery{}, ErrNotVERP
	}
	local := addr[:at]
	lead := s.prefix() + "+"
	if len(local) <= len(lead) || !strings.EqualFold(local[:len(lead)], lead) {
		return Delivery{}, ErrNotVERP
	}
	return s.Decode(local[len(lead):])
}

// mac signs the payload under a label, so the key, if it is ever used
// for another purpose too, cannot produce a valid token there by chance.
func (s Signer) mac(payload []byte) []byte {
	h := hmac.New(sha256.New, s.Key)
	h.Write([]byte("digest verp token\x00"))
	h.Write(payload)
	return h.Sum(nil)[:macLength]
}
