package web

import (
	"bytes"
	"cmp"
	"context"
	"net/http"
	"regexp"
	"strconv"
	"testing"

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
	pub := newPublic(t, f)
	base := "/r/" + ed.ID + "/"
	tests := []struct {
		name   string
		method string
		target string
		status int
		to     string
	}{
		{"its own link", "", base + strconv.Itoa(first.Number), 302, first.URL},
		{"another URL given", "", base + strconv.Itoa(first.Number) + "?u=https://evil.example/&url=https://evil.example/", 302, first.URL},
		{"a made-up signature", "", base + strconv.Itoa(first.Number) + "?u=https://evil.example/&s=AAAA", 302, first.URL},
		{"unknown item", "", base + "99", 404, ""},
		{"item zero", "", base + "0", 404, ""},
		{"leading zero", "", base + "0" + strconv.Itoa(first.Number), 404, ""},
		{"not a number", "", base + "abc", 404, ""},
		{"URL as item", "", base + "https:%2F%2Fevil.example", 404, ""},
		{"unknown edition", "", "/r/nope/1", 404, ""},
		{"an item without a link", "", "/r/" + f.EditionID + "/1", 404, ""},
		{"more path", "", base + strconv.Itoa(first.Number) + "/evil.example", 404, ""},
		{"HEAD", http.MethodHead, base + strconv.Itoa(first.Number), 405, ""},
		{"POST", http.MethodPost, base + strconv.Itoa(first.Number), 405, ""},
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
	target := "/r/" + edOff.ID + "/" + strconv.Itoa(linkedItems(edOff)[0].Number)
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
		redirect := []byte(desktest.PublicURL + "/r/" + ed.ID + "/" + strconv.Itoa(it.Number))
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
