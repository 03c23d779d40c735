package extract

import (
	"regexp"
	"strings"

	"github.com/markusmobius/go-trafilatura"
)

// hostPattern is how go-trafilatura derives a site name from the URL
// when the page states none.
var hostPattern = regexp.MustCompile(`(?i)^https?://(?:www\.|w[0-9]+\.)?([^/]+)`)

// setMetadata copies what the page states about itself. Values are
// cleaned to plain text, as they come verbatim from attributes and
// JSON-LD. A site name go-trafilatura made up from the host name is
// dropped: the page did not say it, and the URL already does.
func (r *Result) setMetadata(m *trafilatura.Metadata) {
	if m == nil {
		return
	}
	r.Title = plainMeta(m.Title)
	r.SiteName = plainMeta(m.Sitename)
	if h := hostPattern.FindStringSubmatch(m.URL); h != nil && strings.EqualFold(h[1], r.SiteName) {
		r.SiteName = ""
	}
	for _, a := range strings.Split(m.Author, ";") {
		if a = plainMeta(a); a != "" {
			r.Authors = append(r.Authors, a)
		}
	}
	if !m.Date.IsZero() {
		r.Published = m.Date
	}
}
