package compose

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

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

// Compose builds the message for one subscriber of ed. Sending an edition
// to many subscribers should Prepare it once instead.
func (c *Composer) Compose(ed *Edition, sub digest.Subscriber) (*digest.Message, error) {
	p, err := c.Prepare(ed)
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
