package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The archive as an Atom feed (RFC 4287), for readers who follow the
// digest in a feed reader: one entry per sent edition, linking to its
// web copy, which carries no one's personal link.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Author  struct {
		Name string `xml:"name"`
	} `xml:"author"`
}

// archiveFeed serves /archive.atom. Links are absolute, from the
// configured public URL (or the request's own host when none is set).
func (p *public) archiveFeed(w http.ResponseWriter, r *http.Request) {
	list, err := p.desk.Archive(r.Context(), listLimit)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	base := strings.TrimRight(p.publicURL, "/")
	if base == "" {
		base = "http://" + r.Host
	}
	feed := atomFeed{Title: "Archive", ID: base + "/archive", Updated: time.Unix(0, 0).UTC().Format(time.RFC3339),
		Links: []atomLink{{Href: base + "/archive.atom", Rel: "self", Type: "application/atom+xml"},
			{Href: base + "/archive", Rel: "alternate", Type: "text/html"}}}
	for i, s := range list {
		updated := s.BuiltAt
		if updated.IsZero() {
			updated = s.CreatedAt
		}
		if i == 0 {
			feed.Updated = updated.UTC().Format(time.RFC3339)
		}
		link := base + "/archive/" + url.PathEscape(s.ID)
		e := atomEntry{Title: titleOf(s), ID: link, Updated: updated.UTC().Format(time.RFC3339),
			Link: atomLink{Href: link, Rel: "alternate", Type: "text/html"}}
		e.Author.Name = p.listName
		feed.Entries = append(feed.Entries, e)
	}
	if feed.Title = p.listName; feed.Title == "" {
		feed.Title = "Archive"
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		p.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(out)
}
