package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

func TestLiveHealth(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	src := LiveSource{Kind: digest.SourceFeed, URL: "https://user:s3cret@example.org/feed"}
	tests := []struct {
		name string
		st   digest.SourceState
		want string
	}{
		{"never fetched", digest.SourceState{}, "never fetched"},
		{"ok", digest.SourceState{LastFetched: now, LastSuccess: now}, "ok"},
		{"backing off", digest.SourceState{LastFetched: now, ErrorCount: 2, NextAttempt: now.Add(time.Hour)},
			"failing (2), retry at 2026-03-02 11:00:00"},
		{"due again", digest.SourceState{LastFetched: now, ErrorCount: 1, NextAttempt: now}, "failing (1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.st.LastError = "GET " + src.URL + ": 500"
			h := LiveHealth(src, tt.st, 7, now)
			if h.Health != tt.want || h.Kind != "feed" || h.Articles != "7" {
				t.Errorf("health = %+v, want %q", h, tt.want)
			}
			if strings.Contains(h.Source+h.LastError, "s3cret") {
				t.Errorf("secret shown: %+v", h)
			}
		})
	}
}

func TestFolderAndSeedsHealth(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if h := FolderHealth(dir); h.Health != "ok" || h.Articles != "1 files" {
		t.Errorf("folder = %+v", h)
	}
	if h := FolderHealth(filepath.Join(dir, "gone")); !strings.HasPrefix(h.Health, "missing") || h.Articles != "-" {
		t.Errorf("missing folder = %+v", h)
	}
	if h := SeedsHealth(fstest.MapFS{"a.txt": {}, "b.md": {}}); h.Articles != "2 files" || h.Health != "ok" {
		t.Errorf("seeds = %+v", h)
	}
}
