package desk

import (
	"cmp"
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
	UpdateSource(ctx context.Context, key string, src digest.LiveSource) error
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
	return &SourceProblem{Words: "There is no such source any more: someone may have removed it or given it a new address. Go back to the sources list.",
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
	if err != nil {
		return err
	}
	d.log().Info("source added", "source", digest.RedactURL(src.URL), "kind", src.Kind)
	return d.recordSource(ctx, fmt.Sprintf("added the %s %s", src.Kind, quoted(src)))
}

// EditSource saves a source's kind, address, name and section hint, by
// the same rule as an added one; an empty kind or address keeps the
// current one. A new address keeps the source's history and articles.
// It returns the source as saved, whose Ref is new when its kind or
// address is.
func (d *Desk) EditSource(ctx context.Context, ref string, edit digest.LiveSource) (digest.LiveSource, error) {
	cur, err := d.Source(ctx, ref)
	if err != nil {
		return digest.LiveSource{}, err
	}
	src := cur.LiveSource
	if edit.Kind != "" {
		src.Kind = edit.Kind
	}
	typed := strings.TrimSpace(edit.URL)
	// The form shows the address with its secrets hidden; sent back as
	// shown, it means the address as stored.
	if shown := digest.RedactURL(cur.URL); typed != "" && typed != shown {
		if shown != cur.URL && strings.Contains(typed, digest.Redacted) {
			return digest.LiveSource{}, &SourceProblem{Field: "url", Err: fmt.Errorf("source url: hidden secret edited: %w", ErrBadInput),
				Words: fmt.Sprintf("Address: the secret in it is shown as %s. Type the whole new address, secret included, or leave the address as it is.", digest.Redacted)}
		}
		src.URL = typed
	}
	src.Name, src.Section = edit.Name, edit.Section
	src = tidy(src)
	if err := d.checkSource(src); err != nil {
		return digest.LiveSource{}, err
	}
	if err := d.update(ctx, cur.Key(), src); err != nil {
		return digest.LiveSource{}, err
	}
	if what := changedParts(cur.LiveSource, src); len(what) > 0 {
		words := fmt.Sprintf("changed the %s %s: %s", cur.Kind, quoted(cur.LiveSource), strings.Join(what, "; "))
		if err := d.recordSource(ctx, words); err != nil {
			return src, err
		}
	}
	return src, nil
}

// changedParts says in words what an edit changed.
func changedParts(was, now digest.LiveSource) []string {
	var out []string
	if was.Kind != now.Kind {
		out = append(out, fmt.Sprintf("now read as a %s", now.Kind))
	}
	if was.URL != now.URL {
		out = append(out, "address "+digest.RedactURL(now.URL))
	}
	if was.Name != now.Name {
		out = append(out, fmt.Sprintf("name “%s”", now.Name))
	}
	if was.Section != now.Section {
		out = append(out, "section "+cmp.Or(now.Section, "by each article's words"))
	}
	return out
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
	if err := d.update(ctx, cur.Key(), src); err != nil || cur.Paused == paused {
		return err
	}
	verb := "resumed"
	if paused {
		verb = "paused"
	}
	return d.recordSource(ctx, fmt.Sprintf("%s the %s %s", verb, src.Kind, quoted(src)))
}

func (d *Desk) update(ctx context.Context, key string, src digest.LiveSource) error {
	err := d.SourceBook.List.UpdateSource(ctx, key, src)
	switch {
	case errors.Is(err, digest.ErrNotFound):
		return noSuchSource()
	case errors.Is(err, digest.ErrExists):
		return &SourceProblem{Field: "url", Err: err,
			Words: fmt.Sprintf("Another source is listed with that address as a %s. Edit or remove that one instead.", src.Kind)}
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
	d.log().Info("source removed", "source", digest.RedactURL(cur.URL))
	return d.recordSource(ctx, fmt.Sprintf("removed the %s %s", cur.Kind, quoted(cur.LiveSource)))
}

// recordSource puts a change of the source list in the desk's history.
// It names no edition and keeps no before-state: undo does not reach it.
func (d *Desk) recordSource(ctx context.Context, words string) error {
	return d.record(ctx, "", who(ctx, ""), digest.ChangeSource, words, nil)
}

// quoted is the source's label in quotes, for history sentences.
func quoted(s digest.LiveSource) string { return "“" + s.Label() + "”" }

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
