package web

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSubscriberPagesFit opens the subscribers list and one person's
// page in headless Chromium at 1280 and 390 px, saves screenshots as
// artifacts (subscribers-1280.png, person-390.png, …) and checks that
// neither page makes a phone scroll sideways.
func TestSubscriberPagesFit(t *testing.T) {
	ctx, srv, f := browserOnEditor(t, 1280, 900)
	if _, err := f.Desk.AddSubscriber(context.Background(), "someone.with.a.long.address@subdomain.example.org", "Maria Fernanda de la Cruz"); err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{"subscribers": "/subscribers", "person": "/subscribers/" + f.Subscribers[0].PublicID + "/erase"}
	for name, path := range pages {
		for _, width := range []int64{1280, 390} {
			err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(chromedp.CSS(`h1`)))
			if err != nil {
				t.Fatalf("%s at %d px: %v", name, width, err)
			}
			scrollWidth, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
			if err != nil {
				t.Fatal(err)
			}
			shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			saveArtifact(t, fmt.Sprintf("%s-%d.png", name, width), shot)
			if scrollWidth > width {
				t.Errorf("%s at %d px is %d px wide: a phone would scroll sideways", name, width, scrollWidth)
			}
		}
	}
}
