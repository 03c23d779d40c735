package compose

import (
	"bytes"
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

// Prepared is an edition ready to go to many subscribers: checked once,
// its MIME body encoded once, and the header values that are the same in
// every message formatted once. Each Compose then does only what differs
// per subscriber. It holds no mutable state, so one Prepared serves many
// goroutines.
type Prepared struct {
	s      *settings
	idAtom string
	header *headerTemplate
	body   *bodyTemplate
}

// Prepare checks an edition and builds what its messages share: the
// stored rendition r is sent as it is (its subject, its mail parts and,
// when its From is set, its own header values; otherwise the Options'),
// id names the edition in every Message-ID, and date is every message's
// Date. Variants are ignored (see PrepareVariants). The mail parts must
// each contain Placeholder: a message without a visible unsubscribe link
// must not go out.
func (c *Composer) Prepare(id string, r *digest.Rendition, date time.Time) (*Prepared, error) {
	if r == nil {
		return nil, errors.New("compose: no edition")
	}
	if err := checkEdition(id, r, date); err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	contentType, boundary, body, err := mimeBody(r.MailText, r.MailHTML)
	if err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	tmpl, err := newBodyTemplate(body, boundary,
		partSource{name: "text part", content: r.MailText},
		partSource{name: "html part", content: r.MailHTML, html: true})
	if err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	s := c.s
	if r.Header.From != "" {
		own := *c.s
		if err := own.setHeader(r.Header); err != nil {
			return nil, fmt.Errorf("compose: edition %s: %w", id, err)
		}
		s = &own
	}
	header, err := newEditionHeader(s, r.Subject, date, contentType)
	if err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	return &Prepared{s: s, idAtom: idAtom(id), header: header, body: tmpl}, nil
}

// newEditionHeader lays out the header block: the To, Message-ID and
// List-Unsubscribe values are the subscriber's, the rest the edition's.
func newEditionHeader(s *settings, subject string, date time.Time, contentType string) (*headerTemplate, error) {
	return newHeaderTemplate(
		headerField{name: "From", value: s.from},
		headerField{name: "Reply-To", value: s.replyTo},
		headerField{name: "To", perMessage: true, utf8: s.smtputf8},
		headerField{name: "Subject", value: encodeText(strings.TrimSpace(subject))},
		headerField{name: "Date", value: date.Format(time.RFC1123Z)},
		headerField{name: "Message-ID", perMessage: true},
		headerField{name: "List-Id", value: s.listID},
		headerField{name: "List-Unsubscribe", perMessage: true},
		headerField{name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click"},
		headerField{name: "MIME-Version", value: "1.0"},
		headerField{name: "Content-Type", value: contentType},
	)
}

// Compose builds the message for one subscriber. The bytes are produced
// once: when DKIM is on, Data is the signature followed by exactly the
// bytes that were signed.
func (p *Prepared) Compose(sub digest.Subscriber) (*digest.Message, error) {
	to, err := recipient(sub, p.s.smtputf8)
	if err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	link := UnsubscribeURL(p.s.publicURL, p.s.secret, sub)
	htmlLink := html.EscapeString(link)
	id := p.messageID(sub)
	data := make([]byte, 0, p.header.size()+len(sub.Name)*4+len(sub.Address)+len(id)+len(link)+128+p.body.size(len(htmlLink)))
	data, err = p.header.appendTo(data, to.String(), "<"+id+">", "<"+link+">")
	if err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	data = append(data, "\r\n"...)
	if data, err = p.body.appendTo(data, link, htmlLink); err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	return p.finish(sub, id, to, data)
}

// finish signs the message when DKIM is on and checks its lines.
func (p *Prepared) finish(sub digest.Subscriber, id string, to *mail.Address, data []byte) (*digest.Message, error) {
	var err error
	if len(p.s.dkim) > 0 {
		if data, err = sign(p.s.dkim, data, p.s.replyTo != ""); err != nil {
			return nil, fmt.Errorf("compose: %w", err)
		}
	}
	if err := checkLines(data); err != nil {
		return nil, fmt.Errorf("compose: message for subscriber %d: %w", sub.ID, err)
	}
	return &digest.Message{ID: id, From: p.s.envelopeSender, To: to.Address, Data: data}, nil
}

// messageID is the Message-ID (without angle brackets) of the edition
// sent to a subscriber. It is the same on every attempt, so a retried
// delivery is recognisably the same message:
// digest.{edition}.{subscriber}@domain. The subscriber is named by the
// random reference the links use, like them never by the row id, which
// would tell every reader roughly how many others there are.
func (p *Prepared) messageID(sub digest.Subscriber) string {
	ref := sub.PublicID
	if ref == "" { // a subscriber not from the database (a test copy)
		ref = strconv.FormatInt(sub.ID, 10)
	}
	return "digest." + p.idAtom + "." + ref + "@" + p.s.fromDomain
}

// checkEdition rejects an edition that must never reach a subscriber:
// line breaks where a header is made of it (header injection), missing
// values, text that is not UTF-8, a part without the unsubscribe link.
func checkEdition(id string, r *digest.Rendition, date time.Time) error {
	for _, f := range []struct{ name, value string }{
		{"edition id", id},
		{"subject", r.Subject},
	} {
		if err := noLineBreak(f.name, f.value); err != nil {
			return err
		}
		if strings.TrimSpace(f.value) == "" {
			return fmt.Errorf("%s is empty", f.name)
		}
	}
	if !utf8.ValidString(r.Subject) {
		return errors.New("subject is not valid utf-8")
	}
	if !utf8.Valid(r.MailText) || !utf8.Valid(r.MailHTML) {
		return errors.New("edition text or html is not valid utf-8")
	}
	if date.IsZero() {
		return errors.New("edition date is not set")
	}
	for _, part := range []struct {
		name    string
		content []byte
	}{{"text part", r.MailText}, {"html part", r.MailHTML}} {
		if !bytes.Contains(part.content, []byte(Placeholder)) {
			return fmt.Errorf("%s has no unsubscribe placeholder", part.name)
		}
	}
	return nil
}

// recipient checks the subscriber and returns the To mailbox: never
// someone who left, never a line break or a second address, and only an
// address digest.ParseAddress takes (an international domain goes out
// in its ASCII form).
func recipient(sub digest.Subscriber, smtputf8 bool) (*mail.Address, error) {
	for _, f := range []struct{ name, value string }{
		{"subscriber name", sub.Name},
		{"subscriber address", sub.Address},
	} {
		if err := noLineBreak(f.name, f.value); err != nil {
			return nil, err
		}
	}
	if !utf8.ValidString(sub.Name) {
		return nil, errors.New("subscriber name is not valid utf-8")
	}
	if sub.ID <= 0 {
		return nil, fmt.Errorf("subscriber id %d: want a positive id", sub.ID)
	}
	if sub.Status.Left() {
		return nil, fmt.Errorf("subscriber %d is %s", sub.ID, sub.Status)
	}
	addr, err := digest.ParseAddress(sub.Address, smtputf8)
	if err != nil {
		return nil, fmt.Errorf("subscriber %d address: %w", sub.ID, err)
	}
	return &mail.Address{Name: strings.TrimSpace(sub.Name), Address: addr}, nil
}
