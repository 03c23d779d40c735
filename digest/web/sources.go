package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/pipeline"
)

// SourceDesk is what the Sources page asks of the desk; *desk.Desk
// implements it.
type SourceDesk interface {
	Sources(ctx context.Context) (*desk.SourcesPage, error)
	Source(ctx context.Context, ref string) (*desk.SourceDetail, error)
	AddSource(ctx context.Context, src digest.LiveSource) error
	EditSource(ctx context.Context, ref string, edit digest.LiveSource) (digest.LiveSource, error)
	PauseSource(ctx context.Context, ref string, paused bool) error
	RemoveSource(ctx context.Context, ref string) error
	TrySource(ctx context.Context, src digest.LiveSource) (*pipeline.Trial, error)
}

var _ SourceDesk = (*desk.Desk)(nil)

// sourcesPage lists the sources with the form that adds one; after a
// "try" it shows what a build would take, and after a refusal the
// reason, beside the values the editor typed.
type sourcesPage struct {
	layout
	Page  *desk.SourcesPage
	Form  sourceForm
	Trial *pipeline.Trial
}

// sourcePage is one feed or page: its edit form and fetch history.
type sourcePage struct {
	layout
	Source   *desk.SourceDetail
	Sections []string
	Form     sourceForm
	// ConfirmRemove shows the removal's confirmation step.
	ConfirmRemove bool
}

// sourceForm is what the editor typed, kept across a refusal; Problem
// and Field say what was refused and where.
type sourceForm struct {
	Kind, URL, Name, Section string
	Problem, Field           string
}

// sourceRoutes adds the Sources page's routes to the editors' face.
func (e *editor) sourceRoutes(mux *http.ServeMux, d SourceDesk) {
	s := &sourceFace{editor: e, desk: d}
	mux.HandleFunc("GET /sources", s.list)
	mux.HandleFunc("POST /sources", s.add)
	mux.HandleFunc("POST /sources/try", s.try)
	mux.HandleFunc("GET /sources/{ref}", s.show)
	mux.HandleFunc("POST /sources/{ref}/edit", s.edit)
	mux.HandleFunc("POST /sources/{ref}/pause", s.pause(true))
	mux.HandleFunc("POST /sources/{ref}/resume", s.pause(false))
	mux.HandleFunc("GET /sources/{ref}/remove", s.confirmRemove)
	mux.HandleFunc("POST /sources/{ref}/remove", s.remove)
}

type sourceFace struct {
	*editor
	desk SourceDesk
}

func sourceSamples() map[string]any {
	row := desk.SourceRow{Live: true}
	return map[string]any{
		"sources": &sourcesPage{layout: layout{Face: faceEditors, Flash: &flash{}},
			Page:  &desk.SourcesPage{Rows: []desk.SourceRow{row, {}}, Sections: []string{"x"}},
			Form:  sourceForm{Problem: "x", Field: "url"},
			Trial: &pipeline.Trial{Items: []pipeline.TrialItem{{Paragraphs: []string{"x"}, Passes: true}, {}}, Problems: []string{"x"}, More: 1}},
		"source": &sourcePage{layout: layout{Face: faceEditors, Flash: &flash{}}, Sections: []string{"x"},
			Source: &desk.SourceDetail{SourceRow: row, History: []digest.FetchAttempt{{Error: "x", Status: 200}}},
			Form:   sourceForm{Problem: "x"}, ConfirmRemove: true},
	}
}

func (s *sourceFace) list(w http.ResponseWriter, r *http.Request) {
	msg := s.flashes.pending(w, r)
	s.render(w, r, http.StatusOK, msg, sourceForm{Kind: string(digest.SourceFeed)}, nil)
}

func (s *sourceFace) render(w http.ResponseWriter, r *http.Request, status int, msg *flash, form sourceForm, trial *pipeline.Trial) {
	page, err := s.desk.Sources(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.pages.render(w, status, "sources", &sourcesPage{layout: layout{Face: faceEditors, Title: "Sources", Root: rootOf(r), Flash: msg},
		Page: page, Form: form, Trial: trial})
}

// readSource reads the add form.
func (s *sourceFace) readSource(w http.ResponseWriter, r *http.Request) (sourceForm, digest.LiveSource, bool) {
	if err := readForm(w, r); err != nil {
		s.fail(w, r, fmt.Errorf("%w: %w", desk.ErrBadInput, err))
		return sourceForm{}, digest.LiveSource{}, false
	}
	f := sourceForm{Kind: r.PostForm.Get("kind"), URL: r.PostForm.Get("url"), Name: r.PostForm.Get("name"),
		Section: r.PostForm.Get("section")}
	return f, digest.LiveSource{Kind: digest.SourceKind(f.Kind), URL: f.URL, Name: f.Name, Section: f.Section}, true
}

func (s *sourceFace) add(w http.ResponseWriter, r *http.Request) {
	form, src, ok := s.readSource(w, r)
	if !ok {
		return
	}
	if err := s.desk.AddSource(r.Context(), src); err != nil {
		s.refused(w, r, form, err)
		return
	}
	s.flashes.set(w, r, flash{Text: fmt.Sprintf("Added the %s “%s”. It is fetched at the next refresh, or first thing when an edition is built now.", src.Kind, src.Label())})
	seeOther(w, r, "sources#source-"+src.Ref())
}

// try shows what a build would take from the URL; nothing is saved.
func (s *sourceFace) try(w http.ResponseWriter, r *http.Request) {
	form, src, ok := s.readSource(w, r)
	if !ok {
		return
	}
	trial, err := s.desk.TrySource(r.Context(), src)
	if err != nil {
		s.refused(w, r, form, err)
		return
	}
	s.render(w, r, http.StatusOK, nil, form, trial)
}

// refused shows the Sources page again with the editor's values and the
// reason, or the error page for what is not the editor's doing.
func (s *sourceFace) refused(w http.ResponseWriter, r *http.Request, form sourceForm, err error) {
	var p *desk.SourceProblem
	if !errors.As(err, &p) {
		s.fail(w, r, err)
		return
	}
	form.Problem, form.Field = p.Words, p.Field
	s.render(w, r, sourceStatus(p), nil, form, nil)
}

func sourceStatus(p *desk.SourceProblem) int {
	switch {
	case errors.Is(p, digest.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(p, digest.ErrExists):
		return http.StatusConflict
	case errors.Is(p, desk.ErrBadInput):
		return http.StatusBadRequest
	}
	return http.StatusBadGateway // the source, not the request, failed
}

func (s *sourceFace) show(w http.ResponseWriter, r *http.Request) {
	msg := s.flashes.pending(w, r)
	s.showSource(w, r, http.StatusOK, msg, sourceForm{}, false)
}

// confirmRemove is the source's page with the removal's confirmation
// step, which works without JavaScript.
func (s *sourceFace) confirmRemove(w http.ResponseWriter, r *http.Request) {
	s.showSource(w, r, http.StatusOK, nil, sourceForm{}, true)
}

func (s *sourceFace) showSource(w http.ResponseWriter, r *http.Request, status int, msg *flash, form sourceForm, confirm bool) {
	d, err := s.desk.Source(r.Context(), r.PathValue("ref"))
	if err != nil {
		s.sourceFail(w, r, err)
		return
	}
	page, err := s.desk.Sources(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if form.Problem == "" {
		form = sourceForm{Kind: string(d.Kind), URL: digest.RedactURL(d.URL), Name: d.Name, Section: d.Section}
	}
	// A refused form keeps what was typed; what it left out is as stored.
	form.Kind = cmp.Or(form.Kind, string(d.Kind))
	form.URL = cmp.Or(form.URL, digest.RedactURL(d.URL))
	s.pages.render(w, status, "source", &sourcePage{layout: layout{Face: faceEditors, Title: d.LiveSource.Label(), Root: rootOf(r), Flash: msg},
		Source: d, Sections: page.Sections, Form: form, ConfirmRemove: confirm})
}

// sourceFail is fail for a source that is not there: the error page says
// so in the desk's words.
func (s *sourceFace) sourceFail(w http.ResponseWriter, r *http.Request, err error) {
	var p *desk.SourceProblem
	if !errors.As(err, &p) {
		s.fail(w, r, err)
		return
	}
	page := &errorPage{layout: layout{Face: faceEditors, Root: rootOf(r), Title: "Not found"}, Heading: "Not found",
		Message: p.Words, Back: rootOf(r) + "sources"}
	s.pages.render(w, sourceStatus(p), "error", page)
}

func (s *sourceFace) edit(w http.ResponseWriter, r *http.Request) {
	form, edit, ok := s.readSource(w, r)
	if !ok {
		return
	}
	ref := r.PathValue("ref")
	saved, err := s.desk.EditSource(r.Context(), ref, edit)
	if err != nil {
		var p *desk.SourceProblem
		if errors.As(err, &p) && !errors.Is(err, digest.ErrNotFound) {
			form.Problem, form.Field = p.Words, p.Field
			s.showSource(w, r, sourceStatus(p), nil, form, false)
			return
		}
		s.sourceFail(w, r, err)
		return
	}
	s.flashes.set(w, r, flash{Text: "Saved."})
	seeOther(w, r, "sources/"+url.PathEscape(saved.Ref())) // a new address is a new ref
}

func (s *sourceFace) pause(paused bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ref := r.PathValue("ref")
		if err := s.desk.PauseSource(r.Context(), ref, paused); err != nil {
			s.sourceFail(w, r, err)
			return
		}
		text := "Resumed: it is fetched again from the next refresh on."
		if paused {
			text = "Paused: it is not fetched until you resume it. Its articles and history stay."
		}
		s.flashes.set(w, r, flash{Text: text})
		seeOther(w, r, "sources/"+url.PathEscape(ref))
	}
}

// remove takes the source off the list once the confirmation step's
// form says so; a bare POST leads to that step instead.
func (s *sourceFace) remove(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		s.fail(w, r, fmt.Errorf("%w: %w", desk.ErrBadInput, err))
		return
	}
	ref := r.PathValue("ref")
	if r.PostForm.Get("confirm") != "remove" {
		seeOther(w, r, "sources/"+url.PathEscape(ref)+"/remove")
		return
	}
	d, err := s.desk.Source(r.Context(), ref)
	if err == nil {
		err = s.desk.RemoveSource(r.Context(), ref)
	}
	if err != nil {
		s.sourceFail(w, r, err)
		return
	}
	s.flashes.set(w, r, flash{Text: fmt.Sprintf("Removed “%s”. The articles it brought stay.", d.LiveSource.Label())})
	seeOther(w, r, "sources")
}
