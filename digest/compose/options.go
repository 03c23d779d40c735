package compose

import (
	"crypto"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// MinSecretLen keeps unsubscribe tokens unguessable: an HMAC is only as
// strong as its key. Whoever reads a key checks it against this, naming
// where it came from.
const MinSecretLen = 32

// maxPublicURLLen keeps the List-Unsubscribe header, which cannot be
// folded inside the URL, well under the 998-character line limit.
const maxPublicURLLen = 512

// Options come from the config; New validates them.
type Options struct {
	// From is the author mailbox, such as
	// "Japan–NATO Security Brief <digest@example.org>". Display names with
	// commas must be quoted; non-ASCII names are RFC 2047 encoded on output.
	From string
	// ReplyTo is an optional mailbox for replies.
	ReplyTo string
	// EnvelopeSender is the SMTP MAIL FROM; empty means the From address.
	EnvelopeSender string
	// ListID is emitted as List-Id: "Name <list.example.org>" or a bare id.
	ListID string
	// PublicURL is the https base URL that serves /unsubscribe. Plain
	// http is allowed only on loopback, for tests and local previews.
	PublicURL string
	// Secret keys the unsubscribe tokens; at least 32 bytes.
	Secret []byte
	// DKIM signs each message when set.
	DKIM *DKIM
	// MoreDKIM sign each message too, after DKIM: an Ed25519 key beside
	// an RSA one, as receivers that know only RSA (Gmail, Microsoft)
	// ignore an Ed25519 signature alone.
	MoreDKIM []*DKIM
	// SMTPUTF8 says the relay takes addresses whose local part is not
	// ASCII (RFC 6531), the config's smtp.smtputf8; without it such a
	// subscriber is refused (see digest.ParseAddress).
	SMTPUTF8 bool
}

// DKIM names the signing domain and selector and holds the key: RSA of at
// least 2048 bits, or Ed25519.
type DKIM struct {
	Domain   string
	Selector string
	Signer   crypto.Signer
}

// settings is Options after validation, with every header value already
// formatted, so Compose only does per-subscriber work.
type settings struct {
	from           string // formatted From header value
	replyTo        string // formatted Reply-To header value, or ""
	fromDomain     string // right-hand side of Message-IDs
	envelopeSender string
	listID         string // formatted List-Id header value
	publicURL      string // without a trailing slash
	secret         []byte
	dkim           []*DKIM
	smtputf8       bool
}

func validate(opts Options) (*settings, error) {
	if err := noLineBreak("public url", opts.PublicURL); err != nil {
		return nil, err
	}
	s := &settings{smtputf8: opts.SMTPUTF8}
	err := s.setHeader(digest.MailHeader{From: opts.From, ReplyTo: opts.ReplyTo,
		EnvelopeSender: opts.EnvelopeSender, ListID: opts.ListID})
	if err != nil {
		return nil, err
	}
	if s.publicURL, err = checkPublicURL(opts.PublicURL); err != nil {
		return nil, err
	}

	if len(opts.Secret) < MinSecretLen {
		return nil, fmt.Errorf("secret: need at least %d bytes, got %d", MinSecretLen, len(opts.Secret))
	}
	s.secret = append([]byte(nil), opts.Secret...)

	if opts.DKIM == nil && len(opts.MoreDKIM) > 0 {
		return nil, errors.New("dkim: more keys but no first one")
	}
	for _, k := range append([]*DKIM{opts.DKIM}, opts.MoreDKIM...) {
		if k == nil {
			continue
		}
		if err := checkDKIM(k); err != nil {
			return nil, err
		}
		d := *k
		s.dkim = append(s.dkim, &d)
	}
	return s, nil
}

// setHeader checks and formats the edition-wide header values: the
// config's at start, and each edition's own (fixed when it was rendered)
// when it is sent.
func (s *settings) setHeader(h digest.MailHeader) error {
	for _, f := range []struct{ name, value string }{
		{"from", h.From},
		{"reply-to", h.ReplyTo},
		{"envelope sender", h.EnvelopeSender},
		{"list id", h.ListID},
	} {
		if err := noLineBreak(f.name, f.value); err != nil {
			return err
		}
	}
	from, err := parseMailbox("from", h.From)
	if err != nil {
		return err
	}
	s.from = from.String()
	_, domain, _ := strings.Cut(from.Address, "@")
	if !isDomain(domain) {
		return fmt.Errorf("from: domain %q is not an ascii host name", domain)
	}
	s.fromDomain = domain

	s.replyTo = ""
	if strings.TrimSpace(h.ReplyTo) != "" {
		replyTo, err := parseMailbox("reply-to", h.ReplyTo)
		if err != nil {
			return err
		}
		s.replyTo = replyTo.String()
	}

	s.envelopeSender = from.Address
	if strings.TrimSpace(h.EnvelopeSender) != "" {
		sender, err := parseMailbox("envelope sender", h.EnvelopeSender)
		if err != nil {
			return err
		}
		s.envelopeSender = sender.Address
	}

	s.listID, err = formatListID(h.ListID)
	return err
}

// parseMailbox accepts one mailbox with an ASCII address. Non-ASCII
// addresses would need SMTPUTF8, which the transport does not offer.
func parseMailbox(field, value string) (*mail.Address, error) {
	if strings.TrimSpace(value) == "" {
		return nil, fmt.Errorf("%s: address is required", field)
	}
	addr, err := mail.ParseAddress(value)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", field, err)
	}
	if !isASCII(addr.Address) {
		return nil, fmt.Errorf("%s: address %q is not ascii", field, addr.Address)
	}
	return addr, nil
}

func checkPublicURL(raw string) (string, error) {
	if raw == "" {
		return "", errors.New("public url is required")
	}
	if len(raw) > maxPublicURLLen {
		return "", fmt.Errorf("public url: longer than %d characters", maxPublicURLLen)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("public url: %w", err)
	}
	if u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return "", fmt.Errorf("public url %q: want scheme://host[/path] without credentials, query or fragment", raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return "", fmt.Errorf("public url %q: must be https (http only on localhost)", raw)
		}
	default:
		return "", fmt.Errorf("public url %q: must be https", raw)
	}
	if !isASCII(raw) {
		return "", fmt.Errorf("public url %q: not ascii", raw)
	}
	return strings.TrimRight(raw, "/"), nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
