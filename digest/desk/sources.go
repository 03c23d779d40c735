package desk

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/pipeline"
)

// SourceList is what the Sources page needs of the database: the list of
// feeds and pages digest fetches and each one's fetch history.
type SourceList interface {
	LiveSources(ctx context.Context) ([]digest.LiveSource, error)
	AddSource(ctx context.Context, src digest.LiveSource, now time.Time) error
	UpdateSource(ctx context.Context, src digest.LiveSource) error
	RemoveSource(ctx context.Context, key string) error
	FetchHistory(ctx context.Context, key string, limit int) ([]digest.FetchAttempt, error)
}

// SourceBook is the desk's hold on the live sources; the composition root
// fills it. Check is the config file's rule for a source (config.CheckSource:
// the fetch guard's address rule, the name and section rules), so a source
// added here passes exactly what one in the file must; Try reads a URL
// now as a build would (pipeline.Refresher.Try) through the configured
// fetcher.
type SourceBook struct {
	List     SourceList
	Check    func(digest.LiveSource) error
	Try      func(ctx context.Context, src digest.LiveSource) (*pipeline.Trial, error)
	Sections []string
}

// SourceRow is one source on the Sources page: what it is and how it has
// been doing. Live is false for the seeds and drop folders, which only
// the config file changes.
type SourceRow struct {
	digest.LiveSource
	Health pipeline.SourceHealth
	Live   bool
}

// SourceDetail is one feed or page with its last fetch attempts.
type SourceDetail struct {
	SourceRow
	History []digest.FetchAttempt
}

// SourcesPage is every source with its health, feeds and pages first.
type SourcesPage struct {
	Rows     []SourceRow
	Sections []string
}

// SourceProblem is a source change or try the desk refused, in an
// editor's words (what happened, what to do). Field names the form field
// at fault ("url", "name", "section"), or "".
type SourceProblem struct {
	Field string
	Words string
	Err   error
}

func (p *SourceProblem) Error() string { return p.Words }
func (p *SourceProblem) Unwrap() error { return p.Err }

// Sources lists every source with its health.
func (d *Desk) Sources(ctx context.Context) (*SourcesPage, error) {
	live, err := d.SourceBook.List.LiveSources(ctx)
	if err != nil {
		return nil, err
	}
	var health []pipeline.SourceHealth
	if d.SourceHealth != nil {
		if health, err = d.SourceHealth(ctx); err != nil {
			return nil, err
		}
	}
	byRef := map[string]pipeline.SourceHealth{}
	page := &SourcesPage{Sections: d.SourceBook.Sections}
	for _, h := range health {
		if h.Ref == "" {
			page.Rows = append(page.Rows, SourceRow{LiveSource: digest.LiveSource{Kind: digest.SourceKind(h.Kind), Name: h.Kind,
				URL: h.Source}, Health: h})
		} else {
			byRef[h.Ref] = h
		}
	}
	var rows []SourceRow
	for _, s := range live {
		rows = append(rows, SourceRow{LiveSource: s, Health: byRef[s.Ref()], Live: true})
	}
	page.Rows = append(rows, page.Rows...)
	return page, nil
}

// Source is one feed or page with its fetch history, the newest first.
func (d *Desk) Source(ctx context.Context, ref string) (*SourceDetail, error) {
	page, err := d.Sources(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range page.Rows {
		if r.Live && r.Ref() == ref {
			h, err := d.SourceBook.List.FetchHistory(ctx, r.Key(), digest.MaxFetchHistory)
			if err != nil {
				return nil, err
			}
			return &SourceDetail{SourceRow: r, History: h}, nil
		}
	}
	return nil, noSuchSource()
}

func noSuchSource() error {
	return &SourceProblem{Words: "There is no such source any more: someone may have removed it. Go back to the sources list.",
		Err: fmt.Errorf("source: %w", digest.ErrNotFound)}
}

// AddSource checks a new feed or page by the config file's rule and lists
// it; it is fetched from the next refresh on.
func (d *Desk) AddSource(ctx context.Context, src digest.LiveSource) error {
	src = tidy(src)
	if err := d.checkSource(src); err != nil {
		return err
	}
	err := d.SourceBook.List.AddSource(ctx, src, d.Clock.Now())
	if errors.Is(err, digest.ErrExists) {
		return &SourceProblem{Field: "url", Err: err,
			Words: fmt.Sprintf("That %s is listed already. Edit the one in the list instead.", src.Kind)}
	}
	if err == nil {
		d.log().Info("source added on the desk", "source", digest.RedactURL(src.URL), "kind", src.Kind)
	}
	return err
}

// EditSource changes a source's name and section hint; its kind and URL
// name it and stay (remove it and add the new address to change them).
func (d *Desk) EditSource(ctx context.Context, ref, name, section string) error {
	cur, err := d.Source(ctx, ref)
	if err != nil {
		return err
	}
	src := cur.LiveSource
	src.Name, src.Section = name, section
	src = tidy(src)
	if err := d.checkSource(src); err != nil {
		return err
	}
	return d.update(ctx, src)
}

// PauseSource stops or resumes fetching a source; a paused one keeps its
// history and articles.
func (d *Desk) PauseSource(ctx context.Context, ref string, paused bool) error {
	cur, err := d.Source(ctx, ref)
	if err != nil {
		return err
	}
	src := cur.LiveSource
	src.Paused = paused
	return d.update(ctx, src)
}

func (d *Desk) update(ctx context.Context, src digest.LiveSource) error {
	err := d.SourceBook.List.UpdateSource(ctx, src)
	if errors.Is(err, digest.ErrNotFound) {
		return noSuchSource()
	}
	return err
}

// RemoveSource takes a source off the list with its history; the
// articles it brought stay, as editions carry them.
func (d *Desk) RemoveSource(ctx context.Context, ref string) error {
	cur, err := d.Source(ctx, ref)
	if err != nil {
		return err
	}
	if err := d.SourceBook.List.RemoveSource(ctx, cur.Key()); errors.Is(err, digest.ErrNotFound) {
		return noSuchSource()
	} else if err != nil {
		return err
	}
	d.log().Info("source removed on the desk", "source", digest.RedactURL(cur.URL))
	return nil
}

// TrySource fetches a URL now and shows what a build would take from it,
// storing nothing. It is checked by the same rule as a save first.
func (d *Desk) TrySource(ctx context.Context, src digest.LiveSource) (*pipeline.Trial, error) {
	src = tidy(src)
	if err := d.checkSource(src); err != nil {
		return nil, err
	}
	t, err := d.SourceBook.Try(ctx, src)
	if err != nil {
		return nil, &SourceProblem{Field: "url", Err: err,
			Words: "Digest tried that address and " + digest.RedactIn(pipeline.FetchWords(err), src.URL)}
	}
	return t, nil
}

// checkSource applies the config file's rule and says what is wrong in
// an editor's words, naming the form's field.
func (d *Desk) checkSource(src digest.LiveSource) error {
	err := d.SourceBook.Check(src)
	if err == nil {
		return nil
	}
	var fe interface{ Field(string) string }
	if !errors.As(err, &fe) {
		return &SourceProblem{Words: "That source can't be saved: " + err.Error(), Err: err}
	}
	for _, f := range []struct{ field, label string }{{"kind", "Kind"}, {"url", "Address"}, {"name", "Name"}, {"section", "Section"}} {
		if msg := fe.Field(f.field); msg != "" {
			return &SourceProblem{Field: f.field, Err: fmt.Errorf("%w: %w", ErrBadInput, err),
				Words: fmt.Sprintf("%s: %s. Correct it and try again.", f.label, sentence(msg))}
		}
	}
	return &SourceProblem{Words: "That source can't be saved: " + err.Error(), Err: err}
}

// sentence turns a rule's message into the middle of a sentence.
func sentence(msg string) string { return strings.TrimSuffix(msg, ".") }

// tidy trims what a form pastes around its values.
func tidy(s digest.LiveSource) digest.LiveSource {
	s.URL, s.Name, s.Section = strings.TrimSpace(s.URL), strings.TrimSpace(s.Name), strings.TrimSpace(s.Section)
	return s
}
