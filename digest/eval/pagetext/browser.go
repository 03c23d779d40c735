// Package pagetext makes the text a reader gets by selecting all of a
// saved web page and copying it: headless Chromium's
// document.body.innerText, with JavaScript off and every network request
// blocked, so the page shows what its HTML alone shows and nothing is
// fetched. Texts are cached on disk by a hash of the HTML, so only the
// first run over a set of pages needs a browser.
package pagetext

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The window pages are laid out in: a desktop browser's, since innerText
// follows the layout (what a media query hides is not copied).
const (
	windowWidth  = 1280
	windowHeight = 1024
)

// pageTimeout bounds one page, so a page that hangs the renderer costs
// a page, not the run.
const pageTimeout = 30 * time.Second

// innerTextJS reads what select-all would copy. A page without a body
// (a frameset) copies nothing.
const innerTextJS = `document.body ? document.body.innerText : ""`

// FindChromium returns the path of a Chromium or Chrome binary on PATH,
// or "" when there is none.
func FindChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser is one headless Chromium with one tab that renders pages in
// turn.
type Browser struct {
	ctx    context.Context
	cancel context.CancelFunc
	dir    string // where pages are written to be opened
	pages  int
}

// Start starts the browser at execPath and readies its tab: scripts off,
// every URL blocked. Close stops it.
func Start(ctx context.Context, execPath string) (*Browser, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.NoSandbox, // Chromium refuses to start as root otherwise
		chromedp.DisableGPU,
		chromedp.WindowSize(windowWidth, windowHeight),
		// No name resolves: a second lock on the network, should a request
		// slip past the blocked URLs.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
	)
	dir, err := os.MkdirTemp("", "digest-pagetext-")
	if err != nil {
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	b := &Browser{ctx: bctx, dir: dir, cancel: func() {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(dir)
	}}
	err = chromedp.Do(bctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			return fmt.Errorf("disable scripts: %w", err)
		}
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return fmt.Errorf("enable network domain: %w", err)
		}
		block := network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/*", Block: true}}}
		if _, err := cdp.Call(ctx, t, network.SetBlockedURLs, block); err != nil {
			return fmt.Errorf("block urls: %w", err)
		}
		return nil
	}))
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("start chromium %s: %w", execPath, err)
	}
	return b, nil
}

// Close stops the browser.
func (b *Browser) Close() { b.cancel() }

// Text lays out html in the tab and returns its innerText. The page is
// opened from a file, as a saved page is, so the browser reads its bytes
// (charset included) as it would for a reader.
func (b *Browser) Text(ctx context.Context, html []byte) (string, error) {
	b.pages++
	path := filepath.Join(b.dir, fmt.Sprintf("page-%d.html", b.pages))
	if err := os.WriteFile(path, html, 0o600); err != nil {
		return "", fmt.Errorf("inner text: %w", err)
	}
	defer os.Remove(path)
	// A timeout on a context derived from the browser's limits this page
	// only; the caller's context stops it too.
	pctx, cancel := context.WithTimeout(b.ctx, pageTimeout)
	defer cancel()
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	u := (&url.URL{Scheme: "file", Path: path}).String()
	text, err := chromedp.Run(pctx, func(ctx context.Context, t *chromedp.Target) (string, error) {
		if _, err := chromedp.Navigate(u)(ctx, t); err != nil {
			return "", fmt.Errorf("open %s: %w", u, err)
		}
		return chromedp.Evaluate[string](innerTextJS)(ctx, t)
	})
	if err != nil {
		return "", fmt.Errorf("inner text: %w", err)
	}
	return text, nil
}
