package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// countedLarge is the large edition as its email shows it with click
// counting on: every article link through the redirect, for the client
// and size checks.
func countedLarge() *digest.Edition {
	e := largeEdition()
	e.CountClicks = true
	return withClickLinks(e)
}

// With click counting on, every article link in both mail parts goes
// through the edition's redirect, and only there: the web copy keeps the
// articles' URLs, the edition given is not changed, and with counting
// off the mail links the articles.
func TestClickLinksInMail(t *testing.T) {
	r := newRenderer(t)
	for _, on := range []bool{true, false} {
		e := fixtureEdition()
		e.CountClicks = on
		rend, err := r.Rendition(e, digest.MailHeader{})
		if err != nil {
			t.Fatal(err)
		}
		linked := 0
		for _, s := range e.Sections {
			for _, it := range s.Items {
				if it.URL == "" {
					continue
				}
				linked++
				if strings.Contains(it.URL, "/r/") {
					t.Fatalf("counting %v: the edition given was changed: item %d links %s", on, it.Number, it.URL)
				}
				redirect := "https://digest.example.org/r/" + e.ID + "/" + it.ID
				for name, part := range map[string][]byte{"mail html": rend.MailHTML, "mail text": rend.MailText} {
					direct := bytes.Contains(part, []byte(htmlAttr(it.URL))) || bytes.Contains(part, []byte(it.URL))
					through := bytes.Contains(part, []byte(redirect))
					if on && (direct || !through) {
						t.Errorf("counting on: %s: item %d direct %v, through the redirect %v", name, it.Number, direct, through)
					}
					if !on && (!direct || through) {
						t.Errorf("counting off: %s: item %d direct %v, through the redirect %v", name, it.Number, direct, through)
					}
				}
				for name, part := range map[string][]byte{"web html": rend.HTML, "web text": rend.Text, "json": rend.JSON} {
					if bytes.Contains(part, []byte(redirect)) {
						t.Errorf("counting %v: the %s links the redirect", on, name)
					}
				}
			}
		}
		if linked == 0 {
			t.Fatal("the fixture has no item with a URL")
		}
	}
}

// htmlAttr is a URL as html/template writes it in an attribute.
func htmlAttr(u string) string { return strings.ReplaceAll(u, "&", "&amp;") }

// An edition whose web copy has no public URL has no redirect to send
// its links through: they stay the articles'.
func TestClickLinksNeedAPublicURL(t *testing.T) {
	e := fixtureEdition()
	e.CountClicks, e.WebURL = true, ""
	if got := withClickLinks(e); got != e {
		t.Error("links rewritten without a public URL")
	}
}

// The largest edition with its links through the redirect still fits
// under Gmail's clipping size.
func TestClickLinksSize(t *testing.T) {
	e := largeEdition()
	e.CountClicks = true
	out, err := newRenderer(t).MailHTML(e)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := newRenderer(t).MailHTML(largeEdition())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("large edition's mail HTML: %d bytes with clicks counted, %d without (limit %d)", len(out), len(plain), emailGmailClip)
	if len(out) >= emailGmailClip {
		t.Errorf("HTML is %d bytes with clicks counted, want under %d", len(out), emailGmailClip)
	}
}
