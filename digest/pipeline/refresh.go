package pipeline

import (
	"context"
	"errors"
	"log/slog"
	"sync"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/clean"
	"github.com/digest-newsletter/digest/digest/extract"
	"github.com/digest-newsletter/digest/digest/feed"
	"github.com/digest-newsletter/digest/digest/fetch"
	"github.com/digest-newsletter/digest/digest/store"
)

// LiveSource is a feed or a web page from the config.
type LiveSource struct {
	Kind    digest.SourceKind
	URL     string
	Name    string
	Section string // section hint for its articles, or ""
}

// Refresher fetches live sources and stores what is new. One source's
// failure is recorded against it and never stops the others.
type Refresher struct {
	Sources []LiveSource
	Fetcher *fetch.Fetcher
	Store   *store.Store
	Theme   digest.Theme
	Clock   digest.Clock
	Log     *slog.Logger
	// Workers is how many sources are fetched at once.
	Workers int
}

// SourceReport is what one refresh did with one source.
type SourceReport struct {
	Source      LiveSource
	Skipped     bool // backing off after errors, or a Retry-After
	NotModified bool
	Entries     int // entries or pages seen
	Added       int // articles stored
	Problems    []error
	Err         error // the source itself failed
	State       digest.SourceState
}

// Refresh fetches every source that is due (all of them with force).
func (r *Refresher) Refresh(ctx context.Context, force bool) []SourceReport {
	reports := make([]SourceReport, len(r.Sources))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(r.Workers, len(r.Sources))) {
		wg.Go(func() {
			for i := range next {
				reports[i] = r.refresh(ctx, r.Sources[i], force)
			}
		})
	}
	for i := range r.Sources {
		next <- i
	}
	close(next)
	wg.Wait()
	return reports
}

func (r *Refresher) refresh(ctx context.Context, src LiveSource, force bool) SourceReport {
	rep := SourceReport{Source: src}
	now := r.Clock.Now()
	state, err := r.Store.SourceState(ctx, src.Kind, src.URL)
	if err != nil {
		rep.Err = err
		return rep
	}
	rep.State = state
	if !force && !fetch.Due(state, now) {
		rep.Skipped = true
		return rep
	}
	resp, err := r.Fetcher.Get(ctx, fetch.Request{URL: src.URL, ETag: state.ETag, LastModified: state.LastModified})
	if ctx.Err() != nil {
		rep.Err = ctx.Err() // our own shutdown is not the source's fault
		return rep
	}
	var docs []digest.Document
	if err == nil && resp.NotModified {
		rep.NotModified = true
	} else if err == nil {
		docs, err = r.documents(ctx, src, resp, &rep)
	}
	added := 0
	if err == nil {
		added = r.store(ctx, src, docs, &rep)
	}
	rep.Err, rep.Added = err, added
	rep.State = fetch.Next(state, resp, err, now)
	rep.State.LastError = digest.RedactIn(rep.State.LastError, src.URL)
	if serr := r.Store.SaveSourceState(context.WithoutCancel(ctx), src.Kind, src.URL, src.Name, rep.State, added); serr != nil {
		rep.Err = errors.Join(rep.Err, serr)
	}
	if rep.Err != nil {
		r.Log.Warn("source failed", "source", digest.RedactURL(src.URL), "errors", rep.State.ErrorCount,
			"next_attempt", rep.State.NextAttempt, "error", digest.RedactIn(rep.Err.Error(), src.URL))
	} else {
		r.Log.Info("source refreshed", "source", digest.RedactURL(src.URL), "entries", rep.Entries, "added", added, "not_modified", rep.NotModified)
	}
	return rep
}

// documents turns a fetched body into documents: a feed's new entries
// (their pages fetched when the feed gives only an excerpt) or a page.
func (r *Refresher) documents(ctx context.Context, src LiveSource, resp *fetch.Response, rep *SourceReport) ([]digest.Document, error) {
	if src.Kind == digest.SourcePage {
		rep.Entries = 1
		doc, err := extract.Document(digest.Document{Name: src.URL, Origin: digest.OriginWeb,
			URL: feed.CanonicalURL(resp.URL), Text: string(resp.Body), Format: "html"})
		if err != nil {
			return nil, err
		}
		if doc.Publication == "" {
			doc.Publication = src.Name // the page names none: the configured name
		}
		return []digest.Document{doc}, nil
	}
	f, err := feed.Parse(resp.Body, resp.URL)
	if err != nil {
		return nil, err
	}
	title := src.Name
	if title == "" {
		title = f.Title
	}
	var docs []digest.Document
	for _, e := range f.Entries {
		rep.Entries++
		known, err := r.Store.KnownEntry(ctx, e.GUID, e.URL)
		if err != nil {
			return nil, err
		}
		if known {
			continue // already stored: not new, whatever changed in it
		}
		doc := e.Document(title)
		if e.Excerpt && e.URL != "" {
			if full, err := r.page(ctx, doc); err != nil {
				rep.Problems = append(rep.Problems, err)
			} else {
				doc = full
			}
		}
		docs = append(docs, doc)
	}
	return docs, nil
}

// page fetches an entry's page and extracts its main text, keeping what
// the feed stated about the entry.
func (r *Refresher) page(ctx context.Context, entry digest.Document) (digest.Document, error) {
	resp, err := r.Fetcher.Get(ctx, fetch.Request{URL: entry.URL})
	if err != nil {
		return entry, err
	}
	doc := entry
	doc.Text, doc.Format = string(resp.Body), "html"
	full, err := extract.Document(doc) // its error names the page
	if err != nil {
		return entry, err
	}
	return full, nil
}

// store cleans the documents and saves the articles, counting the new.
func (r *Refresher) store(ctx context.Context, src LiveSource, docs []digest.Document, rep *SourceReport) int {
	var arts []*digest.Article
	cleaned, errs := cleanAll(docs, clean.Options{Theme: r.Theme})
	for i, a := range cleaned {
		if errs[i] != nil {
			rep.Problems = append(rep.Problems, errs[i])
			continue
		}
		a.SectionHint = src.Section
		arts = append(arts, a)
	}
	added, err := r.Store.SaveArticles(context.WithoutCancel(ctx), arts, r.Clock.Now())
	if err != nil {
		rep.Problems = append(rep.Problems, err)
	}
	return added
}
