package app

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/fetch"
	"github.com/digest-newsletter/digest/digest/ingest"
	"github.com/digest-newsletter/digest/digest/store"
	"github.com/digest-newsletter/digest/seeds"
)

// SourceHealth lists every configured source with its health: the seeds,
// the drop folders, and each feed and page with what the store remembers
// of its fetches. `digest status`, `digest sources` and the desk show it.
func (a *App) SourceHealth(ctx context.Context) ([]desk.SourceHealth, error) {
	known, err := a.Store.Sources(ctx)
	if err != nil {
		return nil, err
	}
	byKey := map[string]store.Source{}
	for _, s := range known {
		byKey[s.Key] = s
	}
	var out []desk.SourceHealth
	if a.Config.Sources.Seeds {
		seeded, _ := fs.ReadDir(seeds.FS(), ".")
		out = append(out, desk.SourceHealth{Kind: "seeds", Source: "embedded", Health: "ok", LastSuccess: "-",
			Articles: fmt.Sprintf("%d files", len(seeded))})
	}
	for _, d := range a.Config.Sources.DropFolders {
		dir := a.Config.ResolveDataPath(d)
		out = append(out, desk.SourceHealth{Kind: "folder", Source: dir, Health: folderHealth(dir), LastSuccess: "-",
			Articles: folderCount(dir)})
	}
	now := a.Clock.Now()
	for _, s := range a.Refresher().Sources {
		row := byKey[store.SourceKey(s.Kind, s.URL)]
		out = append(out, desk.SourceHealth{Kind: string(s.Kind), Source: digest.RedactURL(s.URL), Health: health(row, now),
			LastSuccess: when(row.State.LastSuccess), Articles: fmt.Sprint(row.Articles),
			LastError: digest.RedactIn(row.State.LastError, s.URL)})
	}
	return out, nil
}

// NextSlots lists the schedule's next n slots; none when the schedule
// does not parse (start-up has refused such a config already).
func (a *App) NextSlots(n int) []desk.Slot {
	s, err := a.Schedule()
	if err != nil {
		return nil
	}
	var out []desk.Slot
	for _, slot := range s.Upcoming(a.Clock.Now(), n) {
		out = append(out, desk.Slot{Key: slot.Key, At: slot.At})
	}
	return out
}

func health(s store.Source, now time.Time) string {
	switch {
	case s.State.LastFetched.IsZero():
		return "never fetched"
	case s.State.ErrorCount == 0:
		return "ok"
	case !fetch.Due(s.State, now):
		return fmt.Sprintf("failing (%d), retry at %s", s.State.ErrorCount, s.State.NextAttempt.Format(time.DateTime))
	default:
		return fmt.Sprintf("failing (%d)", s.State.ErrorCount)
	}
}

func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateTime)
}

func folderHealth(dir string) string {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return "missing (created at the next build)"
	}
	return "ok"
}

func folderCount(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "-"
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() && ingest.IsArticleFile(e.Name()) {
			n++
		}
	}
	return fmt.Sprintf("%d files", n)
}
