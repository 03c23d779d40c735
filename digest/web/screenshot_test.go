package web

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestEmailAtPhoneAndDesktopWidths opens the seeded edition's email, as
// the preview shows it, in headless Chromium at 600 px (a desktop mail
// client's reading pane) and 375 px (a phone), saves both screenshots as
// artifacts (email-600.png, email-375.png) and checks that nothing runs
// off the side: no horizontal scrolling at either width.
func TestEmailAtPhoneAndDesktopWidths(t *testing.T) {
	ctx, srv, f := browserOnEditor(t, 600, 900)
	for _, width := range []int64{600, 375} {
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(width, 900),
			chromedp.Navigate(srv.URL+"/editions/"+f.EditionID+"/email.html"),
			chromedp.WaitVisible(chromedp.CSS(`h1`)),
		)
		if err != nil {
			t.Fatalf("browser at %d px: %v", width, err)
		}
		scrollWidth, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
		if err != nil {
			t.Fatalf("browser at %d px: width: %v", width, err)
		}
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 makes a PNG
		if err != nil {
			t.Fatalf("browser at %d px: screenshot: %v", width, err)
		}
		saveArtifact(t, fmt.Sprintf("email-%d.png", width), shot)
		if scrollWidth > width {
			t.Errorf("at %d px the email is %d px wide: readers would scroll sideways", width, scrollWidth)
		}
	}
}
