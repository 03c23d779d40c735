package desk

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// PreviewPath is where the public face serves an edition's private
// preview: /preview/<edition id>?k=<expiry>.<signature>.
const PreviewPath = "/preview/"

// previewLife is how long a test copy's "view in your browser" link
// works: long enough to read the copy over a few days, short enough that
// a forwarded test copy does not open a draft for good.
const previewLife = 7 * 24 * time.Hour

// PreviewURL is a private link to an edition's web copy that works
// before it is sent, until expires: signed with the links' secret over
// its purpose, the edition and the expiry. It is on the public face,
// not the editors', because whoever reads a test copy reads it in a mail
// client, often on a phone that cannot reach the editors' pages; the
// signature keeps it private, and it shows the web copy only, which
// carries no one's unsubscribe link.
func (d *Desk) PreviewURL(id string, expires time.Time) string {
	return strings.TrimRight(d.PublicURL, "/") + PreviewPath + url.PathEscape(id) + "?k=" + d.previewKey(id, expires)
}

func (d *Desk) previewKey(id string, expires time.Time) string {
	e := strconv.FormatInt(expires.Unix(), 10)
	mac := hmac.New(sha256.New, d.Secret)
	for _, part := range []string{"preview", id, e} {
		mac.Write([]byte(part))
		mac.Write([]byte{0})
	}
	return e + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// PreviewHTML is an edition's web copy for a preview link: refused, as
// a bad token, when the key is not this edition's, is tampered with or
// has expired; not found for an edition that is gone or was discarded.
func (d *Desk) PreviewHTML(ctx context.Context, id, key string) ([]byte, error) {
	e, _, ok := strings.Cut(key, ".")
	unix, err := strconv.ParseInt(e, 10, 64)
	if !ok || err != nil || len(d.Secret) == 0 {
		return nil, fmt.Errorf("preview of %s: %w", id, ErrBadToken)
	}
	expires := time.Unix(unix, 0)
	if !hmac.Equal([]byte(key), []byte(d.previewKey(id, expires))) || !d.Clock.Now().Before(expires) {
		return nil, fmt.Errorf("preview of %s: %w", id, ErrBadToken)
	}
	rec, err := d.Store.Edition(ctx, id)
	if err != nil {
		return nil, err
	}
	if rec.Status == digest.EditionDiscarded || len(rec.HTML) == 0 {
		return nil, fmt.Errorf("preview of %s: %w", id, digest.ErrNotFound)
	}
	return rec.HTML, nil
}

// withPreviewLinks points a test copy's links to the edition's web copy
// (its "view in your browser" link, and the items linked to it) at a
// private preview, since the archive shows an edition only once it is
// sent. Only the test copy changes: what is approved and sent keeps the
// archive links.
func (d *Desk) withPreviewLinks(r *digest.Rendition, id string) {
	web := strings.TrimRight(d.PublicURL, "/") + "/archive/" + url.PathEscape(id)
	if d.PublicURL == "" {
		return
	}
	preview := d.PreviewURL(id, d.Clock.Now().Add(previewLife))
	r.MailHTML = []byte(strings.ReplaceAll(string(r.MailHTML), web+`"`, preview+`"`))
	r.MailHTML = []byte(strings.ReplaceAll(string(r.MailHTML), web+`#`, preview+`#`))
	r.MailText = []byte(strings.ReplaceAll(string(r.MailText), web+"\n", preview+"\n"))
	r.MailText = []byte(strings.ReplaceAll(string(r.MailText), web+"\r\n", preview+"\r\n"))
	r.MailText = []byte(strings.ReplaceAll(string(r.MailText), web+"#", preview+"#"))
}
