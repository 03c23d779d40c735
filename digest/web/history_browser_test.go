package web

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// In headless Chromium an editor removes a sentence, clicks Undo beside
// it in the edition's history, and gets the email back byte for byte;
// the History page lists both at 1280 and 390 px without sideways
// scrolling (screenshots history-1280.png, history-390.png).
func TestUndoInTheBrowser(t *testing.T) {
	ctx, srv, f := browserOnEditor(t, 1280, 900)
	page := srv.URL + "/editions/" + f.EditionID
	before, err := f.Store.Edition(context.Background(), f.EditionID)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(page),
		chromedp.Click(chromedp.CSS(`#sentence-0 button[value="remove"]`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class,"flash-ok") and contains(., "Removed")]`)),
		chromedp.WaitVisible(chromedp.Search(`//ol[@class="changes"]/li[1][contains(., "local removed the sentence")]`)),
		chromedp.Click(chromedp.CSS(`form[action$="/undo"] button`)),
		chromedp.WaitVisible(chromedp.Search(`//p[contains(@class,"flash-ok") and contains(., "Undone")]`)),
		chromedp.WaitVisible(chromedp.Search(`//ol[@class="changes"]/li[1][contains(., "local undid this")]`)),
	); err != nil {
		t.Fatalf("remove and undo: %v", err)
	}
	after, err := f.Store.Edition(context.Background(), f.EditionID)
	if err != nil {
		t.Fatal(err)
	}
	if string(after.MailHTML) != string(before.MailHTML) || string(after.HTML) != string(before.HTML) {
		t.Error("after the undo in the browser the email differs from before the removal")
	}
	for _, width := range []int64{1280, 390} {
		if err := chromedp.Do(ctx,
			chromedp.EmulateViewport(width, 900),
			chromedp.Navigate(srv.URL+"/history"),
			chromedp.WaitVisible(chromedp.Search(`//li[contains(., "local undid this")]`)),
		); err != nil {
			t.Fatalf("history at %d px: %v", width, err)
		}
		scrollWidth, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatal(err)
		}
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		saveArtifact(t, fmt.Sprintf("history-%d.png", width), shot)
		if scrollWidth > width {
			t.Errorf("at %d px the history page is %d px wide", width, scrollWidth)
		}
	}
	// The edition's page too, scrolled to its history, at phone width.
	if err := chromedp.Do(ctx, chromedp.Navigate(page+"#history"), chromedp.WaitVisible(chromedp.CSS(`#history`))); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	saveArtifact(t, "edition-history-390.png", shot)
}
