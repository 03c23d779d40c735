package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// The config's sources are listed on a database's first start only: a
// second import with a changed list changes nothing, and what the desk
// did to the list stays.
func TestImportSourcesOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		feed := digest.LiveSource{Kind: digest.SourceFeed, URL: "https://x.org/feed", Name: "X", Section: "Defense"}
		page := digest.LiveSource{Kind: digest.SourcePage, URL: "https://y.org/p", Name: "Y"}
		// State a fetcher wrote before sources were listed is kept.
		if err := s.SaveSourceState(ctx, feed.Kind, feed.URL, "", digest.SourceState{ErrorCount: 2}, 4); err != nil {
			t.Fatal(err)
		}
		if ok, _ := s.SourcesImported(ctx); ok {
			t.Fatal("imported before any import")
		}
		n, err := s.ImportSources(ctx, []digest.LiveSource{feed, page}, now)
		if err != nil || n != 2 {
			t.Fatalf("first import: %d, %v; want 2", n, err)
		}
		if err := s.RemoveSource(ctx, page.Key()); err != nil {
			t.Fatal(err)
		}
		renamed := feed
		renamed.Name, renamed.Section = "Renamed in the config", ""
		other := digest.LiveSource{Kind: digest.SourceFeed, URL: "https://z.org/feed"}
		n, err = s.ImportSources(ctx, []digest.LiveSource{renamed, page, other}, now.Add(time.Hour))
		if err != nil || n != 0 {
			t.Fatalf("second import: %d, %v; want 0", n, err)
		}
		got, err := s.LiveSources(ctx)
		if err != nil || len(got) != 1 || got[0] != feed {
			t.Fatalf("listed %+v, %v; want only %+v", got, err, feed)
		}
		srcs, _ := s.Sources(ctx)
		if len(srcs) != 1 || srcs[0].State.ErrorCount != 2 || srcs[0].Articles != 4 {
			t.Errorf("the earlier fetch state is lost: %+v", srcs)
		}
	})
}

func TestSourceListChanges(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		src := digest.LiveSource{Kind: digest.SourceFeed, URL: "https://x.org/feed", Name: "X"}
		if err := s.AddSource(ctx, src, now); err != nil {
			t.Fatal(err)
		}
		if err := s.AddSource(ctx, src, now); !errors.Is(err, digest.ErrExists) {
			t.Errorf("a second add: %v, want ErrExists", err)
		}
		src.Name, src.Section, src.Paused = "X News", "Economy", true
		if err := s.UpdateSource(ctx, src.Key(), src); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.LiveSources(ctx); len(got) != 1 || got[0] != src {
			t.Errorf("after update: %+v, want %+v", got, src)
		}
		missing := digest.LiveSource{Kind: digest.SourcePage, URL: "https://nowhere.example/"}
		if err := s.UpdateSource(ctx, missing.Key(), missing); !errors.Is(err, digest.ErrNotFound) {
			t.Errorf("update of an unlisted source: %v, want ErrNotFound", err)
		}
		if err := s.RemoveSource(ctx, src.Key()); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveSource(ctx, src.Key()); !errors.Is(err, digest.ErrNotFound) {
			t.Errorf("a second remove: %v, want ErrNotFound", err)
		}
	})
}

// A new address renames the source: its history follows, the old
// address's validators go, and another listed source's address is
// refused.
func TestSourceNewAddress(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		old := digest.LiveSource{Kind: digest.SourceFeed, URL: "http://old.example/rss", Name: "Old"}
		other := digest.LiveSource{Kind: digest.SourcePage, URL: "https://other.example/"}
		for _, src := range []digest.LiveSource{old, other} {
			if err := s.AddSource(ctx, src, now); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.RecordFetch(ctx, digest.FetchAttempt{SourceKey: old.Key(), At: now, Outcome: digest.FetchFailed, Error: "gone"}); err != nil {
			t.Fatal(err)
		}
		failing := digest.SourceState{ETag: `"v1"`, LastModified: "Mon, 30 Nov 2026 08:00:00 GMT", ErrorCount: 4, LastError: "gone",
			LastFetched: now, LastSuccess: now.Add(-time.Hour), NextAttempt: now.Add(time.Hour)}
		if err := s.SaveSourceState(ctx, old.Kind, old.URL, old.Name, failing, 3); err != nil {
			t.Fatal(err)
		}
		moved := old
		moved.Kind, moved.URL, moved.Name = digest.SourcePage, "https://new.example/news", "New"
		// The fetcher remembers the new address from long ago, unlisted:
		// the rename takes its place, and its old history goes.
		if err := s.SaveSourceState(ctx, moved.Kind, moved.URL, "", digest.SourceState{ETag: `"stale"`, LastFetched: now}, 9); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordFetch(ctx, digest.FetchAttempt{SourceKey: moved.Key(), At: now, Outcome: digest.FetchOK, Error: "stale"}); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateSource(ctx, old.Key(), moved); err != nil {
			t.Fatal(err)
		}
		if st, err := s.SourceState(ctx, moved.Kind, moved.URL); err != nil || st != (digest.SourceState{}) {
			t.Errorf("state after a new address: %+v, %v; want none remembered", st, err)
		}
		if all, _ := s.Sources(ctx); !slices.ContainsFunc(all, func(r Source) bool { return r.Key == moved.Key() && r.Articles == 3 }) {
			t.Errorf("the article count did not follow the source: %+v", all)
		}
		got, _ := s.LiveSources(ctx)
		if len(got) != 2 || !slices.Contains(got, moved) || slices.Contains(got, old) {
			t.Errorf("after a new address: %+v", got)
		}
		if h, _ := s.FetchHistory(ctx, moved.Key(), 10); len(h) != 1 || h[0].Error != "gone" {
			t.Errorf("history under the new address: %+v", h)
		}
		if h, _ := s.FetchHistory(ctx, old.Key(), 10); len(h) != 0 {
			t.Errorf("history left under the old address: %+v", h)
		}
		taken := moved
		taken.Kind, taken.URL = other.Kind, other.URL
		if err := s.UpdateSource(ctx, moved.Key(), taken); !errors.Is(err, digest.ErrExists) {
			t.Errorf("moving onto a listed address: %v, want ErrExists", err)
		}
		if got2, _ := s.LiveSources(ctx); !slices.Equal(got, got2) {
			t.Errorf("a refused move changed the list: %+v, was %+v", got2, got)
		}
	})
}

// The history keeps the newest MaxFetchHistory attempts per source.
func TestFetchHistoryBounded(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		at := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		for i := range digest.MaxFetchHistory + 5 {
			a := digest.FetchAttempt{SourceKey: "feed:a", At: at.Add(time.Duration(i) * time.Minute), Outcome: digest.FetchOK,
				Status: 200, New: i, Seen: 10}
			if err := s.RecordFetch(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		s.RecordFetch(ctx, digest.FetchAttempt{SourceKey: "feed:b", At: at, Outcome: digest.FetchFailed, Error: "timed out"})
		got, err := s.FetchHistory(ctx, "feed:a", 1000)
		if err != nil || len(got) != digest.MaxFetchHistory {
			t.Fatalf("%d rows, %v; want %d", len(got), err, digest.MaxFetchHistory)
		}
		last := digest.MaxFetchHistory + 4
		if got[0].New != last || !got[0].At.Equal(at.Add(time.Duration(last)*time.Minute)) || got[0].Status != 200 {
			t.Errorf("newest row %+v, want New=%d", got[0], last)
		}
		if b, _ := s.FetchHistory(ctx, "feed:b", 10); len(b) != 1 || b[0].Error != "timed out" || b[0].Outcome != digest.FetchFailed {
			t.Errorf("feed:b history %s", fmt.Sprint(b))
		}
	})
}

// Two editors move two sources onto one address at once: one wins and
// the other is told the address is taken (digest.ErrExists), on
// PostgreSQL too, where both checks can pass before either writes.
func TestSourceRenameRace(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
		for round := range 10 {
			a := digest.LiveSource{Kind: digest.SourceFeed, URL: fmt.Sprintf("https://a.example/%d", round)}
			c := digest.LiveSource{Kind: digest.SourceFeed, URL: fmt.Sprintf("https://c.example/%d", round)}
			target := digest.LiveSource{Kind: digest.SourceFeed, URL: fmt.Sprintf("https://b.example/%d", round)}
			for _, src := range []digest.LiveSource{a, c} {
				if err := s.AddSource(ctx, src, now); err != nil {
					t.Fatal(err)
				}
			}
			errs := make(chan error, 2)
			for _, from := range []digest.LiveSource{a, c} {
				go func() { errs <- s.UpdateSource(ctx, from.Key(), target) }()
			}
			var won, taken int
			for range 2 {
				switch err := <-errs; {
				case err == nil:
					won++
				case errors.Is(err, digest.ErrExists):
					taken++
				default:
					t.Errorf("round %d: %v, want success or ErrExists", round, err)
				}
			}
			if won != 1 || taken != 1 {
				t.Errorf("round %d: %d renames won and %d were told the address is taken, want 1 and 1", round, won, taken)
			}
		}
	})
}
