package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// UnsubscribePlaceholder marks where each subscriber's own unsubscribe
// link goes in an edition's mail parts. html/template leaves it as it is
// in an href, and the .invalid domain (RFC 2606) can never resolve if one
// slipped through.
const UnsubscribePlaceholder = "https://unsubscribe.invalid/digest-unsubscribe-link"

// Rendition is an edition in every form it is shown, approved and sent.
// A build, and each editor's change, renders it once and stores it;
// sending composes every message from these bytes and header values
// alone, so templates, config or code changed after approval cannot
// change what goes out. Approval records its Hash.
type Rendition struct {
	// Subject is the mail's subject: the edition's title.
	Subject string
	// Header holds the edition-wide header values the mail carries.
	Header MailHeader
	// HTML and Text are the web copy (preview, archive, the edition's
	// files), which carries no one's unsubscribe link.
	HTML, Text []byte
	// JSON is the edition's public JSON form.
	JSON []byte
	// MailHTML and MailText are the email's parts, with
	// UnsubscribePlaceholder where each subscriber's link goes.
	MailHTML, MailText []byte
	// Variants are the mail parts for subscribers who chose some
	// sections only, one per distinct choice at render time.
	Variants []Variant
}

// Variant returns the mail parts for a set of sections: its variant, or
// the whole edition when the set has none (every section, or a choice
// made after the edition was rendered).
func (r *Rendition) Variant(key string) (subject string, html, text []byte) {
	for _, v := range r.Variants {
		if v.Key == key && key != "" {
			return v.Subject, v.MailHTML, v.MailText
		}
	}
	return r.Subject, r.MailHTML, r.MailText
}

// MailHeader is what every message of an edition says about its sender
// and list, fixed when the edition is rendered.
type MailHeader struct {
	From           string `json:"from"`
	ReplyTo        string `json:"reply_to,omitempty"`
	EnvelopeSender string `json:"envelope_sender,omitempty"`
	ListID         string `json:"list_id"`
}

// Hash identifies everything sending uses. An approval records it and
// sending checks it, so the bytes sent are the bytes approved.
func (r *Rendition) Hash() string {
	h := sha256.New()
	write := func(parts ...[]byte) {
		for _, part := range parts {
			fmt.Fprintf(h, "%d:", len(part)) // length-prefixed: no two inputs share a hash
			h.Write(part)
		}
	}
	write([]byte(r.Subject), []byte(r.Header.From), []byte(r.Header.ReplyTo),
		[]byte(r.Header.EnvelopeSender), []byte(r.Header.ListID),
		r.HTML, r.Text, r.JSON, r.MailHTML, r.MailText)
	for _, v := range r.Variants {
		write([]byte(v.Key), []byte(v.Subject), v.MailHTML, v.MailText)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Mailable reports whether the rendition holds what a message is made
// of. Editions built before mail parts were stored lack them.
func (r *Rendition) Mailable() bool {
	return len(r.MailHTML) > 0 && len(r.MailText) > 0 && r.Header.From != ""
}
