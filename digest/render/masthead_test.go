package render

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/digest-newsletter/digest/digest"
)

func TestBrandName(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Harbour Weekly No. 7 — 7 December 2026", "Harbour Weekly"},
		{"Harbour Weekly — 7 December 2026", "Harbour Weekly"},
		{"Harbour Weekly", "Harbour Weekly"},
		{" No. 7", "No. 7"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := brandName(&digest.Edition{Title: tt.title}); got != tt.want {
			t.Errorf("brandName(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

// The HTML masthead names the list, linked to the archive when the
// edition has a web copy.
func TestMasthead(t *testing.T) {
	r := newRenderer(t)
	tests := []struct {
		name, webURL, wantHref string
	}{
		{"with public face", "https://digest.example.org/archive/ed-1", "https://digest.example.org/archive"},
		{"without", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := fixtureEdition()
			e.WebURL = tt.webURL
			out, err := r.HTML(e)
			if err != nil {
				t.Fatal(err)
			}
			doc := parseHTML(t, out)
			var cell *html.Node
			walk(doc, func(n *html.Node) {
				if cell == nil && n.Type == html.ElementNode && n.Data == "td" && textOf(n) == "Harbour & Lighthouse Weekly" {
					cell = n
				}
			})
			if cell == nil {
				t.Fatalf("no masthead cell reading %q", "Harbour & Lighthouse Weekly")
			}
			h1 := first(doc, "h1")
			if !before(doc, cell, h1) {
				t.Error("masthead is not above the title")
			}
			a := first(cell, "a")
			if got := attr(a, "href"); a != nil && got != tt.wantHref || a == nil && tt.wantHref != "" {
				t.Errorf("masthead link = %q, want %q", got, tt.wantHref)
			}
		})
	}
}

// A brand names the masthead and colours it; an edition built before
// brands keeps the name from its title and the templates' colour.
func TestMastheadBrand(t *testing.T) {
	r := newRenderer(t)
	tests := []struct {
		name             string
		brand            digest.Brand
		wantName, colour string
	}{
		{"brand", digest.Brand{Name: "Tide Tables", Accent: "#0F766E"}, "Tide Tables", "#0f766e"},
		{"brand with logo", digest.Brand{Name: "Tide Tables", Logo: digest.Logo{Src: "https://digest.example.org/brand/logo.png",
			Width: 120, Height: 40, Alt: "Tide Tables"}}, "Tide Tables", defaultAccent},
		{"brand without accent", digest.Brand{Name: "Tide Tables"}, "Tide Tables", defaultAccent},
		{"no brand", digest.Brand{}, "Harbour & Lighthouse Weekly", defaultAccent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := fixtureEdition()
			e.WebURL = "https://digest.example.org/archive/ed-1"
			e.Brand = tt.brand
			out, err := r.HTML(e)
			if err != nil {
				t.Fatal(err)
			}
			var cell *html.Node
			walk(parseHTML(t, out), func(n *html.Node) {
				if cell == nil && n.Type == html.ElementNode && n.Data == "td" && textOf(n) == tt.wantName {
					cell = n
				}
			})
			if cell == nil {
				t.Fatalf("no masthead cell reading %q", tt.wantName)
			}
			for _, n := range []*html.Node{cell, first(cell, "a")} {
				if style := attr(n, "style"); !strings.Contains(style, "color:"+tt.colour) {
					t.Errorf("<%s> style %q lacks colour %s", n.Data, style, tt.colour)
				}
			}
			img := first(cell, "img")
			if (img != nil) != (tt.brand.Logo.Src != "") {
				t.Fatalf("logo shown: %v, brand %+v", img != nil, tt.brand.Logo)
			}
			if img != nil && (attr(img, "src") != tt.brand.Logo.Src || attr(img, "alt") != tt.brand.Logo.Alt ||
				attr(img, "width") != "120" || attr(img, "height") != "40") {
				t.Errorf("logo %s %q %sx%s", attr(img, "src"), attr(img, "alt"), attr(img, "width"), attr(img, "height"))
			}
		})
	}
}

// A title never breaks inside its date: no-break spaces in HTML, and
// the text part's wrapped title keeps "7 December 2026" on one line.
func TestTitleKeepsDate(t *testing.T) {
	r := newRenderer(t)
	for pad := 40; pad <= 76; pad += 3 {
		title := strings.Repeat("x", pad-20) + " Weekly No. 7 — 7 December 2026"
		e := fixtureEdition()
		e.Title = title
		html, err := r.HTML(e)
		if err != nil {
			t.Fatal(err)
		}
		if h1 := textOf(first(parseHTML(t, html), "h1")); !strings.Contains(h1, "No.\u00a07 — 7\u00a0December\u00a02026") {
			t.Errorf("pad %d: h1 %q breaks inside the date", pad, h1)
		}
		text, err := r.Text(e)
		if err != nil {
			t.Fatal(err)
		}
		head, _, _ := strings.Cut(string(text), "\n=")
		if !strings.Contains(head, "7 December 2026") || strings.Contains(head, "\u00a0") || strings.Contains(head, textGlue) {
			t.Errorf("pad %d: text title wraps the date apart:\n%s", pad, head)
		}
	}
}

func TestNobreakTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Weekly No. 7 — 7 December 2026", "Weekly No.\u00a07 — 7\u00a0December\u00a02026"},
		{"Weekly — December 7, 2026", "Weekly — December\u00a07,\u00a02026"},
		{"Weekly, 2026-12-07", "Weekly, 2026-12-07"},
		{"Plain title", "Plain title"},
	}
	for _, tt := range tests {
		if got := nobreakTitle(tt.in); got != tt.want {
			t.Errorf("nobreakTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The preheader the edition carries is the one shown (the pipeline
// writes the items' titles, an editor may write another: see
// pipeline's preheader); an edition stored without one previews its
// items' titles.
func TestPreheaderPreview(t *testing.T) {
	titles := "Last keepers <script>alert(1)</script> & their lamps · Remote monitoring funded · Solar lamps…"
	tests := []struct {
		name, preheader, want string
		edition               func() *digest.Edition
	}{
		{"the pipeline's preview", titles, titles, fixtureEdition},
		{"none stored", "", titles, fixtureEdition},
		{"editor's wins", "Our spring issue: farewell to the keepers", "Our spring issue: farewell to the keepers", fixtureEdition},
		{"short edition whole", "", "Only one", func() *digest.Edition {
			return numbered(&digest.Edition{Title: "T", Sections: []digest.Section{{Title: "S", Items: []digest.Item{{ID: "a", Title: "Only one"}}}}})
		}},
		{"no items keeps the given one", "Nothing this week", "Nothing this week", emptyEdition},
	}
	r := newRenderer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.edition()
			e.Preheader = tt.preheader
			got := preheader(e)
			if got != tt.want {
				t.Errorf("preheader = %q, want %q", got, tt.want)
			}
			if n := len([]rune(got)); n > maxPreview+1 && tt.preheader == "" {
				t.Errorf("preview is %d runes", n)
			}
			out, err := r.HTML(e)
			if err != nil {
				t.Fatal(err)
			}
			checkPreheader(t, first(parseHTML(t, out), "body"), tt.want)
		})
	}
}

// "In this issue" links every item: to its article, or to its place on
// the web copy; never to an anchor in the message. The web copy's item
// headings carry the ids those links name.
func TestInThisIssueLinks(t *testing.T) {
	tests := []struct {
		name, webURL string
		want         []string // per item, "" for no link
	}{
		{"with web copy", "https://digest.example.org/archive/ed-2024-03-04", []string{
			"https://gazette.example/keepers?id=7&ref=mail",
			"https://digest.example.org/archive/ed-2024-03-04#item-2",
			"https://lamplens.example/solar-north",
		}},
		{"without web copy", "", []string{"https://gazette.example/keepers?id=7&ref=mail", "", "https://lamplens.example/solar-north"}},
	}
	r := newRenderer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := fixtureEdition()
			e.WebURL = tt.webURL
			out, err := r.HTML(e)
			if err != nil {
				t.Fatal(err)
			}
			doc := parseHTML(t, out)
			var label *html.Node
			walk(doc, func(n *html.Node) {
				if label == nil && n.Type == html.ElementNode && n.Data == "p" && textOf(n) == "In this issue" {
					label = n
				}
			})
			if label == nil {
				t.Fatal("no In this issue")
			}
			entry := label
			for i, want := range tt.want {
				entry = nextElement(entry)
				a := first(entry, "a")
				switch {
				case want == "" && a != nil:
					t.Errorf("entry %d linked to %q, want no link", i+1, attr(a, "href"))
				case want != "" && (a == nil || attr(a, "href") != want):
					t.Errorf("entry %d (%q) does not link %q", i+1, textOf(entry), want)
				}
			}
			walk(doc, func(n *html.Node) {
				if n.Type == html.ElementNode && n.Data == "a" && strings.HasPrefix(attr(n, "href"), "#") {
					t.Errorf("in-message anchor %q", attr(n, "href"))
				}
			})
			for i, h3 := range all(doc, "h3") {
				if want := "item-" + string(rune('1'+i)); attr(h3, "id") != want {
					t.Errorf("h3 %d id = %q, want %q", i, attr(h3, "id"), want)
				}
			}
			text, err := r.Text(e)
			if err != nil {
				t.Fatal(err)
			}
			links := linksList(t, strings.Split(string(text), "\n"))
			for i, want := range tt.want {
				if links[i+1] != want {
					t.Errorf("text link [%d] = %q, want %q", i+1, links[i+1], want)
				}
			}
		})
	}
}

// The "because you subscribed" line is for the mail; the web copy links
// the archive and the sign-up page instead. Both parts agree.
func TestWebCopyFooter(t *testing.T) {
	r := newRenderer(t)
	tests := []struct {
		name, unsubscribe string
		want, notWant     []string
	}{
		{"mail", "https://digest.example.org/unsubscribe?s=1&t=abc",
			[]string{"You receive this digest because you subscribed.", "Unsubscribe"},
			[]string{"https://digest.example.org/subscribe"}},
		{"web copy", "",
			[]string{"https://digest.example.org/archive", "https://digest.example.org/subscribe"},
			[]string{"because you subscribed", "Unsubscribe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := fixtureEdition()
			e.UnsubscribeURL = tt.unsubscribe
			h, err := r.HTML(e)
			if err != nil {
				t.Fatal(err)
			}
			tx, err := r.Text(e)
			if err != nil {
				t.Fatal(err)
			}
			for part, out := range map[string]string{"html": string(h), "text": string(tx)} {
				for _, w := range tt.want {
					if !strings.Contains(out, w) {
						t.Errorf("%s part lacks %q", part, w)
					}
				}
				for _, w := range tt.notWant {
					if strings.Contains(out, w) {
						t.Errorf("%s part has %q", part, w)
					}
				}
			}
		})
	}
}

// The web copy's head describes it with the lead; the mail's does not.
func TestWebCopyDescription(t *testing.T) {
	long := fixtureEdition()
	long.Lead = []digest.Sentence{{Text: strings.Repeat("Lighthouse keepers retire. ", 20)}}
	tests := []struct {
		name        string
		edition     *digest.Edition
		unsubscribe string
		want        string
	}{
		{"web copy", fixtureEdition(), "", "Three keepers retire as the last manual light goes dark. Solar lamps now power 40% of the northern chain, up from 12% in 2019."},
		{"long lead cut", long, "", strings.TrimSpace(strings.Repeat("Lighthouse keepers retire. ", 7)) + " Lighthouse…"},
		{"mail", fixtureEdition(), "https://digest.example.org/unsubscribe?s=1&t=abc", ""},
		{"no lead", emptyEdition(), "", ""},
	}
	r := newRenderer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.edition.UnsubscribeURL = tt.unsubscribe
			out, err := r.HTML(tt.edition)
			if err != nil {
				t.Fatal(err)
			}
			got, found := "", false
			for _, m := range all(parseHTML(t, out), "meta") {
				if attr(m, "name") == "description" {
					got, found = attr(m, "content"), true
				}
			}
			if got != tt.want || found != (tt.want != "") {
				t.Errorf("description = %q (present %v), want %q", got, found, tt.want)
			}
		})
	}
}
