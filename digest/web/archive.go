package web

import (
	"bytes"
	"context"
	"fmt"
	htmltemplate "html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/lazyre"
)

// The public archive: an index of the sent editions, newest first, a page
// at a time, each with its number, date, lead and item titles; and each
// edition's web copy, served with links to the issues either side of it,
// the archive and the sign-up page, and the metadata a search engine or
// a link preview reads (description, canonical URL, Open Graph).

const (
	// archivePerPage is how many editions an index page lists.
	archivePerPage = 20
	// archiveMaxPage bounds ?page=, so no request asks the desk for an
	// unbounded list.
	archiveMaxPage = 50
	// neighbourScan is how many of the newest editions are searched for
	// an edition's neighbours; older ones link only the archive.
	neighbourScan = archivePerPage * archiveMaxPage
)

// archiveEntry is one edition in the archive index.
type archiveEntry struct {
	desk.Summary
	// Date is when it went out, YYYY-MM-DD.
	Date string
	// Teaser is its lead; Items its items' titles, from its web copy.
	Teaser string
	Items  []string
}

// archiveIndex serves /archive?page=N.
func (p *public) archive(w http.ResponseWriter, r *http.Request) {
	page := 1
	if s := r.URL.Query().Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > archiveMaxPage {
			p.notFound(w, r)
			return
		}
		page = n
	}
	list, err := p.desk.Archive(r.Context(), page*archivePerPage+1)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	start := (page - 1) * archivePerPage
	if start >= len(list) && page > 1 {
		p.notFound(w, r)
		return
	}
	end := min(start+archivePerPage, len(list))
	data := &archivePage{layout: layout{Face: facePublic, Title: "Archive", Root: rootOf(r)}, Page: page}
	if page > 1 {
		data.Title = fmt.Sprintf("Archive, page %d", page)
		data.Prev = rootOf(r) + "archive"
		if page > 2 {
			data.Prev += "?page=" + strconv.Itoa(page-1)
		}
	}
	if len(list) > end {
		data.Next = rootOf(r) + "archive?page=" + strconv.Itoa(page+1)
	}
	for _, s := range list[start:end] {
		data.Editions = append(data.Editions, p.archiveEntry(r.Context(), s))
	}
	w.Header().Set("Cache-Control", "no-cache")
	p.pages.render(w, http.StatusOK, "archive", data)
}

// archiveEntry reads an edition's lead and item titles from its web copy.
// One that cannot be read is listed with its title alone, and logged.
func (p *public) archiveEntry(ctx context.Context, s desk.Summary) archiveEntry {
	e := archiveEntry{Summary: s, Date: formatTime(issuedAt(s), "2006-01-02")}
	page, err := p.desk.PublicHTML(ctx, s.ID)
	if err == nil {
		var c *webCopy
		if c, err = readWebCopy(page); err == nil {
			e.Teaser, e.Items = c.description, c.items
		}
	}
	if err != nil {
		p.log.Warn("archive: no teaser", "edition", s.ID, "error", err)
	}
	return e
}

func (p *public) notFound(w http.ResponseWriter, r *http.Request) {
	p.fail(w, r, fmt.Errorf("archive page %q: %w", r.URL.Query().Get("page"), digest.ErrNotFound))
}

// archived serves a sent edition's web copy as a page of its own, under a
// policy that lets its inline styles apply and nothing run, with the
// navigation and metadata added (see webCopy.page).
func (p *public) archived(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	body, err := p.desk.PublicHTML(ctx, id)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", archiveCSP)
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Type", "text/html; charset=utf-8")
	nav := issueNav{Root: rootOf(r)}
	if list, err := p.desk.Archive(ctx, neighbourScan); err != nil {
		p.log.Warn("archive: no neighbours", "edition", id, "error", err)
	} else {
		nav.Prev, nav.Next = neighbours(list, id, nav.Root)
	}
	c, err := readWebCopy(body)
	if err == nil {
		body, err = c.page(p.baseURL(r)+"/archive/"+url.PathEscape(id), nav)
	}
	if err != nil { // the copy as stored beats no copy
		p.log.Warn("archive: web copy served as stored", "edition", id, "error", err)
	}
	_, _ = w.Write(body)
}

// baseURL is the public face's absolute root: the configured public URL,
// or the request's own host when none is set (as the feed's).
func (p *public) baseURL(r *http.Request) string {
	if base := strings.TrimRight(p.publicURL, "/"); base != "" {
		return base
	}
	return "http://" + r.Host
}

// issueLink is a link to another issue.
type issueLink struct{ Href, Title string }

// issueNav leads from an issue to its neighbours, the archive and the
// sign-up page.
type issueNav struct {
	Root       string
	Prev, Next *issueLink
	Label      string
}

// neighbours finds the issues sent before (prev) and after (next) id in
// list, which is newest first.
func neighbours(list []desk.Summary, id, root string) (prev, next *issueLink) {
	link := func(s desk.Summary) *issueLink {
		return &issueLink{Href: root + "archive/" + url.PathEscape(s.ID), Title: titleOf(s)}
	}
	for i, s := range list {
		if s.ID != id {
			continue
		}
		if i+1 < len(list) {
			prev = link(list[i+1])
		}
		if i > 0 {
			next = link(list[i-1])
		}
	}
	return prev, next
}

// navHTML is the issue navigation, in inline styles: the web copy's
// policy allows those and no style sheet.
var navHTML = htmltemplate.Must(htmltemplate.New("nav").Parse(`<nav aria-label="{{.Label}}" style="box-sizing:border-box;max-width:600px;margin:0 auto;padding:12px 24px;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2937;">
{{- if or .Prev .Next}}
<p style="margin:0 0 4px;">
{{- with .Prev}}<a rel="prev" href="{{.Href}}" style="color:#1d4ed8;">← Previous: {{.Title}}</a>{{end}}
{{- if and .Prev .Next}} · {{end}}
{{- with .Next}}<a rel="next" href="{{.Href}}" style="color:#1d4ed8;">Next: {{.Title}} →</a>{{end}}</p>
{{- end}}
<p style="margin:0;"><a href="{{.Root}}archive" style="color:#1d4ed8;">All issues</a> · <a href="{{.Root}}subscribe" style="color:#1d4ed8;">Subscribe</a></p>
</nav>`))

// webCopy is an edition's stored web copy, parsed, with what the archive
// reads from it.
type webCopy struct {
	doc, head, body *html.Node
	title           string
	description     string
	items           []string
}

// itemNumber is the "3. " an item's heading starts with.
var itemNumber = lazyre.New(`^\d+\.\s+`)

// legacyFooter is what web copies built before the footer knew its
// reader said to everyone, subscribed or not.
const legacyFooter = "You receive this digest because you subscribed."

// readWebCopy parses a web copy. Its description is the head's (the
// lead), or, in a copy from before there was one, the lead paragraph;
// its items are its h3 headings without their numbers.
func readWebCopy(page []byte) (*webCopy, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, err
	}
	c := &webCopy{doc: doc}
	var lead string
	walkNodes(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.DataAtom {
		case atom.Head:
			c.head = n
		case atom.Body:
			c.body = n
		case atom.Title:
			c.title = nodeText(n)
		case atom.Meta:
			if attrOf(n, "name") == "description" {
				c.description = attrOf(n, "content")
			}
		case atom.H3:
			if t := itemNumber.ReplaceAllString(nodeText(n), ""); t != "" {
				c.items = append(c.items, t)
			}
		case atom.P:
			if lead == "" && strings.Contains(attrOf(n, "style"), "font-size:18px") {
				lead = strings.Join(strings.Fields(leadText(n)), " ")
			}
		}
	})
	if c.head == nil || c.body == nil {
		return nil, fmt.Errorf("web copy has no head or body")
	}
	if c.description == "" {
		c.description = lead
	}
	return c, nil
}

// page writes the copy as the archive serves it: with its canonical URL
// and Open Graph metadata, the issue navigation above and below it, and
// without the old footer line a web visitor has no reason to read.
func (c *webCopy) page(canonical string, nav issueNav) ([]byte, error) {
	add := func(tag string, attrs ...string) {
		n := &html.Node{Type: html.ElementNode, Data: tag, DataAtom: atom.Lookup([]byte(tag))}
		for i := 0; i+1 < len(attrs); i += 2 {
			n.Attr = append(n.Attr, html.Attribute{Key: attrs[i], Val: attrs[i+1]})
		}
		c.head.AppendChild(n)
	}
	if c.description != "" && !c.hasMeta("name", "description") {
		add("meta", "name", "description", "content", c.description)
	}
	add("link", "rel", "canonical", "href", canonical)
	add("meta", "property", "og:type", "content", "article")
	add("meta", "property", "og:title", "content", c.title)
	if c.description != "" {
		add("meta", "property", "og:description", "content", c.description)
	}
	add("meta", "property", "og:url", "content", canonical)

	var legacy []*html.Node
	walkNodes(c.body, func(n *html.Node) {
		if n.DataAtom == atom.P && strings.TrimSpace(nodeText(n)) == legacyFooter {
			legacy = append(legacy, n)
		}
	})
	for _, n := range legacy {
		n.Parent.RemoveChild(n)
	}

	// The issue itself is the page's main landmark, between the two
	// navigations; the body loses the browser's margin, so the copy's
	// grey surround reaches the window's edges as in a mail reader.
	main := &html.Node{Type: html.ElementNode, Data: "main", DataAtom: atom.Main}
	for n := firstVisible(c.body); n != nil; {
		next := n.NextSibling
		c.body.RemoveChild(n)
		main.AppendChild(n)
		n = next
	}
	c.body.AppendChild(main)
	style := &html.Node{Type: html.ElementNode, Data: "style", DataAtom: atom.Style}
	style.AppendChild(&html.Node{Type: html.TextNode, Data: "body{margin:0;background-color:#f3f4f6}"})
	c.head.AppendChild(style)

	for i, label := range []string{"Issues", "More issues"} {
		nav.Label = label
		var b strings.Builder
		if err := navHTML.Execute(&b, nav); err != nil {
			return nil, err
		}
		nodes, err := html.ParseFragment(strings.NewReader(b.String()), c.body)
		if err != nil {
			return nil, err
		}
		for _, n := range nodes {
			if i == 0 {
				c.body.InsertBefore(n, firstVisible(c.body))
			} else {
				c.body.AppendChild(n)
			}
		}
	}
	var out bytes.Buffer
	if err := html.Render(&out, c.doc); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// firstVisible is the body's first child after the hidden preheader, so
// the preheader stays first, where mail-like readers look for it.
func firstVisible(body *html.Node) *html.Node {
	for n := body.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && !hidden(n) {
			return n
		}
	}
	return nil
}

func (c *webCopy) hasMeta(key, val string) bool {
	for n := c.head.FirstChild; n != nil; n = n.NextSibling {
		if n.DataAtom == atom.Meta && attrOf(n, key) == val {
			return true
		}
	}
	return false
}

// leadText is a lead paragraph's text without its "[n]" markers.
func leadText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && strings.HasPrefix(nodeText(c), "[") {
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return strings.ReplaceAll(b.String(), "\u00a0", " ")
}

func walkNodes(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkNodes(c, fn)
	}
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	walkNodes(n, func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
	})
	return strings.TrimSpace(b.String())
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
