package web

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// TestBrowserExcludeAndApprove drives the editors' face in headless
// Chromium the way an editor would: open an edition, exclude an article,
// approve, and check the email no longer carries the article and the
// edition is approved. It leaves a screenshot of the edition page.
func TestBrowserExcludeAndApprove(t *testing.T) {
	ctx, srv, f := browserOnEditor(t, 1400, 1000)
	before := view(t, f)
	target := inSection(t, before)
	var kept string
	for _, it := range before.Items {
		if it.Section != "" && it.ArticleID != target.ArticleID {
			kept = it.Title
			break
		}
	}
	if kept == "" {
		t.Fatal("the seed edition needs two articles in sections for this test")
	}

	page := srv.URL + "/editions/" + f.EditionID
	row := `tr[id="item-` + target.ArticleID + `"]`
	exclude := chromedp.CSS(row + ` button[value="exclude"]`)
	err := chromedp.Do(ctx,
		chromedp.Navigate(page),
		chromedp.WaitVisible(exclude),
		chromedp.Click(exclude),
		chromedp.WaitVisible(chromedp.CSS(`.flash-ok`)),
	)
	if err != nil {
		t.Fatalf("browser: open and exclude: %v", err)
	}
	excludedFlash := text(ctx, t, `.flash-ok`)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`form[action$="/approve"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`.facts .status-approved`)),
	)
	if err != nil {
		t.Fatalf("browser: approve: %v", err)
	}
	approvedFlash, status := text(ctx, t, `.flash-ok`), text(ctx, t, `.facts .status`)
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 makes a PNG
	if err != nil {
		t.Fatalf("browser: screenshot: %v", err)
	}
	saveArtifact(t, "edition-page.png", shot)

	if !strings.Contains(excludedFlash, "Excluded") || !strings.Contains(excludedFlash, target.Title) {
		t.Errorf("flash after exclude = %q, want it to name %q", excludedFlash, target.Title)
	}
	if !strings.Contains(approvedFlash, "approved") {
		t.Errorf("flash after approve = %q", approvedFlash)
	}
	if strings.TrimSpace(status) != "approved" {
		t.Errorf("status shown = %q, want approved", status)
	}

	// The email as the iframes show it, read through the browser.
	if err := chromedp.Do(ctx, chromedp.Navigate(page+"/email.html")); err != nil {
		t.Fatalf("browser: open email: %v", err)
	}
	email := text(ctx, t, `body`)
	if strings.Contains(email, target.Title) {
		t.Errorf("the email still shows the excluded article %q", target.Title)
	}
	if !strings.Contains(email, kept) {
		t.Errorf("the email lost the article it kept, %q", kept)
	}

	after := view(t, f)
	if after.Status != "approved" {
		t.Errorf("desk status = %q, want approved", after.Status)
	}
	for _, it := range after.Items {
		if it.ArticleID == target.ArticleID && (it.Section != "" || !it.Excluded) {
			t.Errorf("article %s after exclude: section %q, excluded %v", it.ArticleID, it.Section, it.Excluded)
		}
	}
}

// text reads the text of the first element sel matches.
func text(ctx context.Context, t *testing.T, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("browser: text of %s: %v", sel, err)
	}
	return s
}

// browserOnEditor serves the editors' face of a seeded desk and starts
// headless Chromium with a window of w×h, or skips the test loudly when
// there is no Chromium. Everything stops when the test ends.
func browserOnEditor(t *testing.T, w, h int) (context.Context, *httptest.Server, *desktest.Fixture) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browser := findChromium()
	if browser == "" {
		t.Skip("SKIPPED: no chromium or chromium-browser binary on PATH, so the browser test " +
			"did not run; install it with `apt-get install chromium`")
	}
	f := desktest.New(t)
	srv := httptest.NewUnstartedServer(nil)
	handler, err := NewEditor(f.Desk, EditorOptions{Addr: srv.Listener.Addr().String()})
	if err != nil {
		t.Fatalf("NewEditor: %v", err)
	}
	srv.Config.Handler = handler
	srv.Start()
	t.Cleanup(srv.Close)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser),
		chromedp.NoSandbox, // Chromium refuses to start as root otherwise
		chromedp.DisableGPU,
		chromedp.WindowSize(w, h),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	t.Cleanup(cancelBrowser)
	return ctx, srv, f
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// saveArtifact writes a test artifact to $DIGEST_ARTIFACTS, or to the
// test's temporary folder, and logs where.
func saveArtifact(t *testing.T, name string, data []byte) {
	t.Helper()
	dir := os.Getenv("DIGEST_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("artifacts: %v", err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatalf("artifact %s: %v", path, err)
	}
	t.Logf("artifact: %s", path)
}
