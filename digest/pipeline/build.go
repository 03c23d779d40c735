// Package pipeline runs the stages that turn sources into an edition:
// gather, clean, store, dedupe, theme, sections, summaries, render, write.
// It is the one package that imports the others.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/render"
)

// Builder builds editions. Every dependency is explicit so tests and the
// scheduler can wire their own.
type Builder struct {
	Title    string
	Language string
	Theme    digest.Theme
	Sections []digest.SectionSpec
	Limits   digest.Limits
	Sources  []Source
	Store    Store
	Renderer *render.Renderer
	// Mail is what the edition's messages say about their sender, fixed
	// in the edition when it is rendered.
	Mail digest.MailHeader
	// PostalAddress is the sender's, for the footer.
	PostalAddress string
	// Brand is the newsletter's, for the masthead and the notices.
	Brand digest.Brand
	// PublicURL is where the public archive is, for each edition's
	// "view in your browser" link; empty leaves the link out.
	PublicURL string
	// CountClicks sends the email's article links through the public
	// face's click-counting redirect (config web.count_clicks).
	CountClicks bool
	// LinkLen is the length of the longest unsubscribe link as it
	// appears in the HTML part, for measuring the size limit.
	LinkLen int
	Clock   digest.Clock
	Log     *slog.Logger
	// EditionsDir is where each edition's folder is written.
	EditionsDir string
}

// Store is what a build needs of the database: articles in, editions out.
type Store interface {
	SaveArticles(ctx context.Context, arts []*digest.Article, now time.Time) (int, error)
	UnsentArticles(ctx context.Context) ([]*digest.Article, error)
	Articles(ctx context.Context, ids []string) ([]*digest.Article, error)
	AnySent(ctx context.Context) (bool, error)
	NextIssue(ctx context.Context) (int, error)
	InsertEdition(ctx context.Context, e *digest.EditionRecord) error
	Edition(ctx context.Context, id string) (*digest.EditionRecord, error)
	Overrides(ctx context.Context, editionID string) (map[string]digest.Override, error)
	ReplaceRendered(ctx context.Context, e *digest.EditionRecord) error
	Note(ctx context.Context, editionID string) (digest.EditorNote, error)
	SentenceEdits(ctx context.Context, editionID string) ([]digest.SentenceEdit, error)
	PreferenceSets(ctx context.Context) ([]digest.Sections, error)
}

// Result is a built edition and what happened on the way.
type Result struct {
	Edition  *digest.Edition
	Dir      string
	Files    []string // digest.html, digest.txt, digest.json, in Dir
	Problems []Problem
	// Articles counts the cleaned articles read this run from the seeds
	// and drop folders, NewArticles those not stored before. Candidates
	// counts every article the build considered: those, and the ones
	// feeds and pages stored earlier that no sent edition carried.
	Articles, NewArticles, Candidates int
	Duration                          time.Duration
}

// ErrNothingToBuild is returned when no article could be read at all.
var ErrNothingToBuild = errors.New("nothing to build")

// NotEnoughNewsError says a scheduled slot had too little news to send.
type NotEnoughNewsError struct {
	New, Min int
}

func (e *NotEnoughNewsError) Error() string {
	return fmt.Sprintf("%d new on-theme articles, fewer than min_new_articles (%d)", e.New, e.Min)
}

// Request says which edition to build. The zero Request is a manual
// build named after the moment it runs.
type Request struct {
	// ID and Key name a scheduled edition; the key is its slot's.
	ID, Key string
	// SlotAt is when the slot fell due, in the schedule's zone: the
	// edition's title carries its date.
	SlotAt time.Time
	// MinNew makes the build fail with *NotEnoughNewsError, storing no
	// edition, when fewer new on-theme articles are waiting.
	MinNew int
}

// Build gathers the sources, stores new articles and builds a new manual
// edition from every article no sent edition has carried.
func (b *Builder) Build(ctx context.Context) (*Result, error) {
	return b.BuildFor(ctx, Request{})
}

// BuildFor builds the edition a request names from every article no sent
// edition has carried. Seeded articles count only until the first
// edition is sent.
func (b *Builder) BuildFor(ctx context.Context, req Request) (*Result, error) {
	start := b.Clock.Now()
	arts, problems, waiting := gather(ctx, b.Sources, b.Theme, b.Log)
	if req.Key == "" && waiting > 0 {
		// A person's build waits a moment for a file still being saved,
		// as they have just dropped it; a scheduled one leaves it for
		// its next run.
		b.Log.Info("waiting for files still being written", "seconds", dropSettle.Seconds())
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(dropSettle):
		}
		arts, problems, _ = gather(ctx, b.Sources, b.Theme, b.Log)
	}
	logProblems(b.Log, problems)
	added, err := b.Store.SaveArticles(ctx, arts, start)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	candidates, err := b.candidates(ctx)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	sc := b.screen(candidates, problems, nil, start)
	if n := len(sc.onTheme); n < req.MinNew {
		return nil, fmt.Errorf("build: %w", &NotEnoughNewsError{New: n, Min: req.MinNew})
	}
	if len(candidates) == 0 {
		if len(arts) > 0 {
			return &Result{Problems: problems}, fmt.Errorf("build: %w: the %d articles read were all in editions already sent "+
				"(the seeded ones count only until the first); add new articles to a drop folder or a feed", ErrNothingToBuild, len(arts))
		}
		return &Result{Problems: problems}, fmt.Errorf("build: %w: no readable articles (%d problems)", ErrNothingToBuild, len(problems))
	}
	issue, err := b.Store.NextIssue(ctx)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	id := identity{id: req.ID, key: req.Key, at: start, issue: issue}
	if !req.SlotAt.IsZero() {
		// Dated the day readers get it, in the schedule's zone: the
		// slot's day, or a later one when the slot runs late.
		id.title = editionTitle(b.Title, issue, latest(req.SlotAt, start.In(req.SlotAt.Location())))
	}
	if id.id == "" {
		id.id = editionID(start)
		id.key = editionKey(id.id)
	}
	sel := b.place(sc, nil, nil)
	ed, rendered, err := b.renderWithinLimit(ctx, sel, id)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	res := &Result{Edition: ed, Problems: problems, Articles: len(arts), NewArticles: added, Candidates: len(candidates)}
	rec := b.record(ed, rendered)
	rec.SlotAt = req.SlotAt
	for _, a := range candidates {
		rec.Candidates = append(rec.Candidates, a.ID)
	}
	if err := b.save(ctx, sel, id, ed, rec, res, req.Key == ""); err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	res.Duration = b.Clock.Now().Sub(start)
	b.Log.Debug("edition built", "edition_id", ed.ID, "sections", len(ed.Sections), "items", ed.ItemCount(),
		"left_out", len(ed.LeftOut), "problems", len(problems), "dir", res.Dir)
	return res, nil
}

// candidates are the stored articles the next edition may carry.
func (b *Builder) candidates(ctx context.Context) ([]*digest.Article, error) {
	arts, err := b.Store.UnsentArticles(ctx)
	if err != nil {
		return nil, err
	}
	sent, err := b.Store.AnySent(ctx)
	if err != nil || !sent {
		return arts, err
	}
	return slices.DeleteFunc(arts, func(a *digest.Article) bool { return a.Origin == digest.OriginSeed }), nil
}
