package app

import (
	"context"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/pipeline"
)

// configSources are the config file's feeds and pages, checked at load.
func (a *App) configSources() []digest.LiveSource {
	var srcs []digest.LiveSource
	for _, f := range a.Config.Sources.Feeds {
		srcs = append(srcs, digest.LiveSource{Kind: digest.SourceFeed, URL: f.URL, Name: f.Name, Section: f.Section})
	}
	for _, p := range a.Config.Sources.Pages {
		srcs = append(srcs, digest.LiveSource{Kind: digest.SourcePage, URL: p.URL, Name: p.Name, Section: p.Section})
	}
	return srcs
}

// importConfigSources lists the config's feeds and pages on a database's
// first start; after that the database is the authority, as for the
// subscribers (importConfigSubscribers): the desk adds, edits, pauses and
// removes them, and a later change to the config's lists is not read.
// It says so in the log when the config lists a source the database does
// not, so an edit of the file that does nothing does not go unnoticed.
func (a *App) importConfigSources(ctx context.Context) error {
	cfg := a.configSources()
	n, err := a.Store.ImportSources(ctx, cfg, a.Clock.Now())
	if err != nil {
		return err
	}
	if n > 0 {
		a.Log.Info("sources imported from the config", "added", n)
		return nil
	}
	listed, err := a.Store.LiveSources(ctx)
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, s := range listed {
		known[s.Key()] = true
	}
	for _, s := range cfg {
		if !known[s.Key()] {
			a.Log.Info("the config lists a source the database does not: the database's list wins; add it on the desk's Sources page",
				"source", digest.RedactURL(s.URL))
		}
	}
	return nil
}

// LiveSources are the feeds and pages digest fetches: the database's
// list. A database never started for writing (a read-only look) has
// not imported the config's yet, so those are what it will fetch.
func (a *App) LiveSources(ctx context.Context) ([]digest.LiveSource, error) {
	imported, err := a.Store.SourcesImported(ctx)
	if err != nil {
		return nil, err
	}
	if !imported {
		return a.configSources(), nil
	}
	return a.Store.LiveSources(ctx)
}

// sourceBook gives the desk the list of sources, the config file's rule
// for one (config.CheckSource) and the refresher's Try, which fetches
// through the configured guard (sources.allow_loopback, allow_private:
// off unless the config says so).
func (a *App) sourceBook() desk.SourceBook {
	var titles []string
	for _, s := range a.Config.Sections {
		titles = append(titles, s.Title)
	}
	return desk.SourceBook{List: a.Store, Check: a.Config.CheckSource, Sections: titles,
		Try: func(ctx context.Context, src digest.LiveSource) (*pipeline.Trial, error) {
			return a.Refresher().Try(ctx, src, a.Config.SectionSpecs())
		}}
}
