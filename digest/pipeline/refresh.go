package pipeline

import (
	"context"
	"errors"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/clean"
	"github.com/digest-newsletter/digest/digest/extract"
	"github.com/digest-newsletter/digest/digest/feed"
	"github.com/digest-newsletter/digest/digest/fetch"
)

// LiveSource is a feed or a web page: the database's list.
type LiveSource = digest.LiveSource

// SourceStore is what a refresh needs of the database: each source's
// fetch state, whether an entry is known already, and the new articles.
type SourceStore interface {
	SourceState(ctx context.Context, kind digest.SourceKind, url string) (digest.SourceState, error)
	SaveSourceState(ctx context.Context, kind digest.SourceKind, url, name string, st digest.SourceState, added int) error
	KnownEntry(ctx context.Context, guid, url string) (bool, error)
	SaveArticles(ctx context.Context, arts []*digest.Article, now time.Time) (int, error)
	RecordFetch(ctx context.Context, a digest.FetchAttempt) error
}

// Refresher fetches live sources and stores what is new. One source's
// failure is recorded against it and never stops the others. The work one
// refresh does is bounded: entries per feed, time per source and per
// refresh; what is done when time runs out is kept, and the rest comes
// next time.
type Refresher struct {
	// List, when set, reads the sources at every refresh (the database's
	// list, so a source added or paused on the desk counts from the next
	// refresh on); Sources is used otherwise.
	List    func(ctx context.Context) ([]LiveSource, error)
	Sources []LiveSource
	Fetcher *fetch.Fetcher
	Store   SourceStore
	Theme   digest.Theme
	Clock   digest.Clock
	Log     *slog.Logger
	// Workers is how many sources are fetched at once.
	Workers int
	// MaxEntries bounds the entries taken from one fetch of a feed, the
	// newest first. Default 100.
	MaxEntries int
	// SourceBudget bounds the time one source takes, the pages of its
	// entries included. Default 2 minutes.
	SourceBudget time.Duration
	// Budget bounds a whole refresh. Default 10 minutes.
	Budget time.Duration
}

const (
	defaultMaxEntries   = 100
	defaultSourceBudget = 2 * time.Minute
	defaultBudget       = 10 * time.Minute
)

// SourceReport is what one refresh did with one source.
type SourceReport struct {
	Source      LiveSource
	Skipped     bool // backing off after errors, or a Retry-After
	Paused      bool // paused on the desk: not fetched
	NotModified bool
	// Interrupted says the refresh stopped this source (out of time, or
	// shutting down) before it was done: not the source's failure.
	Interrupted bool
	Entries     int // entries or pages seen
	Added       int // articles stored
	Problems    []error
	Err         error // the source itself failed
	State       digest.SourceState
}

// Refresh fetches every source that is due (all of them with force).
func (r *Refresher) Refresh(ctx context.Context, force bool) []SourceReport {
	ctx, cancel := context.WithTimeout(ctx, orDefault(r.Budget, defaultBudget))
	defer cancel()
	srcs := r.Sources
	if r.List != nil {
		var err error
		if srcs, err = r.List(ctx); err != nil {
			r.Log.Error("cannot read the list of sources", "err", err)
			return []SourceReport{{Source: LiveSource{Name: "the list of sources"}, Err: err}}
		}
	}
	reports := make([]SourceReport, len(srcs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(r.Workers, len(srcs))) {
		wg.Go(func() {
			for i := range next {
				if srcs[i].Paused {
					reports[i] = SourceReport{Source: srcs[i], Paused: true}
					continue
				}
				reports[i] = r.refresh(ctx, srcs[i], force)
			}
		})
	}
	for i := range srcs {
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
	sctx, cancel := context.WithTimeout(ctx, orDefault(r.SourceBudget, defaultSourceBudget))
	defer cancel()
	resp, err := r.Fetcher.Get(sctx, fetch.Request{URL: src.URL, ETag: state.ETag, LastModified: state.LastModified})
	if err != nil && sctx.Err() != nil {
		// Stopped before the source answered: our shutdown or our
		// budget, not the source's fault. Its state stays as it was.
		rep.Interrupted = true
		r.Log.Info("source refresh interrupted", "source", digest.RedactURL(src.URL), "reason", sctx.Err())
		return rep
	}
	if err == nil && resp.NotModified {
		rep.NotModified = true
	} else if err == nil {
		err = r.collect(sctx, src, resp, &rep)
	}
	rep.Err = err
	rep.State = fetch.Next(state, resp, err, now)
	if rep.Interrupted {
		// The rest of the feed comes next time: a conditional GET would
		// answer 304 and hide it.
		rep.State.ETag, rep.State.LastModified = "", ""
	}
	if err != nil {
		// The health row shows it to editors, as the history does.
		rep.State.LastError = FetchWords(err)
	}
	rep.State.LastError = digest.RedactIn(rep.State.LastError, src.URL)
	if serr := r.Store.SaveSourceState(context.WithoutCancel(ctx), src.Kind, src.URL, src.Name, rep.State, rep.Added); serr != nil {
		rep.Err = errors.Join(rep.Err, serr)
	}
	r.record(context.WithoutCancel(ctx), src, resp, err, &rep, now)
	switch {
	case rep.Err != nil:
		r.Log.Warn("source failed", "source", digest.RedactURL(src.URL), "errors", rep.State.ErrorCount,
			"next_attempt", rep.State.NextAttempt, "error", digest.RedactIn(rep.Err.Error(), src.URL))
	case rep.Interrupted:
		r.Log.Info("source refresh interrupted: the rest next time", "source", digest.RedactURL(src.URL),
			"entries", rep.Entries, "added", rep.Added, "reason", sctx.Err())
	default:
		r.Log.Info("source refreshed", "source", digest.RedactURL(src.URL), "entries", rep.Entries, "added", rep.Added, "not_modified", rep.NotModified)
	}
	return rep
}

// collect stores what a fetched body holds: a page, or a feed's new
// entries, the newest first and at most MaxEntries, each stored as soon
// as it is done (its page fetched when the feed gives only an excerpt).
// When ctx ends midway, it stops and marks the report interrupted.
func (r *Refresher) collect(ctx context.Context, src LiveSource, resp *fetch.Response, rep *SourceReport) error {
	if src.Kind == digest.SourcePage {
		rep.Entries = 1
		doc, err := extract.Document(digest.Document{Name: src.URL, Origin: digest.OriginWeb,
			URL: feed.CanonicalURL(resp.URL), Text: string(resp.Body), Format: "html"})
		if err != nil {
			return err
		}
		if doc.Publication == "" {
			doc.Publication = src.Name // the page names none: the configured name
		}
		rep.Added += r.store(ctx, src, []digest.Document{doc}, rep)
		return nil
	}
	f, err := feed.Parse(resp.Body, resp.URL)
	if err != nil {
		return err
	}
	title := src.Name
	if title == "" {
		title = f.Title
	}
	for _, e := range newest(f.Entries, orDefault(r.MaxEntries, defaultMaxEntries)) {
		if ctx.Err() != nil {
			rep.Interrupted = true
			return nil
		}
		rep.Entries++
		known, err := r.Store.KnownEntry(ctx, e.GUID, e.URL)
		if err != nil {
			if ctx.Err() != nil {
				rep.Interrupted = true
				return nil
			}
			return err
		}
		if known {
			continue // already stored: not new, whatever changed in it
		}
		doc := e.Document(title)
		if e.Excerpt && e.URL != "" {
			full, err := r.page(ctx, doc)
			if err != nil && ctx.Err() != nil {
				rep.Interrupted = true
				return nil
			}
			if err != nil {
				rep.Problems = append(rep.Problems, err)
			} else {
				doc = full
			}
		}
		rep.Added += r.store(ctx, src, []digest.Document{doc}, rep)
	}
	return nil
}

// newest keeps the n newest entries, in feed order. An entry without a
// date counts as new: it may be, and feeds list the newest first.
func newest(entries []feed.Entry, n int) []feed.Entry {
	if len(entries) <= n {
		return entries
	}
	idx := make([]int, len(entries))
	for i := range idx {
		idx[i] = i
	}
	when := func(i int) time.Time {
		if p := entries[i].Published; !p.IsZero() {
			return p
		}
		return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	sort.SliceStable(idx, func(a, b int) bool { return when(idx[a]).After(when(idx[b])) })
	keep := idx[:n]
	sort.Ints(keep)
	out := make([]feed.Entry, n)
	for i, j := range keep {
		out[i] = entries[j]
	}
	return out
}

func orDefault[T int | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
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

// record adds the attempt to the source's fetch history, its error in
// words (FetchWords) with the URL's secrets hidden. A history that
// cannot be written is logged: the articles are what matters.
func (r *Refresher) record(ctx context.Context, src LiveSource, resp *fetch.Response, err error, rep *SourceReport, now time.Time) {
	a := digest.FetchAttempt{SourceKey: src.Key(), At: now, Outcome: digest.FetchOK, New: rep.Added, Seen: rep.Entries}
	var fe *fetch.Error
	switch {
	case err != nil:
		a.Outcome, a.Error = digest.FetchFailed, digest.RedactIn(FetchWords(err), src.URL)
		if errors.As(err, &fe) {
			a.Status = fe.Status
		}
	case rep.NotModified:
		a.Outcome = digest.FetchNotModified
	case rep.Interrupted:
		a.Outcome = digest.FetchInterrupted
	}
	if resp != nil {
		a.Status = resp.Status
	}
	if rerr := r.Store.RecordFetch(ctx, a); rerr != nil {
		r.Log.Warn("fetch history not written", "source", digest.RedactURL(src.URL), "err", rerr)
	}
}
