package desk

import (
	"context"
	"fmt"
	"net/url"

	"github.com/digest-newsletter/digest/digest"
)

// Click is the public redirect's lookup: the article URL of the item
// itemID (its article id, as the link names it) of the stored edition,
// and one more click counted on it. The target comes only from the
// stored edition, never from the request, so the redirect cannot be
// pointed anywhere else; anything it does not carry (counting off, an
// unknown edition, an edition sent with plain links, an item it does not
// have or that has no link) is not found. Clicks count once the edition
// goes out; before that (a test copy, the preview) the link still works
// and counts nothing. Nothing about who clicked is kept.
func (d *Desk) Click(ctx context.Context, editionID, itemID string) (string, error) {
	notFound := fmt.Errorf("click link %s/%s: %w", editionID, itemID, digest.ErrNotFound)
	if !d.CountClicks || d.Tally == nil || itemID == "" {
		return "", notFound
	}
	rec, err := d.Store.Edition(ctx, editionID)
	if err != nil {
		return "", err
	}
	ed, err := edition(rec)
	if err != nil || !ed.CountClicks {
		return "", notFound
	}
	target := ""
	for _, sec := range ed.Sections {
		for _, it := range sec.Items {
			if it.ID == itemID {
				target = it.URL
			}
		}
	}
	if u, err := url.Parse(target); target == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", notFound
	}
	if rec.Status.Carried() {
		if err := d.Tally.CountClick(ctx, editionID, itemID); err != nil {
			return "", err
		}
	}
	return target, nil
}
