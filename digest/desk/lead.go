package desk

import (
	"context"
	"fmt"
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// Lead is a sent edition's lead in plain words, its sentences joined: what
// the archive's feed gives as an entry's summary, so a feed reader shows
// what the issue is about before it is opened. Like PublicHTML it is only
// for editions in the archive, so the public face cannot read a draft's.
func (d *Desk) Lead(ctx context.Context, id string) (string, error) {
	rec, err := d.Store.Edition(ctx, id)
	if err != nil {
		return "", err
	}
	if !rec.Status.Carried() {
		return "", fmt.Errorf("edition %s is not in the archive: %w", id, digest.ErrNotFound)
	}
	ed, err := edition(rec)
	if err != nil {
		return "", err
	}
	texts := make([]string, 0, len(ed.Lead))
	for _, s := range ed.Lead {
		if t := strings.TrimSpace(s.Text); t != "" {
			texts = append(texts, t)
		}
	}
	return strings.Join(texts, " "), nil
}
