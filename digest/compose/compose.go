package compose

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest"
)

// Placeholder marks where the subscriber's unsubscribe URL goes in a
// rendered edition. html/template leaves it unchanged in an href, and
// the .invalid domain (RFC 2606) can never resolve if one slipped through.
const Placeholder = "https://unsubscribe.invalid/digest-unsubscribe-link"

// maxIDAtom keeps Message-IDs short; longer edition ids are cut and made
// unique again with a hash.
const maxIDAtom = 64

// Edition is the rendered edition to personalise. HTML and Text contain
// Placeholder wherever the subscriber's unsubscribe URL goes.
type Edition struct {
	ID      string
	Subject string
	HTML    []byte
	Text    []byte
	Date    time.Time
}

// Composer turns an edition into one message per subscriber. It holds no
// mutable state, so one Composer serves many goroutines.
type Composer struct {
	s *settings
}

// New validates the options and formats everything that is the same in
// every message.
func New(opts Options) (*Composer, error) {
	s, err := validate(opts)
	if err != nil {
		return nil, fmt.Errorf("compose options: %w", err)
	}
	return &Composer{s: s}, nil
}

// Compose builds the message for one subscriber. The bytes are produced
// once: when DKIM is on, Data is the signature followed by exactly the
// bytes that were signed.
func (c *Composer) Compose(ed *Edition, sub digest.Subscriber) (*digest.Message, error) {
	if ed == nil {
		return nil, errors.New("compose: no edition")
	}
	if err := checkInputs(ed, sub); err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	to, err := mail.ParseAddress("<" + strings.TrimSpace(sub.Address) + ">")
	if err != nil || !isASCII(to.Address) {
		return nil, fmt.Errorf("compose: subscriber address %q: not a plain ascii address", sub.Address)
	}
	to.Name = strings.TrimSpace(sub.Name)

	unsubscribe := UnsubscribeURL(c.s.publicURL, c.s.secret, sub)
	text, err := personalise("text part", ed.Text, unsubscribe)
	if err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	htmlPart, err := personalise("html part", ed.HTML, html.EscapeString(unsubscribe))
	if err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	contentType, body, err := mimeBody(text, htmlPart)
	if err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}

	id := messageID(ed.ID, sub.ID, c.s.fromDomain)
	var h headerBlock
	fields := []struct{ name, value string }{
		{"From", c.s.from},
		{"Reply-To", c.s.replyTo},
		{"To", to.String()},
		{"Subject", encodeText(strings.TrimSpace(ed.Subject))},
		{"Date", ed.Date.Format(time.RFC1123Z)},
		{"Message-ID", "<" + id + ">"},
		{"List-Id", c.s.listID},
		{"List-Unsubscribe", "<" + unsubscribe + ">"},
		{"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"},
		{"MIME-Version", "1.0"},
		{"Content-Type", contentType},
	}
	for _, f := range fields {
		if f.value == "" {
			continue
		}
		if err := h.add(f.name, f.value); err != nil {
			return nil, fmt.Errorf("compose: %w", err)
		}
	}
	data := make([]byte, 0, h.buf.Len()+2+len(body))
	data = append(data, h.buf.Bytes()...)
	data = append(data, "\r\n"...)
	data = append(data, body...)

	if c.s.dkim != nil {
		if data, err = sign(c.s.dkim, data, c.s.replyTo != ""); err != nil {
			return nil, fmt.Errorf("compose: %w", err)
		}
	}
	if err := checkLines(data); err != nil {
		return nil, fmt.Errorf("compose: message for subscriber %d: %w", sub.ID, err)
	}
	return &digest.Message{ID: id, From: c.s.envelopeSender, To: to.Address, Data: data}, nil
}

// checkInputs rejects what must never reach a header or a subscriber:
// line breaks (header injection), missing values, and people who left.
func checkInputs(ed *Edition, sub digest.Subscriber) error {
	for _, f := range []struct{ name, value string }{
		{"edition id", ed.ID},
		{"subject", ed.Subject},
		{"subscriber name", sub.Name},
		{"subscriber address", sub.Address},
	} {
		if err := noLineBreak(f.name, f.value); err != nil {
			return err
		}
		if f.name != "subscriber name" && strings.TrimSpace(f.value) == "" {
			return fmt.Errorf("%s is empty", f.name)
		}
	}
	if !utf8.ValidString(ed.Subject) || !utf8.ValidString(sub.Name) {
		return errors.New("subject or subscriber name is not valid utf-8")
	}
	if !utf8.Valid(ed.Text) || !utf8.Valid(ed.HTML) {
		return errors.New("edition text or html is not valid utf-8")
	}
	if ed.Date.IsZero() {
		return errors.New("edition date is not set")
	}
	if sub.ID <= 0 {
		return fmt.Errorf("subscriber id %d: want a positive id", sub.ID)
	}
	if sub.Status == digest.SubscriberUnsubscribed || sub.Status == digest.SubscriberBounced {
		return fmt.Errorf("subscriber %d is %s", sub.ID, sub.Status)
	}
	return nil
}

// personalise puts the subscriber's link where the placeholder is. A part
// without the placeholder has no visible unsubscribe link, and such a
// message must not go out.
func personalise(part string, content []byte, link string) ([]byte, error) {
	if !bytes.Contains(content, []byte(Placeholder)) {
		return nil, fmt.Errorf("%s has no unsubscribe placeholder", part)
	}
	return bytes.ReplaceAll(content, []byte(Placeholder), []byte(link)), nil
}

// messageID is the Message-ID (without angle brackets) of an edition sent
// to a subscriber. It is the same on every attempt, so a retried delivery
// is recognisably the same message: digest.{edition}.{subscriber}@domain.
func messageID(editionID string, subscriberID int64, domain string) string {
	return "digest." + idAtom(editionID) + "." + strconv.FormatInt(subscriberID, 10) + "@" + domain
}

// idAtom makes an edition id safe inside a Message-ID: letters, digits,
// '-' and '_' pass; anything else becomes '-'. When that changed the id
// (or it was too long), a hash of the original is appended so two
// editions never share an atom.
func idAtom(id string) string {
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' {
			b.WriteByte(c)
		} else {
			b.WriteByte('-')
		}
	}
	atom := b.String()
	if atom == id && len(atom) <= maxIDAtom {
		return atom
	}
	sum := sha256.Sum256([]byte(id))
	if len(atom) > maxIDAtom-13 {
		atom = atom[:maxIDAtom-13]
	}
	return atom + "-" + hex.EncodeToString(sum[:6])
}
