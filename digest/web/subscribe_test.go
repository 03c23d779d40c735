package web

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// The sign-up page says what a reader gets before they give an address:
// the brand, the sections with what they cover, when issues come, the
// latest issue's contents with a link to it, and what is kept.
func TestSubscribePageShowsWhatReadersGet(t *testing.T) {
	f := desktest.New(t)
	h := newPublic(t, f)
	b := f.App.Config.DigestBrand()

	before := request{target: "/subscribe"}.do(t, h, publicAddr).Body.String()
	if strings.Contains(before, "The latest issue") {
		t.Error("a sample issue is shown before any was sent")
	}
	send(t, f)
	ed := view(t, f).Edition
	rec := request{target: "/subscribe"}.do(t, h, publicAddr)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /subscribe = %d", rec.Code)
	}
	body := rec.Body.String()
	want := []string{
		"<h1>Subscribe to " + b.Name + "</h1>", `<span class="brand">` + b.Name + "</span>", b.Description,
		"A new issue comes every Monday at 07:00 Tokyo time",
		`<h2 id="sample-heading">The latest issue</h2>`, `href="./archive/` + url.PathEscape(f.EditionID) + `"`,
		ed.Sections[0].Items[0].Title, "What we keep: your email address",
	}
	for i, s := range f.App.Config.SectionSpecs() {
		want = append(want, `value="`+s.Title+`"`, strings.Fields(s.Description)[0]+" ",
			`aria-describedby="signup-section-`+string(rune('0'+i))+`-about"`)
	}
	for _, w := range want {
		mustContain(t, body, w)
	}
}

// Sections ticked at sign-up are the subscriber's once the link is
// used, not before; a section the config does not name is refused with
// the form, as it was ticked.
func TestSignupChoosesSections(t *testing.T) {
	titles := func(f *desktest.Fixture) []string { return f.Desk.SectionTitles() }
	tests := []struct {
		name   string
		pick   func(all []string) []string
		status int
		want   digest.Sections // after confirming
	}{
		{"one section", func(all []string) []string { return all[:1] }, http.StatusAccepted, nil},
		{"none is every section", func([]string) []string { return nil }, http.StatusAccepted, nil},
		{"all is every section", func(all []string) []string { return all }, http.StatusAccepted, nil},
		{"unknown section", func(all []string) []string { return []string{all[0], "Gossip"} }, http.StatusBadRequest, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := desktest.New(t)
			h := newSignupFace(t, f)
			const addr = "chooser@example.com"
			picked := tt.pick(titles(f))
			if tt.name == "one section" {
				tt.want = digest.Sections(picked)
			}
			rec := filled(f, "", url.Values{"email": {addr}, "section": picked}).do(t, h, publicAddr)
			if rec.Code != tt.status {
				t.Fatalf("sign-up = %d, want %d: %s", rec.Code, tt.status, rec.Body)
			}
			if tt.status != http.StatusAccepted {
				mustContain(t, rec.Body.String(), "Please choose among the sections listed.")
				mustContain(t, rec.Body.String(), `value="`+picked[0]+`" checked`)
				return
			}
			f.SendNotices(t)
			link := confirmLink.FindString(f.Messages(t)[0].Body)
			if sub, _ := f.Store.Subscriber(t.Context(), addr); len(sub.Sections) != 0 {
				t.Errorf("sections %q set before the link was used", sub.Sections)
			}
			if rec := (request{method: http.MethodPost, target: link}).do(t, h, publicAddr); rec.Code != http.StatusOK {
				t.Fatalf("confirm = %d", rec.Code)
			}
			sub, err := f.Store.Subscriber(t.Context(), addr)
			if err != nil || sub.Sections.Key() != tt.want.Key() {
				t.Errorf("after confirming: sections %q, %v; want %q", sub.Sections, err, tt.want)
			}
		})
	}
}

// The desk offers an iframe of the public form, and only the form may be
// framed by other sites.
func TestSignupFormEmbeds(t *testing.T) {
	f := desktest.New(t)
	ed := newEditor(t, f, func(o *EditorOptions) { o.PublicURL, o.List = desktest.PublicURL, "Tide & Tables" })
	body := request{target: "/"}.do(t, ed, editorAddr).Body.String()
	mustContain(t, body, `&lt;iframe src=&#34;`+desktest.PublicURL+`/subscribe&#34; title=&#34;Subscribe to Tide &amp;amp; Tables&#34;`)

	pub := newPublic(t, f)
	tests := []struct {
		req       request
		ancestors string
	}{
		{request{target: "/subscribe"}, "frame-ancestors *"},
		{filled(f, "", url.Values{"email": {"framed@example.com"}}), "frame-ancestors *"},
		{request{target: "/archive"}, "frame-ancestors 'self'"},
		{request{target: "/unsubscribe?s=1&t=x"}, "frame-ancestors 'self'"},
	}
	for _, tt := range tests {
		rec := tt.req.do(t, pub, publicAddr)
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, tt.ancestors) {
			t.Errorf("%s %s: policy %q lacks %q", tt.req.method, tt.req.target, csp, tt.ancestors)
		}
	}
}

// The welcome says when issues come, which sections the reader gets and
// how to choose others, and links the latest issue.
func TestWelcomeSaysWhatComesNext(t *testing.T) {
	f := desktest.New(t)
	send(t, f)
	h := newSignupFace(t, f)
	const addr = "welcomed@example.com"
	chosen := f.Desk.SectionTitles()[1]
	filled(f, "", url.Values{"email": {addr}, "section": {chosen}}).do(t, h, publicAddr)
	f.SendNotices(t)
	msgs := f.Messages(t)
	link := confirmLink.FindString(msgs[len(msgs)-1].Body)
	if rec := (request{method: http.MethodPost, target: link}).do(t, h, publicAddr); rec.Code != http.StatusOK {
		t.Fatalf("confirm = %d", rec.Code)
	}
	f.SendNotices(t)
	msgs = f.Messages(t)
	welcome := msgs[len(msgs)-1]
	if welcome.To != addr || !strings.HasPrefix(welcome.Subject, "Welcome to") {
		t.Fatalf("last message %q to %s, want the welcome", welcome.Subject, welcome.To)
	}
	body := strings.Join(strings.Fields(welcome.Body), " ")
	for _, want := range []string{
		"every Monday at 07:00 Tokyo time.",
		"the sections you chose: " + chosen + ".",
		"Read the latest issue: " + desktest.PublicURL + "/archive/" + url.PathEscape(f.EditionID),
		"Choose your sections: " + desktest.PublicURL + "/unsubscribe?s=",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the welcome lacks %q:\n%s", want, welcome.Body)
		}
	}
}

// A logo file named in the config is served at its path; a missing one
// stops the face from starting.
func TestLogoFileServed(t *testing.T) {
	f := desktest.New(t)
	file := filepath.Join(t.TempDir(), "logo.svg")
	if err := os.WriteFile(file, []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), 0o600); err != nil {
		t.Fatal(err)
	}
	o := PublicOptions{Addr: publicAddr, PublicURL: desktest.PublicURL, Secret: f.Secret,
		Logo: &Asset{Path: "/brand/logo.svg", File: file, Type: "image/svg+xml"}}
	h, err := NewPublic(f.Desk, o)
	if err != nil {
		t.Fatal(err)
	}
	rec := request{target: "/brand/logo.svg"}.do(t, h, publicAddr)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(rec.Body.String(), "<svg") {
		t.Errorf("GET logo = %d %q %q", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	o.Logo.File += ".gone"
	if _, err := NewPublic(f.Desk, o); err == nil || !strings.Contains(err.Error(), "/brand/logo.svg") {
		t.Errorf("missing logo file: %v", err)
	}
}
