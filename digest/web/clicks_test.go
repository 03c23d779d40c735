package web

import (
	"bytes"
	"cmp"
	"context"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// The redirect goes only where the stored edition links: another URL in
// the request, a made-up signature, an unknown item or edition, an item
// without a link and any method but GET are refused, and with counting
// off there is no redirect at all and the email links the articles.
func TestClickRedirectRefuses(t *testing.T) {
	f := desktest.NewWithConfig(t, countClicks)
	ed := linkedEdition(t, f)
	first := linkedItems(ed)[0]
	seedItem := inSection(t, view(t, f)) // the seed edition's: no URL
	pub := newPublic(t, f)
	base := "/r/" + ed.ID + "/"
	tests := []struct {
		name   string
		method string
		target string
		status int
		to     string
	}{
		{"its own link", "", base + first.ID, 302, first.URL},
		{"another URL given", "", base + first.ID + "?u=https://evil.example/&url=https://evil.example/", 302, first.URL},
		{"a made-up signature", "", base + first.ID + "?u=https://evil.example/&s=AAAA", 302, first.URL},
		{"unknown item", "", base + "0123456789abcdef", 404, ""},
		{"item by number", "", base + strconv.Itoa(first.Number), 404, ""},
		{"a changed id", "", base + first.ID[:len(first.ID)-1] + "x", 404, ""},
		{"URL as item", "", base + "https:%2F%2Fevil.example", 404, ""},
		{"another edition's item", "", "/r/" + f.EditionID + "/" + first.ID, 404, ""},
		{"unknown edition", "", "/r/nope/" + first.ID, 404, ""},
		{"an item without a link", "", "/r/" + f.EditionID + "/" + seedItem.ArticleID, 404, ""},
		{"more path", "", base + first.ID + "/evil.example", 404, ""},
		{"HEAD", http.MethodHead, base + first.ID, 405, ""},
		{"POST", http.MethodPost, base + first.ID, 405, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := request{method: tt.method, target: tt.target}.do(t, pub, publicAddr)
			if rec.Code != tt.status {
				t.Fatalf("%s %s = %d, want %d", cmp.Or(tt.method, "GET"), tt.target, rec.Code, tt.status)
			}
			if loc := rec.Header().Get("Location"); loc != tt.to {
				t.Errorf("Location = %q, want %q", loc, tt.to)
			}
		})
	}

	off := desktest.New(t)
	edOff := linkedEdition(t, off)
	target := "/r/" + edOff.ID + "/" + linkedItems(edOff)[0].ID
	if rec := (request{target: target}).do(t, newPublic(t, off), publicAddr); rec.Code != 404 {
		t.Errorf("with counting off the redirect answers %d, want 404", rec.Code)
	}
	v, err := off.Desk.View(context.Background(), edOff.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range [][]byte{v.MailHTML, v.MailText} {
		if bytes.Contains(part, []byte("/r/")) || !bytes.Contains(part, []byte(linkedItems(edOff)[0].URL)) {
			t.Error("with counting off the email does not link the article directly")
		}
	}
	if r := results(t, off, edOff.ID); r.CountClicks || r.Clicks != nil {
		t.Error("results count clicks with counting off")
	}
}

// With counting on, the email the editor previews and approves goes
// through the redirect; the web copy and the JSON keep the articles'
// URLs, and the JSON is what the redirect reads them from.
func TestWebCopyLinksDirect(t *testing.T) {
	f := desktest.NewWithConfig(t, countClicks)
	ctx := context.Background()
	ed := linkedEdition(t, f)
	rec, err := f.Store.Edition(ctx, ed.ID)
	if err != nil {
		t.Fatal(err)
	}
	v, err := f.Desk.View(ctx, ed.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range linkedItems(ed) {
		for name, part := range map[string][]byte{"web copy": rec.HTML, "web text": rec.Text, "json": rec.JSON} {
			if !bytes.Contains(part, []byte(it.URL)) || bytes.Contains(part, []byte(desktest.PublicURL+"/r/")) {
				t.Errorf("the %s does not link %s directly", name, it.URL)
			}
		}
		redirect := []byte(desktest.PublicURL + "/r/" + ed.ID + "/" + it.ID)
		for name, part := range map[string][]byte{"mail html": rec.MailHTML, "mail text": rec.MailText,
			"previewed html": v.HTML, "previewed text": v.Text} {
			if bytes.Contains(part, []byte(it.URL)) || !bytes.Contains(part, redirect) {
				t.Errorf("the %s links %s directly, or not through %s", name, it.URL, redirect)
			}
		}
	}
	if regexp.MustCompile(`https://news\.example\.com`).Match(rec.MailHTML) {
		t.Error("the mail HTML has an article link not through the redirect")
	}
	// Approval covers those bytes: what is sent is what was previewed.
	if err := f.Desk.Approve(ctx, ed.ID); err != nil {
		t.Fatal(err)
	}
	after, err := f.Store.Edition(ctx, ed.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.ApprovedHash != rec.Hash() {
		t.Error("the approval does not cover the rendered email with its redirect links")
	}
}

// redirectLink finds the redirect links in a mail part.
var redirectLink = regexp.MustCompile(regexp.QuoteMeta(desktest.PublicURL+"/r/") + `([^/"\s]+)/([^/"\s#?]+)`)

// A variant for some sections numbers its items afresh; its links still
// lead each title to its own article, since they name the item, not its
// number.
func TestVariantLinksLeadToTheirArticles(t *testing.T) {
	f := desktest.NewWithConfig(t, countClicks)
	ctx := context.Background()
	section := f.App.Config.SectionSpecs()[0].Title
	if err := f.Store.SetSubscriberSections(ctx, f.Subscribers[0].ID, digest.Sections{section}, f.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	ed := linkedEdition(t, f)
	rec, err := f.Store.Edition(ctx, ed.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Variants) == 0 {
		t.Fatal("no variant rendered for the one-section subscriber")
	}
	byID := map[string]digest.Item{}
	for _, s := range ed.Sections {
		for _, it := range s.Items {
			byID[it.ID] = it
		}
	}
	for _, v := range rec.Variants {
		links := redirectLink.FindAllSubmatch(v.MailHTML, -1)
		if len(links) == 0 {
			t.Fatalf("variant %q has no redirect link", v.Key)
		}
		for _, m := range links {
			it, ok := byID[string(m[2])]
			if string(m[1]) != ed.ID || !ok {
				t.Fatalf("variant %q links %s, which names no item of the edition", v.Key, m[0])
			}
			if !bytes.Contains(v.MailHTML, []byte(it.Title)) {
				t.Errorf("variant %q links item %q it does not show", v.Key, it.Title)
			}
			to, err := f.Desk.Click(ctx, ed.ID, it.ID)
			if err != nil || to != it.URL {
				t.Errorf("variant %q: %s leads to %q (%v), want %s", v.Key, m[0], to, err, it.URL)
			}
		}
		for _, it := range byID {
			if it.URL != "" && bytes.Contains(v.MailHTML, []byte(it.URL)) {
				t.Errorf("variant %q links %s directly", v.Key, it.URL)
			}
		}
	}
}
