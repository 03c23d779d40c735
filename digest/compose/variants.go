package compose

import (
	"fmt"

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

// PrepareVariants prepares the edition and each of its variants.
func (c *Composer) PrepareVariants(ed *Edition) (*Variants, error) {
	full, err := c.Prepare(ed)
	if err != nil {
		return nil, err
	}
	out := &Variants{full: full, byKey: make(map[string]*Prepared, len(ed.Variants))}
	for _, v := range ed.Variants {
		ved := *ed
		ved.Subject, ved.HTML, ved.Text, ved.Variants = v.Subject, v.MailHTML, v.MailText, nil
		p, err := c.Prepare(&ved)
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
