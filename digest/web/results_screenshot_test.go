package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// TestResultsPageAtPhoneAndDesktopWidths opens a sent edition's results
// page (a failure, a bounce, clicks) in headless Chromium at 1280 and 390
// px, saves both screenshots as artifacts (results-1280.png,
// results-390.png) and checks that nothing runs off the side.
func TestResultsPageAtPhoneAndDesktopWidths(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browser := findChromium()
	if browser == "" {
		t.Skip("SKIPPED: no chromium or chromium-browser binary on PATH, so the browser test " +
			"did not run; install it with `apt-get install chromium`")
	}
	f := desktest.NewWithConfig(t, countClicks)
	ctx := context.Background()
	ed := linkedEdition(t, f)
	if err := f.Desk.Approve(ctx, ed.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Desk.Send(ctx, ed.ID, nil); err != nil { // to the outbox folder
		t.Fatal(err)
	}
	for i, it := range linkedItems(ed) {
		for range 3 - i {
			if _, err := f.Desk.Click(ctx, ed.ID, it.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := f.Store.RecordBounce(ctx, &digest.BounceEvent{SourceKey: "shot", SubscriberID: f.Subscribers[1].ID, EditionID: ed.ID,
		Kind: digest.BounceSoft, Status: "4.2.2", Action: digest.BounceNoAction, Decision: "soft bounce 1 of 3 in 15 days: still on the list",
		Raw: []byte("dsn"), ReceivedAt: f.Clock.Now()}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(nil)
	h, err := NewEditor(f.Desk, EditorOptions{Addr: srv.Listener.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = h
	srv.Start()
	t.Cleanup(srv.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.DisableGPU)
	bctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancel)
	bctx, cancelAlloc := chromedp.NewExecAllocator(bctx, opts...)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(bctx)
	t.Cleanup(cancelBrowser)
	for _, width := range []int64{1280, 390} {
		err := chromedp.Do(bctx,
			chromedp.EmulateViewport(width, 900),
			chromedp.Navigate(srv.URL+"/editions/"+ed.ID+"/results"),
			chromedp.WaitVisible(chromedp.CSS(`#clicks`)),
		)
		if err != nil {
			t.Fatalf("browser at %d px: %v", width, err)
		}
		scrollWidth, err := chromedp.Run(bctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatalf("browser at %d px: width: %v", width, err)
		}
		shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("browser at %d px: screenshot: %v", width, err)
		}
		saveArtifact(t, fmt.Sprintf("results-%d.png", width), shot)
		if scrollWidth > width {
			t.Errorf("at %d px the results page is %d px wide", width, scrollWidth)
		}
	}
}
