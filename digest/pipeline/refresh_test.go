package pipeline

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/fetch"
	"github.com/digest-newsletter/digest/digest/store"
)

const arcticArticle = `<!DOCTYPE html><html><head><title>Icebreakers open the northern lane</title>
<meta name="author" content="Maria Olsen"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Icebreakers open the northern lane</h1>
<p>Three icebreakers escorted a convoy of cargo ships through the Arctic this summer as sea ice shrank to one of its smallest extents on record, shipping officials said on Monday.</p>
<p>The convoy carried ore from northern mines to Asian ports, and the shipping companies say the northern route cuts the voyage from Europe to Asia by roughly ten days.</p>
<p>Climate scientists warn that the retreat of sea ice that opens the lane also speeds up warming across the polar region, and insurers remain cautious about the route.</p>
</article><footer>Share this article. Subscribe to our newsletter. Copyright 2026.</footer></body></html>`

func rss(items ...string) string {
	return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Polar Wire</title>` +
		strings.Join(items, "") + `</channel></rss>`
}

func fullItem(guid, title string) string {
	return fmt.Sprintf(`<item><guid>%s</guid><title>%s</title><link>https://polar.example/%s?utm_source=rss</link>
<pubDate>Mon, 02 Mar 2026 10:00:00 GMT</pubDate><content:encoded><![CDATA[<p>%s: three icebreakers escorted a convoy of cargo ships through the Arctic as sea ice shrank to a record low, officials said.</p>
<p>The shipping companies say the northern route cuts the voyage from Europe to Asia by ten days, and polar climate scientists warn the retreat of the ice speeds up warming.</p>
<p>Insurers remain cautious about the route, citing unpredictable ice and few rescue stations along the coast, while ports prepare for more traffic next summer.</p>]]></content:encoded></item>`, guid, title, guid, title)
}

type refreshRig struct {
	r     *Refresher
	store *store.Store
}

func newRefreshRig(t *testing.T, allowLoopback bool, srcs ...LiveSource) *refreshRig {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "digest.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := fetch.New(fetch.Options{AllowLoopback: allowLoopback, PerHostInterval: -1, Timeout: 2 * time.Second})
	return &refreshRig{store: st, r: &Refresher{Sources: srcs, Fetcher: f, Store: st, Theme: arcticTheme,
		Clock: digest.SystemClock{}, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Workers: 2}}
}

func (g *refreshRig) refresh(t *testing.T) []SourceReport {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return g.r.Refresh(ctx, true)
}

func TestRefreshFeedAndConditionalGET(t *testing.T) {
	var hits, notModified atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		hits.Add(1)
		if req.Header.Get("If-None-Match") == `"v1"` {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, rss(fullItem("a1", "Convoy one"), fullItem("a2", "Convoy two")))
	}))
	defer srv.Close()
	g := newRefreshRig(t, true, LiveSource{Kind: digest.SourceFeed, URL: srv.URL + "/feed", Section: "Climate"})
	rep := g.refresh(t)[0]
	if rep.Err != nil || rep.Added != 2 || rep.Entries != 2 {
		t.Fatalf("first refresh: %+v", rep)
	}
	rep = g.refresh(t)[0]
	if rep.Err != nil || !rep.NotModified || rep.Added != 0 || notModified.Load() != 1 {
		t.Fatalf("second refresh: %+v (304s %d)", rep, notModified.Load())
	}
	arts, _ := g.store.UnsentArticles(context.Background())
	if len(arts) != 2 {
		t.Fatalf("%d articles stored", len(arts))
	}
	a := arts[0]
	if a.Origin != digest.OriginFeed || a.GUID == "" || a.SectionHint != "Climate" || a.Publication != "Polar Wire" ||
		strings.Contains(a.URL, "utm_source") || a.Date() != "2026-03-02" {
		t.Errorf("article %+v", a)
	}
	list, _ := g.store.Sources(context.Background())
	if len(list) != 1 || list[0].State.ETag != `"v1"` || list[0].Articles != 2 || list[0].State.ErrorCount != 0 {
		t.Errorf("source state %+v", list)
	}
}

// An entry with only an excerpt gets its page fetched and its main text
// extracted; an entry seen before is not fetched again.
func TestRefreshFetchesPagesOfExcerpts(t *testing.T) {
	var pageHits atomic.Int32
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, rss(`<item><guid>x1</guid><title>Icebreakers open the northern lane</title><link>`+srv.URL+
			`/story</link><description>Icebreakers open a lane.</description></item>`))
	})
	mux.HandleFunc("/story", func(w http.ResponseWriter, _ *http.Request) {
		pageHits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, arcticArticle)
	})
	g := newRefreshRig(t, true, LiveSource{Kind: digest.SourceFeed, URL: srv.URL + "/feed"})
	rep := g.refresh(t)[0]
	if rep.Err != nil || rep.Added != 1 {
		t.Fatalf("refresh: %+v", rep)
	}
	arts, _ := g.store.UnsentArticles(context.Background())
	body := arts[0].Body()
	if !strings.Contains(body, "ore from northern mines") || strings.Contains(body, "Subscribe to our newsletter") {
		t.Errorf("extracted body:\n%s", body)
	}
	g.refresh(t)
	if pageHits.Load() != 1 {
		t.Errorf("page fetched %d times; a known entry must not be fetched again", pageHits.Load())
	}
}

func TestRefreshSurvivesBadSources(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/good", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, rss(fullItem("g1", "Good"))) })
	mux.HandleFunc("/malformed", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, `<rss><channel><item><title>broken`) })
	mux.HandleFunc("/html", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, arcticArticle)
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/stall", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	var srcs []LiveSource
	for _, p := range []string{"/good", "/malformed", "/html", "/busy", "/stall"} {
		srcs = append(srcs, LiveSource{Kind: digest.SourceFeed, URL: srv.URL + p})
	}
	g := newRefreshRig(t, true, srcs...)
	g.r.Fetcher = fetch.New(fetch.Options{AllowLoopback: true, PerHostInterval: -1, Timeout: 300 * time.Millisecond})
	reps := g.refresh(t)
	if reps[0].Err != nil || reps[0].Added != 1 {
		t.Errorf("good feed: %+v", reps[0])
	}
	for _, rep := range reps[1:] {
		if rep.Err == nil || rep.State.ErrorCount != 1 {
			t.Errorf("%s: err %v, errors %d; want a recorded failure", rep.Source.URL, rep.Err, rep.State.ErrorCount)
		}
	}
	if d := time.Until(reps[3].State.NextAttempt); d < 110*time.Second {
		t.Errorf("Retry-After not honoured: next attempt in %s", d)
	}
	// Not forced, the failing sources wait; the stored article stays.
	reps = g.r.Refresh(context.Background(), false)
	if !reps[3].Skipped {
		t.Errorf("busy source fetched again before its Retry-After: %+v", reps[3])
	}
	if arts, _ := g.store.UnsentArticles(context.Background()); len(arts) != 1 {
		t.Errorf("%d articles after failures, want the good one kept", len(arts))
	}
}

// Without the loopback exception the guard refuses a local address, and
// the server never sees the request.
func TestRefreshBlocksLocalAddresses(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { hits.Add(1) }))
	defer srv.Close()
	g := newRefreshRig(t, false, LiveSource{Kind: digest.SourcePage, URL: srv.URL + "/page"})
	rep := g.refresh(t)[0]
	if rep.Err == nil || !strings.Contains(rep.Err.Error(), "blocked") || hits.Load() != 0 {
		t.Errorf("err %v, hits %d; want blocked before any request", rep.Err, hits.Load())
	}
}

func TestRefreshPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, arcticArticle)
	}))
	defer srv.Close()
	g := newRefreshRig(t, true, LiveSource{Kind: digest.SourcePage, URL: srv.URL + "/story", Name: "Polar Desk"})
	rep := g.refresh(t)[0]
	if rep.Err != nil || rep.Added != 1 {
		t.Fatalf("page: %+v", rep)
	}
	arts, _ := g.store.UnsentArticles(context.Background())
	if a := arts[0]; a.Origin != digest.OriginWeb || a.Title != "Icebreakers open the northern lane" || !strings.Contains(a.Body(), "Climate scientists") {
		t.Errorf("article %+v", a)
	}
	// The page names no publication: the source's configured name is it.
	if a := arts[0]; a.Publication != "Polar Desk" {
		t.Errorf("publication %q, want the configured name Polar Desk", a.Publication)
	}
}
