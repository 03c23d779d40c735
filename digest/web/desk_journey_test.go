package web

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/passhash"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// deskJourney is an editors' face with a named editor, a public face,
// and headless Chromium logged in as that editor.
type deskJourney struct {
	t            *testing.T
	ctx          context.Context
	f            *desktest.Fixture
	desk, public *httptest.Server
}

const (
	journeyEditor   = "aiko"
	journeyPassword = "harbour-lights-at-dusk"
)

func newDeskJourney(t *testing.T, config string) *deskJourney {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browser := findChromium()
	if browser == "" {
		t.Skip("SKIPPED: no chromium or chromium-browser binary on PATH, so the desk journey " +
			"did not run; install it with `apt-get install chromium`")
	}
	f := desktest.NewWithConfig(t, config)
	hash, err := passhash.Hash(journeyPassword, passhash.Params{Memory: 8 * 1024, Time: 1, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	j := &deskJourney{t: t, f: f}
	j.desk = httptest.NewUnstartedServer(nil)
	h, err := NewEditor(f.Desk, EditorOptions{Addr: j.desk.Listener.Addr().String(), Clock: f.Clock,
		Editors: []Editor{{Name: journeyEditor, PasswordHash: hash}}})
	if err != nil {
		t.Fatalf("NewEditor: %v", err)
	}
	j.desk.Config.Handler = h
	j.desk.Start()
	t.Cleanup(j.desk.Close)
	j.public = httptest.NewUnstartedServer(nil)
	ph, err := NewPublic(f.Desk, PublicOptions{Addr: j.public.Listener.Addr().String(), PublicURL: desktest.PublicURL,
		Clock: f.Clock, Secret: f.Secret, Title: f.App.Config.Title, Brand: f.App.Config.DigestBrand()})
	if err != nil {
		t.Fatalf("NewPublic: %v", err)
	}
	j.public.Config.Handler = ph
	j.public.Start()
	t.Cleanup(j.public.Close)

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.WindowSize(1280, 900))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	t.Cleanup(cancelBrowser)
	j.ctx = ctx
	return j
}

// logIn sends the editor's basic-auth credentials with every request
// from now on, as a browser does once its login prompt is answered.
func (j *deskJourney) logIn(user, password string) {
	j.t.Helper()
	auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
	j.do("log in", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Authorization": auth}}); err != nil {
			return err
		}
		// The pages allow no script to fetch (connect-src 'none'); the
		// test reads the downloads an editor saves with fetch().
		_, err := cdp.Call(ctx, tg, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
		return err
	}))
}

func (j *deskJourney) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	j.t.Helper()
	start := time.Now()
	defer func() { j.t.Logf("%s: %s", step, time.Since(start).Round(time.Millisecond)) }()
	if err := chromedp.Do(j.ctx, actions...); err != nil {
		j.t.Fatalf("browser: %s: %v", step, err)
	}
}

// flash waits for the page's confirmation holding words.
func flashOK(words string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.Search(`//p[contains(@class,"flash-ok") and contains(., "` + words + `")]`))
}

// shoot saves the page at 1280 and 390 px and fails when it scrolls
// sideways at either.
func (j *deskJourney) shoot(name string) {
	j.t.Helper()
	for _, width := range []int64{1280, 390} {
		j.do("resize for "+name, chromedp.EmulateViewport(width, 900))
		scrollWidth, err := chromedp.Run(j.ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
		if err != nil {
			j.t.Fatal(err)
		}
		shot, err := chromedp.Run(j.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			j.t.Fatal(err)
		}
		saveArtifact(j.t, fmt.Sprintf("desk-%s-%d.png", name, width), shot)
		if scrollWidth > width+1 {
			wide, _ := chromedp.Run(j.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > `+fmt.Sprint(width)+` + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > `+fmt.Sprint(width)+` + 1)).slice(0, 8).map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right))`))
			j.t.Errorf("at %d px the %s page is %d px wide; widest: %q", width, name, scrollWidth, wide)
		}
	}
	j.do("restore the width", chromedp.EmulateReset())
}

func (j *deskJourney) text(sel string) string {
	j.t.Helper()
	s, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](`document.querySelector(`+"`"+sel+"`"+`)?.innerText ?? ""`))
	if err != nil {
		j.t.Fatalf("browser: read %s: %v", sel, err)
	}
	return s
}

// TestEditorRunsTheNewsletterFromTheBrowser is issue 25's journey: an
// editor logs in, adds a feed served on loopback after trying it, builds
// an edition that carries it, removes a sentence and undoes that,
// approves, sends, watches the send to its end and opens the results.
// Screenshots of each page at 1280 and 390 px go to $DIGEST_ARTIFACTS.
func TestEditorRunsTheNewsletterFromTheBrowser(t *testing.T) {
	j := newDeskJourney(t, "sources:\n  allow_loopback: true\nweb:\n  count_clicks: true\n")
	f, ctx := j.f, context.Background()
	feedURL, _ := loopbackFeed(t)
	const feedTitle = "Japan and NATO open a liaison office"

	// Without the editor's password the desk refuses; with it, it opens.
	rec, err := http.Get(j.desk.URL + "/sources")
	if err != nil {
		t.Fatal(err)
	}
	rec.Body.Close()
	if rec.StatusCode != http.StatusUnauthorized {
		t.Fatalf("the desk without credentials answered %d", rec.StatusCode)
	}
	j.logIn(journeyEditor, journeyPassword)

	// Sources: try the feed, then add it.
	j.do("try the feed",
		chromedp.Navigate(j.desk.URL+"/sources"),
		chromedp.SendKeys(chromedp.CSS(`#source-url`), feedURL),
		chromedp.SendKeys(chromedp.CSS(`#source-name`), "Tokyo Desk"),
		chromedp.Click(chromedp.CSS(`#try-source`)),
		chromedp.WaitVisible(chromedp.Search(`//li[@class="trial-item" and contains(., "`+feedTitle+`")]`)))
	if listed, _ := f.Store.LiveSources(ctx); len(listed) != 0 {
		t.Fatalf("trying the feed listed it: %+v", listed)
	}
	j.shoot("sources-try")
	j.do("add the feed",
		chromedp.Click(chromedp.CSS(`#add-source-button`)),
		flashOK("Added the feed “Tokyo Desk”"))
	if listed, _ := f.Store.LiveSources(ctx); len(listed) != 1 || listed[0].URL != feedURL {
		t.Fatalf("after adding: %+v", listed)
	}

	// Build now: the new edition carries the feed's article.
	f.Clock.Set(f.Clock.Now().Add(time.Hour))
	j.do("build now",
		chromedp.Navigate(j.desk.URL+"/"),
		chromedp.Click(chromedp.CSS(`form[action$="/build"] button`)),
		flashOK("Built a new edition"))
	page, err := chromedp.Run(j.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	id := page[strings.LastIndex(page, "/")+1:]
	if id == f.EditionID || !strings.Contains(j.text(`body`), feedTitle) {
		t.Fatalf("the built edition %s does not carry the feed's article", id)
	}
	before, err := f.Store.Edition(ctx, id)
	if err != nil {
		t.Fatal(err)
	}

	// Remove a sentence, then undo it: the email is as it was.
	j.do("remove a sentence",
		chromedp.Click(chromedp.CSS(`#sentence-0 button[value="remove"]`)),
		flashOK("Removed"))
	j.do("undo it",
		chromedp.Click(chromedp.CSS(`form[action$="/undo"] button`)),
		flashOK("Undone"))
	after, err := f.Store.Edition(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if string(after.MailHTML) != string(before.MailHTML) || string(after.MailText) != string(before.MailText) {
		t.Error("after the undo the email differs from before the removal")
	}
	if h := j.text(`ol.changes`); !strings.Contains(h, journeyEditor+" removed the sentence") || !strings.Contains(h, journeyEditor+" undid this") {
		t.Errorf("the edition's history does not name the editor:\n%s", h)
	}
	j.shoot("edition")

	// Approve, send with the confirmation, and watch it to the end.
	j.do("approve",
		chromedp.Click(chromedp.CSS(`form[action$="/approve"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.facts .status-approved`)))
	j.do("send now, confirmed",
		chromedp.Click(chromedp.CSS(`#send a.button`)),
		chromedp.WaitVisible(chromedp.Search(`//section[@id="send" and contains(., "subscribers?")]`)),
		chromedp.Click(chromedp.CSS(`form[action$="/send"] button`)),
		flashOK("Sending has started"))
	f.Desk.WaitSends()
	deadline := time.Now().Add(90 * time.Second)
	for !strings.Contains(j.text(`#progress`), "0 failed of") {
		if time.Now().After(deadline) {
			t.Fatal("the send never showed its end")
		}
		time.Sleep(500 * time.Millisecond)
		j.do("reload", chromedp.Navigate(page))
	}
	rec2, err := f.Store.Edition(ctx, id)
	if err != nil || rec2.Status != digest.EditionSent || rec2.ApprovedBy != journeyEditor {
		t.Fatalf("after the send: %+v, %v", rec2, err)
	}

	// A reader follows an article link: the click counts, without who.
	link := j.public.URL + "/r/" + id + "/" + before.Items[0].ArticleID
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if resp, err := noFollow.Get(link); err != nil || resp.StatusCode != http.StatusFound && resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the click redirect: %v %v", resp, err)
	}

	// The results.
	j.do("open the results",
		chromedp.Navigate(page),
		chromedp.Click(chromedp.CSS(`a[href$="/results"]`)),
		chromedp.WaitVisible(chromedp.Search(`//dt[text()="Delivered"]`)))
	results := j.text(`main`)
	if !strings.Contains(results, fmt.Sprint(len(f.Subscribers))) || !strings.Contains(strings.ToLower(results), "click") {
		t.Errorf("the results page:\n%s", results)
	}
	j.shoot("results")

	deskJourneySubscribers(j)
}

// deskJourneySubscribers is the journey's second half: the editor exports
// the list, searches a subscriber, exports their data, erases them, and
// an import of the old export does not bring them back.
func deskJourneySubscribers(j *deskJourney) {
	t, f, ctx := j.t, j.f, context.Background()
	who := f.Subscribers[len(f.Subscribers)-1]
	fetch := func(path string) string {
		t.Helper()
		s, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](
			`fetch("`+path+`").then(r => r.ok ? r.text() : Promise.reject(new Error(r.status + " " + r.url)))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("browser: fetch %s: %v", path, err)
		}
		return s
	}
	j.do("open the subscribers", chromedp.Navigate(j.desk.URL+"/subscribers"),
		chromedp.WaitVisible(chromedp.CSS(`#subscribers`)))
	oldCSV := fetch(j.desk.URL + "/subscribers/export.csv")
	if !strings.Contains(oldCSV, who.Address) {
		t.Fatalf("the export lacks %s:\n%s", who.Address, oldCSV)
	}
	csvPath := t.TempDir() + "/old-list.csv"
	if err := os.WriteFile(csvPath, []byte(oldCSV), 0o600); err != nil {
		t.Fatal(err)
	}
	j.shoot("subscribers")

	local, _, _ := strings.Cut(who.Address, "@")
	j.do("search the subscriber",
		chromedp.SendKeys(chromedp.CSS(`#q`), local),
		chromedp.Click(chromedp.CSS(`#search`)),
		chromedp.WaitVisible(chromedp.Search(`//p[@id="result-count" and contains(., " of 1")]`)))
	if rows := j.text(`#subscribers tbody`); strings.Count(rows, "@") != 1 {
		t.Errorf("the search for %q found:\n%s", local, rows)
	}
	j.do("open their page",
		chromedp.Click(chromedp.Search(`//table[@id="subscribers"]//a[text()="`+who.Address+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#person-address`)))
	if h := j.text(`#deliveries`) + j.text(`#delivery-table`); !strings.Contains(h, "sent") {
		t.Errorf("their page shows no delivery of the edition just sent:\n%s", h)
	}
	j.shoot("subscriber")
	href, err := chromedp.Run(j.ctx, chromedp.Evaluate[string](`document.querySelector("#export-person").href`))
	if err != nil {
		t.Fatal(err)
	}
	data := fetch(href)
	if !strings.Contains(data, who.Address) || !strings.Contains(data, "deliver") {
		t.Errorf("their data export:\n%s", data)
	}

	j.do("erase them",
		chromedp.Click(chromedp.CSS(`#erase-start`)),
		chromedp.WaitVisible(chromedp.CSS(`#erase-confirm`)),
		chromedp.Click(chromedp.CSS(`#erase-confirm-button`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash-ok`)))
	if found, err := f.Store.Mentions(ctx, who.Address); err != nil || len(found) > 0 {
		t.Errorf("after erasure the database still names them: %v %v", found, err)
	}

	j.do("import the old list",
		chromedp.Navigate(j.desk.URL+"/subscribers#import"),
		chromedp.SetUploadFiles(chromedp.CSS(`#import-file`), []string{csvPath}),
		chromedp.Click(chromedp.CSS(`#import-preview`)),
		chromedp.WaitVisible(chromedp.CSS(`#import-summary`)))
	preview := j.text(`main`)
	if !strings.Contains(preview, who.Address) || !strings.Contains(strings.ToLower(preview), "erased") {
		t.Errorf("the preview does not keep the erased address out:\n%s", preview)
	}
	j.shoot("import-preview")
	// The rest of the old list is on it already: applying would change
	// nothing, and the page offers no Apply button to press.
	if !strings.Contains(preview, "would change nothing") {
		j.do("apply it",
			chromedp.Click(chromedp.CSS(`#apply-import`)),
			flashOK("Imported"))
	}
	if _, err := f.Store.Subscriber(ctx, who.Address); err == nil {
		t.Errorf("the import brought %s back", who.Address)
	}
	if found, _ := f.Store.Mentions(ctx, who.Address); len(found) > 0 {
		t.Errorf("after the import the database names them again: %v", found)
	}
}
