package pipeline

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/fetch"
)

var trySections = []digest.SectionSpec{
	{Title: "Shipping", Keywords: []string{"shipping", "route", "cargo", "convoy", "port"}},
	{Title: "Climate", Keywords: []string{"climate", "warming", "scientists", "ice"}},
}

// Try shows what a build would take from a feed, scored and placed, and
// stores nothing: no article, no fetch state, no history.
func TestTryFeedStoresNothing(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, rss(fullItem("a1", "Convoy one"),
			`<item><guid>off</guid><title>Bake sale raises funds</title><description>The village bake sale raised money for the church roof with cakes, scones and pies sold on Saturday morning by volunteers.</description></item>`))
	}))
	defer srv.Close()
	src := LiveSource{Kind: digest.SourceFeed, URL: srv.URL + "/feed", Name: "Polar"}
	g := newRefreshRig(t, true)
	trial, err := g.r.Try(context.Background(), src, trySections)
	if err != nil {
		t.Fatal(err)
	}
	if trial.Title != "Polar Wire" || trial.Status != 200 || len(trial.Items) == 0 {
		t.Fatalf("trial %+v", trial)
	}
	first := trial.Items[0]
	if first.Title != "Convoy one" || !first.Passes || first.Relevance <= 0 || first.Section == "" ||
		len(first.Paragraphs) == 0 || first.Published.IsZero() {
		t.Errorf("the on-theme entry: %+v", first)
	}
	for _, it := range trial.Items[1:] {
		if strings.Contains(it.Title, "Bake sale") && it.Passes {
			t.Errorf("an off-theme entry passes: %+v", it)
		}
	}
	ctx := context.Background()
	if arts, _ := g.store.UnsentArticles(ctx); len(arts) != 0 {
		t.Errorf("try stored %d articles", len(arts))
	}
	if srcs, _ := g.store.Sources(ctx); len(srcs) != 0 {
		t.Errorf("try stored source state: %+v", srcs)
	}
	if h, _ := g.store.FetchHistory(ctx, src.Key(), 10); len(h) != 0 {
		t.Errorf("try wrote history: %+v", h)
	}
}

// Try goes through the same guard: a loopback feed is refused unless the
// fetcher allows loopback, and the refusal reads in words.
func TestTryRefusesLoopback(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, rss()) }))
	defer srv.Close()
	g := newRefreshRig(t, false)
	_, err := g.r.Try(context.Background(), LiveSource{Kind: digest.SourceFeed, URL: srv.URL + "/feed"}, trySections)
	if !errors.Is(err, fetch.ErrBlocked) || !strings.Contains(FetchWords(err), "loopback address") {
		t.Errorf("try of a loopback feed: %v (%s)", err, FetchWords(err))
	}
}

// Each attempt goes into the source's history, its error in words; a
// paused source is not fetched at all.
func TestRefreshHistoryAndPause(t *testing.T) {
	var pausedHits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			io.WriteString(w, rss(fullItem("a1", "Convoy one")))
		case "/paused":
			pausedHits.Add(1)
			io.WriteString(w, rss(fullItem("p1", "Convoy paused")))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	ok := LiveSource{Kind: digest.SourceFeed, URL: srv.URL + "/feed"}
	gone := LiveSource{Kind: digest.SourceFeed, URL: srv.URL + "/gone"}
	paused := LiveSource{Kind: digest.SourceFeed, URL: srv.URL + "/paused", Paused: true}
	g := newRefreshRig(t, true)
	g.r.List = func(context.Context) ([]LiveSource, error) { return []LiveSource{ok, gone, paused}, nil }
	reps := g.refresh(t)
	if len(reps) != 3 || !reps[2].Paused || pausedHits.Load() != 0 {
		t.Fatalf("reports %+v, paused source fetched %d times", reps, pausedHits.Load())
	}
	ctx := context.Background()
	h, _ := g.store.FetchHistory(ctx, ok.Key(), 10)
	if len(h) != 1 || h[0].Outcome != digest.FetchOK || h[0].Status != 200 || h[0].New != 1 || h[0].Seen != 1 {
		t.Errorf("history of the feed: %+v", h)
	}
	h, _ = g.store.FetchHistory(ctx, gone.Key(), 10)
	if len(h) != 1 || h[0].Outcome != digest.FetchFailed || h[0].Status != 404 || !strings.Contains(h[0].Error, "nothing at this address") {
		t.Errorf("history of the missing feed: %+v", h)
	}
	if h, _ = g.store.FetchHistory(ctx, paused.Key(), 10); len(h) != 0 {
		t.Errorf("history of the paused feed: %+v", h)
	}
}
