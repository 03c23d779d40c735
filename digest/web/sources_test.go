package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// japanFeed is an on-theme feed for the default config (Japan and NATO).
const japanFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Tokyo Desk</title><item><guid>t1</guid>
<title>Japan and NATO open a liaison office</title><link>https://desk.example/t1</link>
<pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate>
<description><![CDATA[<p>Japan and NATO agreed to open a liaison office in Tokyo, officials said on Tuesday, deepening security and defense cooperation between the alliance and its Indo-Pacific partner after years of talks.</p><p>The office will coordinate cyber defense, maritime security and technology projects, and prepare joint exercises with allied navies in the region next year, according to the ministry.</p><p>Analysts said the move signals a closer partnership as China and Russia expand military cooperation, and as Japan raises defense spending to record levels.</p>]]></description></item></channel></rss>`

// loopbackFeed serves japanFeed on loopback and counts its requests.
func loopbackFeed(t *testing.T) (string, *atomic.Int32) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, japanFeed)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/feed", &hits
}

// An editor tries a feed (nothing stored), adds it, sees its fetch
// history after a refresh, renames it, pauses it (not fetched), and
// removes it, all on the Sources page.
func TestSourcesPageJourney(t *testing.T) {
	f := desktest.NewWithConfig(t, "sources:\n  allow_loopback: true\n")
	h := newEditor(t, f)
	ctx := context.Background()
	feedURL, hits := loopbackFeed(t)

	rec := get(t, h, "/sources")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `id="add-source"`) || !strings.Contains(rec.Body.String(), "from the config file") {
		t.Fatalf("GET /sources = %d\n%s", rec.Code, rec.Body)
	}
	form := url.Values{"kind": {"feed"}, "url": {feedURL}, "name": {"Tokyo Desk"}}
	rec = post(t, h, "/sources/try", form)
	body := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, `id="trial"`) || !strings.Contains(body, "Japan and NATO open a liaison office") ||
		!strings.Contains(body, "relevance to the theme") || !strings.Contains(body, "kept") || !strings.Contains(body, "2026-11-20") {
		t.Fatalf("try = %d\n%s", rec.Code, body)
	}
	if listed, _ := f.Store.LiveSources(ctx); len(listed) != 0 {
		t.Errorf("try listed %+v", listed)
	}
	if srcs, _ := f.Store.Sources(ctx); len(srcs) != 0 {
		t.Errorf("try stored fetch state %+v", srcs)
	}

	rec = post(t, h, "/sources", form)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("add = %d\n%s", rec.Code, rec.Body)
	}
	src := digest.LiveSource{Kind: digest.SourceFeed, URL: feedURL, Name: "Tokyo Desk"}
	if listed, _ := f.Store.LiveSources(ctx); len(listed) != 1 || listed[0] != src {
		t.Fatalf("listed %+v, want %+v", listed, src)
	}
	if rec := post(t, h, "/sources", form); rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "listed already") {
		t.Errorf("a second add = %d\n%s", rec.Code, rec.Body)
	}

	f.Clock.Set(f.Clock.Now().Add(time.Hour))
	if reps := f.App.Refresher().Refresh(ctx, true); len(reps) != 1 || reps[0].Err != nil || reps[0].Added != 1 {
		t.Fatalf("refresh: %+v", reps)
	}
	page := "/sources/" + src.Ref()
	rec = get(t, h, page)
	if body := rec.Body.String(); rec.Code != 200 || !strings.Contains(body, `class="fetch-ok"`) || !strings.Contains(body, "<td>200</td>") {
		t.Errorf("the source's page after a fetch = %d\n%s", rec.Code, body)
	}

	if rec := post(t, h, page+"/edit", url.Values{"name": {"Tokyo Bureau"}, "section": {f.App.Config.Sections[0].Title}}); rec.Code != http.StatusSeeOther {
		t.Errorf("edit = %d\n%s", rec.Code, rec.Body)
	}
	if rec := post(t, h, page+"/edit", url.Values{"name": {"Tokyo Bureau"}, "section": {"Gardening"}}); rec.Code != 400 ||
		!strings.Contains(rec.Body.String(), "Section: &#34;Gardening&#34; is not a section title") {
		t.Errorf("edit to an unknown section = %d\n%s", rec.Code, rec.Body)
	}
	if rec := post(t, h, page+"/pause", url.Values{}); rec.Code != http.StatusSeeOther {
		t.Errorf("pause = %d", rec.Code)
	}
	listed, _ := f.Store.LiveSources(ctx)
	if len(listed) != 1 || listed[0].Name != "Tokyo Bureau" || listed[0].Section != f.App.Config.Sections[0].Title || !listed[0].Paused {
		t.Errorf("after edit and pause: %+v", listed)
	}
	before := hits.Load()
	if reps := f.App.Refresher().Refresh(ctx, true); len(reps) != 1 || !reps[0].Paused || hits.Load() != before {
		t.Errorf("a paused source was fetched: %+v, %d requests", reps, hits.Load()-before)
	}
	if rec := get(t, h, "/sources"); !strings.Contains(rec.Body.String(), "paused") || !strings.Contains(rec.Body.String(), "Tokyo Bureau") {
		t.Errorf("the list does not show the paused source:\n%s", rec.Body)
	}
	if rec := post(t, h, page+"/resume", url.Values{}); rec.Code != http.StatusSeeOther {
		t.Errorf("resume = %d", rec.Code)
	}
	// Removing asks first: a bare POST leads to the confirmation step and
	// removes nothing.
	rec = post(t, h, page+"/remove", url.Values{})
	if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || !strings.HasSuffix(loc, page+"/remove") {
		t.Errorf("remove without confirming = %d to %q", rec.Code, loc)
	}
	if listed, _ := f.Store.LiveSources(ctx); len(listed) != 1 {
		t.Errorf("a remove not confirmed removed it: %+v", listed)
	}
	if rec := get(t, h, page+"/remove"); rec.Code != 200 || !strings.Contains(rec.Body.String(), `id="remove-confirm"`) {
		t.Errorf("the confirmation step = %d\n%s", rec.Code, rec.Body)
	}
	if rec := post(t, h, page+"/remove", url.Values{"confirm": {"remove"}}); rec.Code != http.StatusSeeOther {
		t.Errorf("remove = %d", rec.Code)
	}
	if listed, _ := f.Store.LiveSources(ctx); len(listed) != 0 {
		t.Errorf("after remove: %+v", listed)
	}
	if rec := get(t, h, page); rec.Code != 404 || !strings.Contains(rec.Body.String(), "no such source") {
		t.Errorf("a removed source's page = %d\n%s", rec.Code, rec.Body)
	}
}

// An editor gives a source a new address: it is checked as an addition
// is, the source keeps its history under its new ref, the change is in
// the history, and an address hiding a secret is shown hidden and kept
// when sent back unchanged.
func TestSourceNewAddress(t *testing.T) {
	f := desktest.NewWithConfig(t, "sources:\n  allow_loopback: true\n")
	h := newEditor(t, f)
	ctx := context.Background()
	feedURL, hits := loopbackFeed(t)
	old := digest.LiveSource{Kind: digest.SourcePage, URL: feedURL + "?old", Name: "Bureau"}
	if err := f.Desk.AddSource(ctx, old); err != nil {
		t.Fatal(err)
	}
	f.Store.RecordFetch(ctx, digest.FetchAttempt{SourceKey: old.Key(), At: f.Clock.Now(), Outcome: digest.FetchFailed, Error: "the site did not answer"})
	page := "/sources/" + old.Ref()

	rec := post(t, h, page+"/edit", url.Values{"kind": {"feed"}, "url": {"http://10.1.2.3/rss"}, "name": {"Bureau"}})
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "10.1.2.3 is a private network address") {
		t.Errorf("a new private address = %d\n%s", rec.Code, rec.Body)
	}
	if listed, _ := f.Store.LiveSources(ctx); len(listed) != 1 || listed[0] != old {
		t.Fatalf("a refused edit changed the list: %+v", listed)
	}

	moved := digest.LiveSource{Kind: digest.SourceFeed, URL: feedURL, Name: "Bureau"}
	rec = post(t, h, page+"/edit", url.Values{"kind": {"feed"}, "url": {" " + feedURL + " "}, "name": {"Bureau"}})
	if loc := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || !strings.HasSuffix(loc, "/sources/"+moved.Ref()) {
		t.Fatalf("new address = %d to %q, want the new ref %s\n%s", rec.Code, loc, moved.Ref(), rec.Body)
	}
	if listed, _ := f.Store.LiveSources(ctx); len(listed) != 1 || listed[0] != moved {
		t.Errorf("after a new address: %+v, want %+v", listed, moved)
	}
	body := get(t, h, "/sources/"+moved.Ref()).Body.String()
	if !strings.Contains(body, "the site did not answer") {
		t.Errorf("the history did not follow the source:\n%s", body)
	}
	if rec := get(t, h, page); rec.Code != 404 {
		t.Errorf("the old ref = %d, want 404", rec.Code)
	}
	if reps := f.App.Refresher().Refresh(ctx, true); len(reps) != 1 || reps[0].Err != nil || hits.Load() == 0 {
		t.Errorf("the new address was not fetched at the next refresh: %+v", reps)
	}
	changes, err := f.Desk.History(ctx, "")
	if err != nil || len(changes) < 2 || changes[0].Kind != digest.ChangeSource || !strings.Contains(changes[0].Words, "now read as a feed") ||
		!strings.Contains(changes[0].Words, "address "+feedURL) || !strings.Contains(changes[1].Words, "added the page “Bureau”") {
		t.Errorf("history: %+v %v", changes, err)
	}

	secret := digest.LiveSource{Kind: digest.SourceFeed, URL: "https://reader:s3cret-pw@members.example/rss", Name: "Members"}
	if err := f.Desk.AddSource(ctx, secret); err != nil {
		t.Fatal(err)
	}
	spage := "/sources/" + secret.Ref()
	shown := digest.RedactURL(secret.URL)
	if body := get(t, h, spage).Body.String(); strings.Contains(body, "s3cret-pw") || !strings.Contains(body, shown) {
		t.Errorf("the edit form shows the secret, or not the address:\n%s", body)
	}
	if rec := post(t, h, spage+"/edit", url.Values{"kind": {"feed"}, "url": {shown}, "name": {"Members only"}}); rec.Code != http.StatusSeeOther {
		t.Errorf("rename with the address as shown = %d\n%s", rec.Code, rec.Body)
	}
	edited := strings.Replace(shown, "/rss", "/atom", 1)
	rec = post(t, h, spage+"/edit", url.Values{"kind": {"feed"}, "url": {edited}, "name": {"Members only"}})
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "secret included") {
		t.Errorf("an address edited around its hidden secret = %d\n%s", rec.Code, rec.Body)
	}
	want := secret
	want.Name = "Members only"
	if listed, _ := f.Store.LiveSources(ctx); len(listed) != 2 || listed[1] != want {
		t.Errorf("after renaming the source with a secret: %+v, want %+v", listed, want)
	}
}

// Additions are checked by the config file's rule and refused in words,
// nothing listed; the fetch guard refuses loopback unless the config
// allows it.
func TestSourcesRefusals(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	feedURL, hits := loopbackFeed(t)
	for _, tt := range []struct {
		name, target, kind, url, want string
	}{
		{"not http", "/sources", "feed", "ftp://news.example/rss", "must be an http or https URL"},
		{"not a URL", "/sources", "feed", "news.example/rss", "must be an http or https URL"},
		{"private address", "/sources", "page", "http://10.1.2.3/story", "10.1.2.3 is a private network address"},
		{"metadata address", "/sources/try", "page", "http://169.254.169.254/latest", "cloud metadata"},
		{"loopback try", "/sources/try", "feed", feedURL, "127.0.0.1 is a loopback address"},
		{"loopback add", "/sources", "feed", feedURL, "loopback address"},
		{"unknown kind", "/sources", "folder", "https://news.example/rss", "Kind: must be feed or page"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := post(t, h, tt.target, url.Values{"kind": {tt.kind}, "url": {tt.url}})
			body := rec.Body.String()
			if rec.Code != 400 || !strings.Contains(body, tt.want) || strings.Contains(body, "bad input") {
				t.Errorf("%s = %d, want 400 saying %q:\n%s", tt.target, rec.Code, tt.want, body)
			}
			if !strings.Contains(body, `value="`+tt.url+`"`) {
				t.Errorf("the typed address is not kept in the form")
			}
		})
	}
	if listed, _ := f.Store.LiveSources(context.Background()); len(listed) != 0 {
		t.Errorf("refused sources listed: %+v", listed)
	}
	if hits.Load() != 0 {
		t.Errorf("the loopback feed was fetched %d times", hits.Load())
	}
}

// A try of an address that answers with something else says so.
func TestSourcesTryFailsInWords(t *testing.T) {
	f := desktest.NewWithConfig(t, "sources:\n  allow_loopback: true\n")
	h := newEditor(t, f)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, "<!DOCTYPE html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>")
	}))
	defer srv.Close()
	for path, want := range map[string]string{
		"/missing": "nothing at this address (HTTP 404)",
		"/home":    "a web page, not a feed",
	} {
		rec := post(t, h, "/sources/try", url.Values{"kind": {"feed"}, "url": {srv.URL + path}})
		if rec.Code != http.StatusBadGateway || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("try %s = %d, want 502 saying %q:\n%s", path, rec.Code, want, rec.Body)
		}
	}
}

// Every Sources route asks for credentials when the desk has them, and
// refuses a cross-site POST even with them; nothing changes either way.
func TestSourcesRoutesGuarded(t *testing.T) {
	f := desktest.NewWithConfig(t, "sources:\n  allow_loopback: true\n")
	ctx := context.Background()
	src := digest.LiveSource{Kind: digest.SourceFeed, URL: "https://news.example/rss", Name: "News"}
	if err := f.Desk.AddSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	const token = "s3cret-token-long-enough"
	h := newEditor(t, f, func(o *EditorOptions) { o.Token = token })
	ref := "/sources/" + src.Ref()
	add := url.Values{"kind": {"feed"}, "url": {"https://other.example/rss"}}
	routes := []struct {
		method, target string
		form           url.Values
	}{
		{"GET", "/sources", nil},
		{"GET", ref, nil},
		{"POST", "/sources", add},
		{"POST", "/sources/try", add},
		{"POST", ref + "/edit", url.Values{"name": {"Changed"}}},
		{"POST", ref + "/pause", url.Values{}},
		{"POST", ref + "/resume", url.Values{}},
		{"POST", ref + "/remove", url.Values{}},
	}
	for _, rt := range routes {
		t.Run(rt.method+" "+rt.target, func(t *testing.T) {
			rec := request{method: rt.method, target: rt.target, form: rt.form,
				header: map[string]string{"Sec-Fetch-Site": "same-origin"}}.do(t, h, editorAddr)
			if rec.Code != http.StatusUnauthorized {
				t.Errorf("without credentials = %d, want 401", rec.Code)
			}
			if rt.method != "POST" {
				return
			}
			rec = request{method: rt.method, target: rt.target, form: rt.form, header: map[string]string{
				"Sec-Fetch-Site": "cross-site", "Authorization": "Bearer " + token}}.do(t, h, editorAddr)
			if rec.Code != http.StatusForbidden {
				t.Errorf("cross-site with credentials = %d, want 403", rec.Code)
			}
		})
	}
	if listed, _ := f.Store.LiveSources(ctx); len(listed) != 1 || listed[0] != src {
		t.Errorf("refused requests changed the list: %+v", listed)
	}
	// With credentials and from the page itself, the list opens.
	rec := request{target: "/sources", header: map[string]string{"Authorization": "Bearer " + token}}.do(t, h, editorAddr)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "News") {
		t.Errorf("GET /sources with the token = %d", rec.Code)
	}
}
