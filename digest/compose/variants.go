package compose

import (
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Variants is an edition prepared for sending once per set of sections
// subscribers chose: each message is composed from the prepared variant
// of its subscriber's set, or the whole edition when the set has none.
// The cost of a variant is one Prepare, whatever the number of people.
type Variants struct {
	full  *Prepared
	byKey map[string]*Prepared
}

// PrepareVariants prepares the edition and each of its variants (see
// Prepare).
func (c *Composer) PrepareVariants(id string, r *digest.Rendition, date time.Time) (*Variants, error) {
	full, err := c.Prepare(id, r, date)
	if err != nil {
		return nil, err
	}
	out := &Variants{full: full, byKey: make(map[string]*Prepared, len(r.Variants))}
	for _, v := range r.Variants {
		vr := *r
		vr.Subject, vr.MailHTML, vr.MailText, vr.Variants = v.Subject, v.MailHTML, v.MailText, nil
		p, err := c.Prepare(id, &vr, date)
		if err != nil {
			return nil, fmt.Errorf("variant %q: %w", v.Key, err)
		}
		out.byKey[v.Key] = p
	}
	return out, nil
}

// Compose builds the message for one subscriber from their variant.
func (v *Variants) Compose(sub digest.Subscriber) (*digest.Message, error) {
	if p, ok := v.byKey[sub.Sections.Key()]; ok {
		return p.Compose(sub)
	}
	return v.full.Compose(sub)
}
