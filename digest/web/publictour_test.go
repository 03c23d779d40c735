package web

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// publicStop is one page of the public face a visitor meets, and how the
// browser gets there: by a URL, or by using the page before it (a form
// sent, a button pressed), as a person would.
type publicStop struct {
	name string
	// h1 is the heading the page must show once reached: proof the
	// browser is on the page meant, not on an error.
	h1    string
	reach func(ctx context.Context) error
}

// publicTour serves the public face of a seeded desk whose edition is
// sent, with its brand, and lists every page a visitor meets, in an
// order that works: sign up by the form, confirm by the mailed link,
// click it again, the archive, an issue, preferences and two errors. It
// also returns the welcome mail's HTML, for its screenshots.
func publicTour(t *testing.T, w, h int) (context.Context, []publicStop, func() string) {
	t.Helper()
	ctx, srv, f := browserOnPublic(t, w, h)
	send(t, f)
	const reader = "visitor@example.com"
	confirm := ""
	mailedLink := func() string {
		f.SendNotices(t)
		for _, m := range f.Messages(t) {
			if m.To == reader {
				if l := confirmLink.FindString(m.Body); l != "" {
					return srv.URL + l
				}
			}
		}
		t.Fatal("no confirmation link mailed to " + reader)
		return ""
	}
	nav := func(u string) func(context.Context) error {
		return func(ctx context.Context) error { return chromedp.Do(ctx, chromedp.Navigate(u)) }
	}
	prefs := strings.Replace(compose.UnsubscribeURL(desktest.PublicURL, f.Secret, f.Subscribers[0]), desktest.PublicURL, srv.URL, 1)
	stops := []publicStop{
		{"subscribe", "Subscribe", nav(srv.URL + "/subscribe")},
		{"subscribe-sent", "Check your inbox", func(ctx context.Context) error {
			f.Clock.Set(f.Clock.Now().Add(minFillTime + time.Second)) // the form's least fill time, on the face's clock
			return chromedp.Do(ctx,
				chromedp.SetValue(chromedp.CSS(`#signup-email`), reader),
				chromedp.Click(chromedp.CSS(`form[action$="subscribe"] button[type=submit]`)),
				chromedp.WaitVisible(chromedp.CSS(`.card h1`)))
		}},
		{"subscribe-confirm", "Confirm your subscription", func(ctx context.Context) error {
			confirm = mailedLink()
			return nav(confirm)(ctx)
		}},
		{"subscribe-confirmed", "You are subscribed", func(ctx context.Context) error {
			return chromedp.Do(ctx,
				chromedp.Click(chromedp.CSS(`.card form button`)),
				chromedp.WaitVisible(chromedp.CSS(`.card h1`)))
		}},
		{"subscribe-already", "You are already subscribed", func(ctx context.Context) error { return nav(confirm)(ctx) }},
		{"archive", "Archive", nav(srv.URL + "/archive")},
		{"archive-issue", "", nav(srv.URL + "/archive/" + f.EditionID)},
		{"preferences", "", nav(prefs)},
		{"error-not-found", "", nav(srv.URL + "/archive/no-such-issue")},
		{"error-bad-link", "Link not valid", func(ctx context.Context) error {
			return nav(regexp.MustCompile(`t=[\w-]+$`).ReplaceAllString(confirm, "t=forged"))(ctx)
		}},
	}
	welcome := func() string {
		f.SendNotices(t)
		for _, m := range f.Messages(t) {
			if m.To == reader && strings.HasPrefix(m.Subject, "Welcome to") {
				lower := strings.ToLower(m.Body)
				start, end := strings.Index(lower, "<!doctype"), strings.LastIndex(lower, "</html>")
				if start < 0 || end < start {
					t.Fatalf("the welcome has no HTML part:\n%s", m.Body)
				}
				path := filepath.Join(t.TempDir(), "welcome.html")
				if err := os.WriteFile(path, []byte(m.Body[start:end+len("</html>")]), 0o600); err != nil {
					t.Fatal(err)
				}
				return "file://" + path
			}
		}
		t.Fatal("no welcome mailed to " + reader)
		return ""
	}
	return ctx, stops, welcome
}

// visit takes the browser to a stop and waits until it shows the stop's
// heading: a form sent or a button pressed loads the next page later.
func visit(ctx context.Context, t *testing.T, s publicStop) {
	t.Helper()
	if err := s.reach(ctx); err != nil {
		t.Fatalf("browser: %s: %v", s.name, err)
	}
	got := ""
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		h1, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`document.readyState === "complete" ? ((document.querySelector("h1") || {}).textContent || "") : "…loading"`))
		if err != nil {
			continue // between pages
		}
		if got = strings.TrimSpace(h1); got != "…loading" && strings.HasPrefix(got, s.h1) {
			return
		}
	}
	t.Fatalf("browser: %s shows %q, want %q", s.name, got, s.h1)
}

// browserOnPublic serves the public face of a seeded desk, branded as the
// config says, on the fixture's clock, and starts headless Chromium with
// a window of w×h; it skips as browserOnEditor does.
func browserOnPublic(t *testing.T, w, h int) (context.Context, *httptest.Server, *desktest.Fixture) {
	t.Helper()
	ctx, _, f := browserOnEditor(t, w, h)
	srv := httptest.NewUnstartedServer(nil)
	handler, err := NewPublic(f.Desk, PublicOptions{Addr: srv.Listener.Addr().String(), PublicURL: desktest.PublicURL,
		Clock: f.Clock, Secret: f.Secret, Title: f.App.Config.Title, Brand: f.App.Config.DigestBrand()})
	if err != nil {
		t.Fatalf("NewPublic: %v", err)
	}
	srv.Config.Handler = handler
	srv.Start()
	t.Cleanup(srv.Close)
	return ctx, srv, f
}
