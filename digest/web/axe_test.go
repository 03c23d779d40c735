package web

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// axeScript is axe-core's browser build, from the npm registry, where
// .ci/run installs it beside the email checkers: $DIGEST_NPM_DIR, or the
// cache. Without it the accessibility test skips, loudly.
func axeScript(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("DIGEST_NPM_DIR")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".cache", "digest", "npm")
	}
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Skipf("SKIPPED: the public pages are NOT checked for accessibility: no axe-core in %s "+
			"(.ci/run installs it: npm install --prefix %s axe-core@4): %v", dir, dir, err)
	}
	return string(b)
}

// axeViolation is one rule a page breaks, as axe.run reports it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target         []any  `json:"target"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

// Every page of the public face a visitor can meet passes axe-core's
// WCAG 2 A and AA rules (and its best practices) with no serious or
// critical violation, at a phone's width and a desktop's: contrast,
// labels, landmarks, language, headings. Lesser findings are logged.
func TestPublicPagesAccessible(t *testing.T) {
	axe := axeScript(t)
	for _, width := range []int{390, 1280} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			ctx, stops, _ := publicTour(t, width, 900)
			// axe-core runs in the page, and an archived issue's policy
			// sandboxes it with no script at all; what axe judges is the
			// markup and the styles, which the policy does not change.
			err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
				return err
			}))
			if err != nil {
				t.Fatalf("browser: bypass the pages' policies for axe: %v", err)
			}
			for _, s := range stops {
				visit(ctx, t, s)
				for _, v := range runAxe(ctx, t, axe) {
					var where []string
					for _, n := range v.Nodes {
						where = append(where, fmt.Sprintf("%v: %s", n.Target, n.FailureSummary))
					}
					msg := fmt.Sprintf("%s at %d px: %s (%s): %s\n\t%s", s.name, width, v.ID, v.Impact, v.Help,
						strings.Join(where, "\n\t"))
					if v.Impact == "serious" || v.Impact == "critical" {
						t.Error(msg)
					} else {
						t.Log(msg)
					}
				}
			}
		})
	}
}

// runAxe injects axe-core into the page (through the DevTools protocol,
// which the pages' script policies do not govern) and runs it.
func runAxe(ctx context.Context, t *testing.T, axe string) []axeViolation {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("browser: load axe-core: %v", err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](
		`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("browser: axe.run: %v", err)
	}
	return out
}

// The check above can fail: axe, run the same way, finds a picture with
// no text and words too faint to read on a page made to have them.
func TestAxeFindsViolations(t *testing.T) {
	axe := axeScript(t)
	ctx, _, _ := browserOnEditor(t, 800, 600)
	const bad = `<!DOCTYPE html><html lang="en"><head><title>Bad</title></head><body><main><h1>Bad</h1>` +
		`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">` +
		`<p style="color:#ddd;background:#fff">faint words</p></main></body></html>`
	if err := chromedp.Do(ctx, chromedp.Navigate("data:text/html,"+url.PathEscape(bad))); err != nil {
		t.Fatalf("browser: %v", err)
	}
	found := map[string]string{}
	for _, v := range runAxe(ctx, t, axe) {
		found[v.ID] = v.Impact
	}
	for id, impact := range map[string]string{"image-alt": "critical", "color-contrast": "serious"} {
		if found[id] != impact {
			t.Errorf("axe found %v; want %s (%s)", found, id, impact)
		}
	}
}
