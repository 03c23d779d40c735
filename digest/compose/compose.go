package compose

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"math"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Placeholder marks where the subscriber's unsubscribe URL goes in a
// rendered edition's mail parts.
const Placeholder = digest.UnsubscribePlaceholder

// maxIDAtom keeps Message-IDs short; longer edition ids are cut and made
// unique again with a hash.
const maxIDAtom = 64

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

// Header is the config's edition-wide header values, as a build fixes
// them in each edition.
func (o Options) Header() digest.MailHeader {
	return digest.MailHeader{From: o.From, ReplyTo: o.ReplyTo, EnvelopeSender: o.EnvelopeSender, ListID: o.ListID}
}

// LinkLen is the length of the longest unsubscribe link as it appears in
// an HTML part (escaped), for measuring an edition as it is sent.
func (c *Composer) LinkLen() int {
	// Links name a subscriber by their reference, longer than any row id.
	longest := digest.Subscriber{ID: math.MaxInt64, PublicID: strings.Repeat("f", digest.PublicIDLength)}
	return len(html.EscapeString(UnsubscribeURL(c.s.publicURL, c.s.secret, longest)))
}

// Compose builds the message for one subscriber of an edition (see
// Prepare). Sending an edition to many subscribers should Prepare it once
// instead.
func (c *Composer) Compose(id string, r *digest.Rendition, date time.Time, sub digest.Subscriber) (*digest.Message, error) {
	p, err := c.Prepare(id, r, date)
	if err != nil {
		return nil, err
	}
	return p.Compose(sub)
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
