// Package pipeline runs the stages that turn sources into an edition:
// gather, clean, store, dedupe, theme, sections, summaries, render, write.
// It is the one package that imports the others.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/render"
	"github.com/digest-newsletter/digest/digest/store"
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
	Store    *store.Store
	Renderer *render.Renderer
	Clock    digest.Clock
	Log      *slog.Logger
	// EditionsDir is where each edition's folder is written.
	EditionsDir string
}

// Result is a built edition and what happened on the way.
type Result struct {
	Edition  *digest.Edition
	Dir      string
	Files    []string // digest.html, digest.txt, digest.json, in Dir
	Problems []Problem
	// Articles counts the cleaned articles read this run, NewArticles
	// those not stored before.
	Articles, NewArticles int
	Duration              time.Duration
}

// ErrNothingToBuild is returned when no article could be read at all.
var ErrNothingToBuild = errors.New("nothing to build")

// Build gathers the sources, stores new articles and builds a new manual
// edition from every article no sent edition has carried.
func (b *Builder) Build(ctx context.Context) (*Result, error) {
	start := b.Clock.Now()
	arts, problems := Gather(ctx, b.Sources, b.Theme, b.Log)
	logProblems(b.Log, problems)
	added, err := b.Store.SaveArticles(ctx, arts, start)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	candidates, err := b.Store.UnsentArticles(ctx)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	if len(candidates) == 0 {
		return &Result{Problems: problems}, fmt.Errorf("build: %w: no readable articles (%d problems)", ErrNothingToBuild, len(problems))
	}
	ed, rendered, err := b.renderWithinLimit(b.choose(candidates, problems), start)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	res := &Result{Edition: ed, Problems: problems, Articles: len(arts), NewArticles: added}
	if err := b.save(ctx, ed, rendered, res); err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	res.Duration = b.Clock.Now().Sub(start)
	b.Log.Debug("edition built", "edition_id", ed.ID, "sections", len(ed.Sections), "items", ed.ItemCount(),
		"left_out", len(ed.LeftOut), "problems", len(problems), "dir", res.Dir)
	return res, nil
}
