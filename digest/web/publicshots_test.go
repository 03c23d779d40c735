package web

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
)

// shotStops are the public pages kept as screenshots: what a would-be
// subscriber and a reader see most, and the page a used link shows.
var shotStops = map[string]bool{"subscribe": true, "subscribe-already": true, "archive": true, "archive-issue": true, "preferences": true}

// TestPublicPagesAtPhoneAndDesktop takes the public face's main pages
// and the welcome mail in headless Chromium at 390 px (a phone) and
// 1280 px (a desktop), saves each as an artifact (public-NAME-WIDTH.png,
// welcome-WIDTH.png) and checks that nothing runs off the side.
func TestPublicPagesAtPhoneAndDesktop(t *testing.T) {
	for _, width := range []int64{390, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			ctx, stops, welcome := publicTour(t, int(width), 900)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900)); err != nil {
				t.Fatalf("browser: viewport: %v", err)
			}
			for _, s := range stops {
				visit(ctx, t, s)
				if shotStops[s.name] {
					shoot(ctx, t, fmt.Sprintf("public-%s-%d.png", s.name, width), width)
				}
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(welcome())); err != nil {
				t.Fatalf("browser: the welcome: %v", err)
			}
			shoot(ctx, t, fmt.Sprintf("welcome-%d.png", width), width)
		})
	}
}

// shoot saves the whole page as an artifact and fails the test when it
// is wider than the window: a reader would scroll sideways.
func shoot(ctx context.Context, t *testing.T, name string, width int64) {
	t.Helper()
	scrollWidth, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatalf("browser: %s: width: %v", name, err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 makes a PNG
	if err != nil {
		t.Fatalf("browser: %s: screenshot: %v", name, err)
	}
	saveArtifact(t, name, shot)
	if scrollWidth > width {
		t.Errorf("%s: the page is %d px wide at %d px: readers would scroll sideways", name, scrollWidth, width)
	}
}
