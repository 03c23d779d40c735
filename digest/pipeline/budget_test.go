package pipeline

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/fetch"
)

// A huge feed of excerpt-only entries is bounded: at most MaxEntries of
// it (the newest), within the source's time budget, each entry stored as
// soon as it is done; running out of time is no failure, and the next
// refresh goes on where this one stopped.
func TestRefreshBudget(t *testing.T) {
	var pages atomic.Int64
	var block atomic.Bool // pages past the fifth hang until the budget runs out
	block.Store(true)
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			w.Header().Set("ETag", `"v1"`)
			var items []string
			for i := range 1000 {
				// The newest are the highest numbers, listed last.
				day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
				items = append(items, fmt.Sprintf(`<item><guid>g%d</guid><title>Convoy %d</title><link>%s/p/%d</link>
<pubDate>%s</pubDate><description>Convoy %d reaches port.</description></item>`, i, i, srv.URL, i, day.Format(time.RFC1123Z), i))
			}
			io.WriteString(w, rss(items...))
			return
		}
		if pages.Add(1) > 5 && block.Load() {
			<-r.Context().Done()
			return
		}
		n := strings.TrimPrefix(r.URL.Path, "/p/")
		fmt.Fprintf(w, `<html><head><title>Convoy %s</title></head><body><article><p>Convoy %s: icebreakers escorted cargo ships through the Arctic shipping route as the sea ice shrank, officials said on Monday.</p>
<p>Shipping companies say the northern route cuts the voyage from Europe to Asia by ten days; climate scientists warn the ice retreat speeds warming.</p></article></body></html>`, n, n)
	}))
	defer srv.Close()
	g := newRefreshRig(t, true, LiveSource{Kind: digest.SourceFeed, URL: srv.URL + "/feed"})
	g.r.MaxEntries, g.r.SourceBudget = 100, 5*time.Second
	// A request may take longer than the source's budget: the budget,
	// not the request's own timeout, is what stops the hanging page.
	g.r.Fetcher = fetch.New(fetch.Options{AllowLoopback: true, PerHostInterval: -1, Timeout: time.Minute})

	rep := g.refresh(t)[0]
	if rep.Err != nil || !rep.Interrupted || rep.State.ErrorCount != 0 || rep.State.ETag != "" {
		t.Fatalf("first refresh: err %v, interrupted %v, errors %d, etag %q", rep.Err, rep.Interrupted, rep.State.ErrorCount, rep.State.ETag)
	}
	arts, _ := g.store.UnsentArticles(context.Background())
	if rep.Added != 5 || len(arts) != 5 {
		t.Fatalf("first refresh stored %d (report %d); want the 5 done before time ran out, each as it was done", len(arts), rep.Added)
	}
	for _, a := range arts {
		var n int
		fmt.Sscanf(a.Title, "Convoy %d", &n)
		if n < 900 {
			t.Errorf("an old entry was taken before the newest 100: %q", a.Title)
		}
	}
	first := rep.Added
	block.Store(false)
	g.r.SourceBudget = time.Minute
	rep = g.refresh(t)[0]
	arts, _ = g.store.UnsentArticles(context.Background())
	if rep.Err != nil || rep.Interrupted || len(arts) != 100 || rep.Added != 100-first {
		t.Errorf("second refresh: err %v, interrupted %v, %d stored in all (%d now); want the rest of the newest 100",
			rep.Err, rep.Interrupted, len(arts), rep.Added)
	}
	if n := pages.Load(); n > 101 {
		t.Errorf("%d pages fetched for 100 entries", n)
	}
}

// A refresh cancelled before the source answers is not the source's
// failure: its state does not change.
func TestRefreshCancelledIsNoFailure(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer srv.Close()
	g := newRefreshRig(t, true, LiveSource{Kind: digest.SourceFeed, URL: srv.URL + "/slow"})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	rep := g.r.Refresh(ctx, true)[0]
	state, _ := g.store.SourceState(context.Background(), digest.SourceFeed, srv.URL+"/slow")
	if !rep.Interrupted || rep.Err != nil || state.ErrorCount != 0 || state.LastError != "" {
		t.Errorf("cancelled refresh: interrupted %v, err %v, stored errors %d %q", rep.Interrupted, rep.Err, state.ErrorCount, state.LastError)
	}
}
