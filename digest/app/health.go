package app

import (
	"context"

	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/pipeline"
	"github.com/digest-newsletter/digest/digest/store"
	"github.com/digest-newsletter/digest/seeds"
)

// SourceHealth lists every configured source with its health: the seeds,
// the drop folders, and each feed and page with what the store remembers
// of its fetches. `digest status`, `digest sources` and the desk show it;
// package pipeline says what each row reads.
func (a *App) SourceHealth(ctx context.Context) ([]pipeline.SourceHealth, error) {
	known, err := a.Store.Sources(ctx)
	if err != nil {
		return nil, err
	}
	byKey := map[string]store.Source{}
	for _, s := range known {
		byKey[s.Key] = s
	}
	var out []pipeline.SourceHealth
	if a.Config.Sources.Seeds {
		out = append(out, pipeline.SeedsHealth(seeds.FS()))
	}
	for _, d := range a.Config.Sources.DropFolders {
		out = append(out, pipeline.FolderHealth(a.Config.ResolveDataPath(d)))
	}
	live, err := a.LiveSources(ctx)
	if err != nil {
		return nil, err
	}
	now := a.Clock.Now()
	for _, s := range live {
		row := byKey[s.Key()]
		out = append(out, pipeline.LiveHealth(s, row.State, row.Articles, now))
	}
	return out, nil
}

// Cadence says when the schedule's slots come in words, if it can.
func (a *App) Cadence() (string, bool) {
	s, err := a.Schedule()
	if err != nil {
		return "", false
	}
	return s.Cadence()
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
