package web

import (
	"bytes"
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/digest-newsletter/digest/digest/desk"
)

// The archive as an Atom feed (RFC 4287), for readers who follow the
// digest in a feed reader: one entry per sent edition, with the lead as
// its summary and the whole web copy, which carries no one's personal
// link, as its content, so the issue reads in the reader itself.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string       `xml:"title"`
	ID      string       `xml:"id"`
	Updated string       `xml:"updated"`
	Link    atomLink     `xml:"link"`
	Summary string       `xml:"summary,omitempty"`
	Content *atomContent `xml:"content"`
}

// atomContent is HTML as text: the reader unescapes it and shows it.
type atomContent struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// feedEntries bounds the feed: readers keep what they fetched, and each
// entry carries a whole issue (up to Gmail's ~100 KB), so twenty recent
// issues are plenty and the archive page lists the rest.
const feedEntries = 20

// LeadDesk is what the feed asks of the desk for its entries' summaries:
// an archived edition's lead in plain words.
type LeadDesk interface {
	Lead(ctx context.Context, id string) (string, error)
}

// archiveFeed serves /archive.atom. Links are absolute, from the
// configured public URL (or the request's own host when none is set).
func (p *public) archiveFeed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	list, err := p.desk.Archive(ctx, feedEntries)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	base := strings.TrimRight(p.publicURL, "/")
	if base == "" {
		base = "http://" + r.Host
	}
	feed := atomFeed{Title: p.listName, ID: base + "/archive",
		Links: []atomLink{{Href: base + "/archive.atom", Rel: "self", Type: "application/atom+xml"},
			{Href: base + "/archive", Rel: "alternate", Type: "text/html"}}}
	if feed.Title == "" {
		feed.Title = "Archive"
	}
	feed.Author.Name = feed.Title
	// RFC 4287 wants exactly one atom:updated on the feed: the newest
	// entry's, or, with no entry yet, the time it is served.
	var newest time.Time
	for _, s := range list {
		at := issuedAt(s)
		if at.After(newest) {
			newest = at
		}
		feed.Entries = append(feed.Entries, p.entry(ctx, base, s, at))
	}
	if newest.IsZero() {
		newest = p.tokens.now() // the face's injected clock
	}
	feed.Updated = atomTime(newest)
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

// entry makes one edition's entry. An edition whose web copy or lead
// cannot be read is still listed, with its link, and the failure logged:
// one bad row must not take the whole feed down.
func (p *public) entry(ctx context.Context, base string, s desk.Summary, at time.Time) atomEntry {
	link := base + "/archive/" + url.PathEscape(s.ID)
	e := atomEntry{Title: titleOf(s), ID: link, Updated: atomTime(at),
		Link: atomLink{Href: link, Rel: "alternate", Type: "text/html"}}
	if lead, err := p.desk.Lead(ctx, s.ID); err != nil {
		p.log.Warn("feed: no summary", "edition", s.ID, "error", err)
	} else {
		e.Summary = strings.TrimSpace(lead)
	}
	page, err := p.desk.PublicHTML(ctx, s.ID)
	if err != nil {
		p.log.Warn("feed: no content", "edition", s.ID, "error", err)
		return e
	}
	if body, err := bodyHTML(page); err != nil {
		p.log.Warn("feed: no content", "edition", s.ID, "error", err)
	} else if body != "" {
		e.Content = &atomContent{Type: "html", Body: body}
	}
	return e
}

// issuedAt is when an edition went out as far as the summary tells: its
// approval, else its build, else its creation. (The desk's summary has no
// send time.)
func issuedAt(s desk.Summary) time.Time {
	for _, t := range []time.Time{s.ApprovedAt, s.BuiltAt, s.CreatedAt} {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// atomTime writes an RFC 3339 date as RFC 4287's Date constructs need.
func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// bodyHTML returns what is inside the web copy's <body>: a feed entry's
// HTML content is a fragment, with no document, head or title of its own.
// What the copy hides with an inline display:none (the email's preheader)
// is left out: feed readers drop inline styles, and would show it.
func bodyHTML(page []byte) (string, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return "", err
	}
	body := findBody(doc)
	if body == nil {
		return "", nil
	}
	var b strings.Builder
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if hidden(c) {
			continue
		}
		if err := html.Render(&b, c); err != nil {
			return "", err
		}
	}
	return strings.TrimSpace(b.String()), nil
}

// hidden reports whether n is an element its inline style hides.
func hidden(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, a := range n.Attr {
		if a.Key == "style" && strings.Contains(strings.ReplaceAll(strings.ToLower(a.Val), " ", ""), "display:none") {
			return true
		}
	}
	return false
}

func findBody(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.Data == "body" {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	return nil
}
