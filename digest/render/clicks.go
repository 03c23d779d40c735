package render

import (
	"net/url"
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// ClickPath is the public face's redirect prefix: /r/<edition id>/<item
// id>. The redirect looks the article's URL up in the stored edition, so
// the link carries no target a third party could change. Items are named
// by their id, not their number, because a variant for some sections
// numbers its items afresh while its links lead to the same articles.
const ClickPath = "/r/"

// ClickURL is the redirect link for one item of an edition whose web copy
// is at webURL (".../archive/<id>"); "" when the edition has no public
// URL, as the redirect lives on the public face.
func ClickURL(webURL, editionID, itemID string) string {
	base, _, ok := strings.Cut(webURL, "/archive/")
	if !ok || base == "" {
		return ""
	}
	return base + ClickPath + url.PathEscape(editionID) + "/" + url.PathEscape(itemID)
}

// withClickLinks returns the edition as its email shows it: with click
// counting on, every item's article URL replaced by its redirect link, so
// each link in the HTML and text parts (titles, "Read more", the [n]
// markers, the text part's Links) goes through the redirect. It rewrites
// at render time, so what an editor approves is what is sent. The web
// copy and the JSON keep the article URLs: the JSON is what the redirect
// reads them from. e itself is never written to.
func withClickLinks(e *digest.Edition) *digest.Edition {
	if !e.CountClicks || ClickURL(e.WebURL, e.ID, "-") == "" {
		return e
	}
	out := *e
	out.Sections = make([]digest.Section, len(e.Sections))
	for s, sec := range e.Sections {
		out.Sections[s] = sec
		out.Sections[s].Items = make([]digest.Item, len(sec.Items))
		for i, it := range sec.Items {
			if it.URL != "" && it.ID != "" {
				it.URL = ClickURL(e.WebURL, e.ID, it.ID)
			}
			out.Sections[s].Items[i] = it
		}
	}
	return &out
}
