package render

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/digest-newsletter/digest/digest"
)

// emailGmailClip is the size above which Gmail clips a message.
const emailGmailClip = 102_400

// htmlCases are the editions every HTML constraint is checked against.
func htmlCases() []struct {
	name    string
	edition *digest.Edition
} {
	noLang := fixtureEdition()
	noLang.Language = ""
	return []struct {
		name    string
		edition *digest.Edition
	}{
		{"fixture", fixtureEdition()},
		{"no language", noLang},
		{"empty", emptyEdition()},
		{"large", largeEdition()},
	}
}

func TestHTMLConstraints(t *testing.T) {
	r := newRenderer(t)
	for _, tc := range htmlCases() {
		t.Run(tc.name, func(t *testing.T) {
			out, err := r.HTML(tc.edition)
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			doc := parseHTML(t, out)
			e := tc.edition

			if !bytes.HasPrefix(out, []byte("<!DOCTYPE html>")) {
				t.Error("output does not start with <!DOCTYPE html>")
			}
			if doc.FirstChild == nil || doc.FirstChild.Type != html.DoctypeNode || doc.FirstChild.Data != "html" {
				t.Error("no html doctype node")
			}

			root := first(doc, "html")
			wantLang := e.Language
			if wantLang == "" {
				wantLang = "en"
			}
			if got := attr(root, "lang"); got != wantLang {
				t.Errorf("html lang = %q, want %q", got, wantLang)
			}

			var charset, viewport bool
			for _, m := range all(doc, "meta") {
				charset = charset || strings.EqualFold(attr(m, "charset"), "utf-8")
				viewport = viewport || attr(m, "name") == "viewport" && strings.Contains(attr(m, "content"), "width=device-width")
			}
			if !charset || !viewport {
				t.Errorf("meta charset utf-8 present: %v, meta viewport present: %v", charset, viewport)
			}

			checkPreheader(t, first(doc, "body"), preheader(e))
			checkSafe(t, doc)
			checkTables(t, doc)
			checkTypography(t, doc)
			checkContent(t, doc, e)

			// The web copy (no UnsubscribeURL) does not say why it came.
			footer := textOf(first(doc, "body"))
			if strings.Contains(footer, "You receive this digest because you subscribed.") {
				t.Error("web copy says the reader subscribed")
			}
			mail := *e
			mail.UnsubscribeURL = "https://digest.example.org/unsubscribe?s=1&t=abc"
			out, err = r.HTML(&mail)
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			if !strings.Contains(textOf(first(parseHTML(t, out), "body")), "You receive this digest because you subscribed.") {
				t.Error("footer note missing from the mail")
			}
		})
	}
}

// checkPreheader wants the preheader as the first element of body, hidden
// from view, and no hidden element at all when there is no preheader.
func checkPreheader(t *testing.T, body *html.Node, preheader string) {
	t.Helper()
	el := firstElementChild(body)
	hidden := el != nil && (el.Data == "div" || el.Data == "span") && isHidden(attr(el, "style"))
	if preheader == "" {
		if hidden {
			t.Error("hidden preheader element rendered for an empty preheader")
		}
		return
	}
	if !hidden {
		t.Fatalf("first element of body is not a hidden div/span (got <%s style=%q>)", tagName(el), attr(el, "style"))
	}
	if got := textOf(el); got != preheader {
		t.Errorf("preheader = %q, want %q", got, preheader)
	}
}

// isHidden: display:none for every client but Outlook on Windows, which
// mso-hide:all hides it from (max-height and overflow, the other usual
// way, are unsupported there).
func isHidden(style string) bool {
	s := strings.ReplaceAll(style, " ", "")
	return strings.Contains(s, "display:none") && strings.Contains(s, "mso-hide:all")
}

// checkSafe rules out what mail clients strip or what would run code.
func checkSafe(t *testing.T, doc *html.Node) {
	t.Helper()
	for _, tag := range []string{"script", "style", "link", "iframe", "object", "form"} {
		if n := len(all(doc, tag)); n > 0 {
			t.Errorf("%d <%s> elements", n, tag)
		}
	}
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s> has event handler attribute %s", n.Data, a.Key)
			}
		}
		if n.Data == "img" && !hasAttr(n, "alt") {
			t.Errorf("<img src=%q> has no alt", attr(n, "src"))
		}
	})
}

// checkTables wants presentation tables only: a full-width outer table and
// a container no wider than 600px inside it.
func checkTables(t *testing.T, doc *html.Node) {
	t.Helper()
	tables := all(doc, "table")
	if len(tables) < 2 {
		t.Fatalf("%d tables, want an outer table and a container", len(tables))
	}
	for i, tb := range tables {
		// "none" is ARIA 1.1's name for "presentation": layout, not data.
		if attr(tb, "role") != "none" {
			t.Errorf("table %d has role %q, want none", i, attr(tb, "role"))
		}
		if w, err := strconv.Atoi(attr(tb, "width")); err == nil && w > 600 {
			t.Errorf("table %d is %dpx wide", i, w)
		}
	}
	outer := tables[0]
	if attr(outer, "width") != "100%" {
		t.Errorf("outer table width = %q, want 100%%", attr(outer, "width"))
	}
	container := first(outer, "table")
	if container == nil {
		t.Fatal("no container table inside the outer table")
	}
	if attr(container, "width") != "600" {
		t.Errorf("container width = %q, want 600", attr(container, "width"))
	}
	if !strings.Contains(strings.ReplaceAll(attr(container, "style"), " ", ""), "max-width:600px") {
		t.Errorf("container style %q lacks max-width:600px", attr(container, "style"))
	}
}

// checkTypography wants the body text set in a system font stack at 16px
// with a line height of 1.5, in a dark colour on white.
func checkTypography(t *testing.T, doc *html.Node) {
	t.Helper()
	var cell *html.Node
	walk(doc, func(n *html.Node) {
		if cell == nil && n.Type == html.ElementNode && n.Data == "td" && strings.Contains(attr(n, "style"), "font-size:16px") {
			cell = n
		}
	})
	if cell == nil {
		t.Fatal("no content cell with font-size:16px")
	}
	style := attr(cell, "style")
	for _, want := range []string{"line-height:1.5", "-apple-system", "Segoe UI", "sans-serif", "color:#1f2937"} {
		if !strings.Contains(style, want) {
			t.Errorf("content cell style %q lacks %q", style, want)
		}
	}
}

// checkContent wants the lead first, then each section's title, summary
// and items in order, every item with a URL linked from its title and
// every item without one showing its source name.
func checkContent(t *testing.T, doc *html.Node, e *digest.Edition) {
	t.Helper()
	h2s := all(doc, "h2")
	if len(h2s) != len(e.Sections) {
		t.Fatalf("%d h2 headings, want %d", len(h2s), len(e.Sections))
	}
	if lead := cite(e.Lead); lead != "" {
		p := paragraphWithText(doc, lead)
		if p == nil {
			t.Fatalf("lead %q not rendered as a paragraph", lead)
		}
		checkMarkers(t, p, e, e.Lead)
		if len(h2s) > 0 && !before(doc, p, h2s[0]) {
			t.Error("lead is not above the first section")
		}
	}
	h3s := all(doc, "h3")
	k := 0
	for i, s := range e.Sections {
		if got := textOf(h2s[i]); got != s.Title {
			t.Errorf("section %d heading = %q, want %q", i, got, s.Title)
		}
		if sum := cite(s.Summary); sum != "" {
			if got := textOf(nextElement(h2s[i])); got != sum {
				t.Errorf("section %q: element after heading = %q, want summary %q", s.Title, got, sum)
			}
			checkMarkers(t, nextElement(h2s[i]), e, s.Summary)
		}
		for _, it := range s.Items {
			if k >= len(h3s) {
				t.Fatalf("item %q has no h3", it.Title)
			}
			h3 := h3s[k]
			k++
			if want := fmt.Sprintf("%d. %s", it.Number, it.Title); textOf(h3) != want {
				t.Errorf("item heading = %q, want %q", textOf(h3), want)
			}
			if !before(doc, h2s[i], h3) || i+1 < len(h2s) && !before(doc, h3, h2s[i+1]) {
				t.Errorf("item %q is not under section %q", it.Title, s.Title)
			}
			a := first(h3, "a")
			switch {
			case it.URL != "" && a == nil:
				t.Errorf("item %q with URL is not linked", it.Title)
			case it.URL != "" && attr(a, "href") != it.URL:
				t.Errorf("item %q links to %q, want %q", it.Title, attr(a, "href"), it.URL)
			case it.URL == "" && a != nil:
				t.Errorf("item %q without URL is linked to %q", it.Title, attr(a, "href"))
			}
			blurb := nextElement(h3)
			if m := meta(it); m != "" {
				if blurb == nil || textOf(blurb) != m {
					t.Errorf("item %q meta line = %q, want %q", it.Title, textOf(blurb), m)
				}
				blurb = nextElement(blurb)
			}
			if sum := strings.Join(it.Summary, " "); sum != "" && textOf(blurb) != sum {
				t.Errorf("item %q summary = %q, want %q", it.Title, textOf(blurb), sum)
			}
			if more := nextElement(blurb); it.URL != "" && (first(more, "a") == nil || attr(first(more, "a"), "href") != it.URL ||
				!strings.HasPrefix(textOf(more), "Read more")) {
				t.Errorf("item %q has no Read more link to %s after its summary", it.Title, it.URL)
			}
		}
	}
	if k != len(h3s) {
		t.Errorf("%d h3 headings, want %d", len(h3s), k)
	}
}

func TestHTMLMetaLine(t *testing.T) {
	tests := []struct {
		item digest.Item
		want string
	}{
		{digest.Item{Source: "Gazette", Published: "2023-05-01", Authors: []string{"A", "B"}}, "Gazette · 2023-05-01 · By A, B"},
		{digest.Item{Source: "notes.txt"}, "notes.txt"},
		{digest.Item{Source: "Gazette", Authors: []string{"A"}}, "Gazette · By A"},
		{digest.Item{Published: "2023-05-01"}, "2023-05-01"},
		{digest.Item{}, ""},
	}
	for _, tt := range tests {
		if got := meta(tt.item); got != tt.want {
			t.Errorf("meta(%+v) = %q, want %q", tt.item, got, tt.want)
		}
	}
}

// TestHTMLEscaping feeds markup through every text slot and wants it back
// as text, never as elements; unsafe URLs must be neutralised.
func TestHTMLEscaping(t *testing.T) {
	const nasty = `Tanks <script>alert("x")</script> & "drones" <b>now</b>`
	e := fixtureEdition()
	e.Title = nasty
	e.Preheader = nasty
	e.Lead = []digest.Sentence{{Text: nasty, ItemID: "a1"}}
	e.Sections[0].Title = nasty
	e.Sections[0].Items[0].Title = nasty
	e.Sections[0].Items[0].Source = nasty
	e.Sections[0].Items[0].Summary = []string{nasty}
	e.Sections[1].Items[0].URL = "javascript:alert(1)"

	out, err := newRenderer(t).HTML(e)
	if err != nil {
		t.Fatalf("HTML: %v", err)
	}
	for _, raw := range []string{"<script>", "<b>", `alert("x")</script>`} {
		if bytes.Contains(out, []byte(raw)) {
			t.Errorf("output contains unescaped %q", raw)
		}
	}
	if !bytes.Contains(out, []byte("&lt;script&gt;")) || !bytes.Contains(out, []byte(" &amp; ")) {
		t.Error("markup and ampersand not escaped as entities")
	}
	doc := parseHTML(t, out)
	if n := len(all(doc, "script")) + len(all(doc, "b")); n > 0 {
		t.Errorf("%d elements injected", n)
	}
	if got := textOf(first(doc, "h1")); got != nasty {
		t.Errorf("title text = %q, want %q", got, nasty)
	}
	if got := textOf(all(doc, "h3")[0]); got != "1. "+nasty {
		t.Errorf("item title text = %q, want %q", got, nasty)
	}
	for _, a := range all(doc, "a") {
		if strings.HasPrefix(strings.ToLower(attr(a, "href")), "javascript:") {
			t.Errorf("javascript: URL rendered as link %q", attr(a, "href"))
		}
	}
}

// TestHTMLSize renders the largest edition the pipeline hands over before
// trimming and wants it well under Gmail's clip.
func TestHTMLSize(t *testing.T) {
	e := largeEdition()
	out, err := newRenderer(t).HTML(e)
	if err != nil {
		t.Fatalf("HTML: %v", err)
	}
	words := 0
	for _, s := range e.Sections {
		for _, it := range s.Items {
			words += len(strings.Fields(strings.Join(it.Summary, " ")))
		}
	}
	if words != 8*5*3*40 {
		t.Fatalf("large edition has %d summary words, want %d", words, 8*5*3*40)
	}
	t.Logf("HTML for %d sections × 5 items × 3 sentences of 40 words: %d bytes (limit %d)", len(e.Sections), len(out), emailGmailClip)
	if len(out) >= emailGmailClip {
		t.Errorf("HTML is %d bytes, want under %d", len(out), emailGmailClip)
	}
}

// checkMarkers: each sentence's marker "[n]" follows it, a link to its
// item's article when that has a URL, plain text otherwise.
func checkMarkers(t *testing.T, p *html.Node, e *digest.Edition, ss []digest.Sentence) {
	t.Helper()
	urls := map[int]string{}
	for _, s := range e.Sections {
		for _, it := range s.Items {
			urls[it.Number] = it.URL
		}
	}
	var got []string
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			got = append(got, c.Data+" "+attr(c, "href")+" "+textOf(c))
		}
	}
	var want []string
	for _, s := range ss {
		if s.Ref == 0 {
			continue
		}
		if u := urls[s.Ref]; u != "" {
			want = append(want, fmt.Sprintf("a %s [%d]", u, s.Ref))
		} else {
			want = append(want, fmt.Sprintf("span  [%d]", s.Ref))
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("markers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
