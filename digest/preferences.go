package digest

import (
	"slices"
	"strings"
)

// Sections is the set of section titles a subscriber chose to receive;
// empty means every section. Editions are composed once per distinct
// set (a Variant), never per person.
type Sections []string

// Key names the set: its titles lower-cased, sorted and deduplicated,
// one per line; "" for every section. Two subscribers with the same
// choice share a key whatever order or case they chose in.
func (s Sections) Key() string {
	if len(s) == 0 {
		return ""
	}
	keys := make([]string, 0, len(s))
	for _, t := range s {
		if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
			keys = append(keys, t)
		}
	}
	slices.Sort(keys)
	return strings.Join(slices.Compact(keys), "\n")
}

// Has reports whether the set takes the section with this title.
func (s Sections) Has(title string) bool {
	return len(s) == 0 || slices.ContainsFunc(s, func(t string) bool { return strings.EqualFold(strings.TrimSpace(t), title) })
}

// SectionsFromKey reads a set back from its Key.
func SectionsFromKey(key string) Sections {
	if key == "" {
		return nil
	}
	return strings.Split(key, "\n")
}

// Variant is an edition as composed for one set of sections: its own
// lead, drawn from those sections, and their items only. It is rendered
// with the edition and covered by its approval like the rest.
type Variant struct {
	Key                string // Sections.Key of the set
	Subject            string
	MailHTML, MailText []byte
}
