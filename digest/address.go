package digest

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// RFC 5321 section 4.5.3.1 bounds what a relay must take: a path of 256
// octets with its angle brackets, so an address of 254, and a local part
// of 64. A longer address is refused when it is typed, not when a
// message to it is composed.
const (
	MaxAddressLength   = 254
	MaxLocalPartLength = 64
	maxLabelLength     = 63
)

// ErrBadAddress is what every error of ParseAddress is (errors.Is), so
// callers can tell a mistyped address from a failure of their own.
var ErrBadAddress = errors.New("not a usable email address")

// AddressError says what is wrong with an address, in words for the
// person who typed it; it never repeats the address, which may be huge
// or hold characters a terminal would act on.
type AddressError struct {
	Reason string
}

func (e *AddressError) Error() string { return ErrBadAddress.Error() + ": " + e.Reason }

// Is makes every AddressError an ErrBadAddress.
func (e *AddressError) Is(target error) bool { return target == ErrBadAddress }

// ParseAddress checks one email address, the bare addr-spec
// (ada@example.org, no display name), and returns it as it is stored and
// sent: the domain in ASCII, an internationalised domain (bücher.example)
// converted to its xn-- form. It is the one rule for an address, called
// by sign-up, the subscribers command, the config's list and the
// composer alike, so an address that passes here never makes a message
// fail later.
//
// The local part is a dot-atom (RFC 5322 atext between single dots; no
// quoted strings, which relays and readers handle badly). A local part
// with non-ASCII letters needs a relay that takes SMTPUTF8 (RFC 6531):
// it is refused, with a message that says so, unless smtputf8 is set,
// which the config decides (smtp.smtputf8); nothing asks the relay.
// Control, format and bidi characters are refused everywhere.
func ParseAddress(raw string, smtputf8 bool) (string, error) {
	s := strings.TrimSpace(raw)
	switch {
	case s == "":
		return "", badAddress("no email address given")
	case len(s) > 4*MaxAddressLength: // before any other work on a huge input
		return "", badAddress("an email address has at most %d characters; this one has %d", MaxAddressLength, utf8.RuneCountInString(s))
	case !utf8.ValidString(s):
		return "", badAddress("an email address must be UTF-8 text")
	}
	if i := strings.IndexFunc(s, Unprintable); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return "", badAddress("an email address cannot hold control or invisible formatting characters (U+%04X)", r)
	}
	if strings.ContainsAny(s, " \t") {
		return "", badAddress("an email address cannot hold spaces")
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return "", badAddress("an email address needs an @ between the mailbox and the domain, as in ada@example.org")
	}
	local, domain := s[:at], s[at+1:]
	if err := checkLocalPart(local, smtputf8); err != nil {
		return "", err
	}
	domain, err := asciiDomain(domain)
	if err != nil {
		return "", err
	}
	addr := local + "@" + domain
	if len(addr) > MaxAddressLength {
		return "", badAddress("an email address has at most %d characters; this one has %d", MaxAddressLength, len(addr))
	}
	return addr, nil
}

// short cuts a piece of the input to quote in an error.
func short(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

func badAddress(format string, args ...any) error {
	return &AddressError{Reason: fmt.Sprintf(format, args...)}
}

// checkLocalPart accepts a dot-atom of at most MaxLocalPartLength octets.
func checkLocalPart(local string, smtputf8 bool) error {
	switch {
	case local == "":
		return badAddress("the part before the @ is empty")
	case len(local) > MaxLocalPartLength:
		return badAddress("the part before the @ has at most %d characters; this one has %d", MaxLocalPartLength, len(local))
	case local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, ".."):
		return badAddress("the part before the @ cannot start or end with a dot, nor hold two dots in a row")
	}
	for _, r := range local {
		switch {
		case r >= utf8.RuneSelf:
			if !smtputf8 {
				return badAddress("the part before the @ has non-ASCII characters (%q), and this list's mail relay is not set to take such addresses (SMTPUTF8)", r)
			}
		case r == '.' || isAtext(byte(r)):
		default:
			return badAddress("the part before the @ cannot hold %q", r)
		}
	}
	return nil
}

// isAtext reports an RFC 5322 atext character.
func isAtext(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

// domainProfile converts a typed domain the way a browser's address bar
// does (UTS #46 with the IDNA2008 rules), refusing what cannot be a
// host name.
var domainProfile = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.StrictDomainName(true))

// asciiDomain returns the domain as a host name in ASCII: an ASCII one as
// typed, an internationalised one converted. It must have at least two
// labels, each of letters, digits and inner hyphens.
func asciiDomain(domain string) (string, error) {
	switch {
	case domain == "":
		return "", badAddress("the part after the @ (the domain) is empty")
	case strings.HasPrefix(domain, "["):
		return "", badAddress("an address at an IP address (%s) is not accepted: use a domain name", short(domain))
	}
	if !isASCII(domain) {
		a, err := domainProfile.ToASCII(domain)
		if err != nil {
			return "", badAddress("the domain %q is not a valid international domain name", short(domain))
		}
		domain = a
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return "", badAddress("the domain %q needs a dot, as in example.org", short(domain))
	}
	for _, l := range labels {
		if l == "" || len(l) > maxLabelLength || l[0] == '-' || l[len(l)-1] == '-' {
			return "", badAddress("the domain %q is not a host name (labels of 1 to %d letters, digits and inner hyphens)", short(domain), maxLabelLength)
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return "", badAddress("the domain %q cannot hold %q", short(domain), rune(c))
			}
		}
	}
	return domain, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
