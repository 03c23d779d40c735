package store

import (
	"context"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

func TestFeedEntriesAreStoredOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now := time.Now()
		entry := func(id, guid, url, body string) *digest.Article {
			a := article(id, "T")
			a.ContentHash, a.GUID, a.URL, a.Paragraphs = id+"-hash", guid, url, []string{body}
			return a
		}
		n, err := s.SaveArticles(ctx, []*digest.Article{entry("a", "urn:1", "https://x.org/1", "v1")}, now)
		if err != nil || n != 1 {
			t.Fatalf("first: %d %v", n, err)
		}
		tests := []struct {
			name string
			a    *digest.Article
			new  bool
		}{
			{"same GUID, edited text", entry("b", "urn:1", "https://x.org/1?v=2", "v2"), false},
			{"same URL, no GUID", entry("c", "", "https://x.org/1", "v3"), false},
			{"new entry", entry("d", "urn:2", "https://x.org/2", "v4"), true},
			{"file without GUID or URL", entry("e", "", "", "v5"), true},
		}
		for _, tt := range tests {
			n, err := s.SaveArticles(ctx, []*digest.Article{tt.a}, now)
			if err != nil || (n == 1) != tt.new {
				t.Errorf("%s: stored %d (err %v), want new=%v", tt.name, n, err, tt.new)
			}
		}
		if known, _ := s.KnownEntry(ctx, "urn:2", ""); !known {
			t.Error("urn:2 not known")
		}
		if known, _ := s.KnownEntry(ctx, "", "https://x.org/9"); known {
			t.Error("an unseen URL is known")
		}
	})
}

func TestSourceState(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		st, err := s.SourceState(ctx, digest.SourceFeed, "https://x.org/feed")
		if err != nil || st.ErrorCount != 0 || !st.LastFetched.IsZero() {
			t.Fatalf("unknown source: %+v %v", st, err)
		}
		now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		want := digest.SourceState{ETag: `"e1"`, LastModified: "Mon, 01 Jan 2026 00:00:00 GMT", LastFetched: now, LastSuccess: now}
		if err := s.SaveSourceState(ctx, digest.SourceFeed, "https://x.org/feed", "X", want, 3); err != nil {
			t.Fatal(err)
		}
		failed := want
		failed.ErrorCount, failed.LastError, failed.NextAttempt = 1, "503", now.Add(time.Hour)
		if err := s.SaveSourceState(ctx, digest.SourceFeed, "https://x.org/feed", "X", failed, 0); err != nil {
			t.Fatal(err)
		}
		got, _ := s.SourceState(ctx, digest.SourceFeed, "https://x.org/feed")
		if got.ETag != want.ETag || got.ErrorCount != 1 || !got.NextAttempt.Equal(now.Add(time.Hour)) || !got.LastSuccess.Equal(now) {
			t.Errorf("state %+v", got)
		}
		list, _ := s.Sources(ctx)
		if len(list) != 1 || list[0].Articles != 3 || list[0].Name != "X" {
			t.Errorf("sources %+v", list)
		}
	})
}
