package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
)

// HistoryDesk is what the history and undo ask of the desk; *desk.Desk
// implements it.
type HistoryDesk interface {
	History(ctx context.Context, id string) ([]digest.EditorialChange, error)
	Undo(ctx context.Context, id string, changeID int64) error
}

var _ HistoryDesk = (*desk.Desk)(nil)

// changeList is what the "changes" template shows: the changes, and on
// an edition's page (Base, its URL) the id of the newest when it can be
// undone (Undo, else 0).
type changeList struct {
	Root, Base string
	Changes    []digest.EditorialChange
	Undo       int64
}

// historyPage is the desk-wide history.
type historyPage struct {
	layout
	List changeList
}

func sampleChanges(base string) changeList {
	return changeList{Base: base, Undo: 1, Changes: []digest.EditorialChange{{ID: 1, EditionID: "e"}, {ID: 2}}}
}

func historySample() *historyPage {
	return &historyPage{layout: layout{Face: faceEditors, Flash: &flash{}}, List: sampleChanges("")}
}

// changes loads an edition's history for its page; the newest change
// gets an Undo button unless the edition is locked or it cannot be
// undone.
func (e *editor) changes(r *http.Request, id string, locked bool) (changeList, error) {
	list, err := e.desk.History(r.Context(), id)
	if err != nil {
		return changeList{}, err
	}
	out := changeList{Root: rootOf(r), Base: rootOf(r) + "editions/" + url.PathEscape(id), Changes: list}
	if len(list) > 0 && !locked && desk.Undoable(list[0]) {
		out.Undo = list[0].ID
	}
	return out, nil
}

// history is the desk-wide History page: every change, newest first.
func (e *editor) history(w http.ResponseWriter, r *http.Request) {
	list, err := e.desk.History(r.Context(), "")
	if err != nil {
		e.fail(w, r, err)
		return
	}
	msg := e.flashes.pending(w, r)
	e.pages.render(w, http.StatusOK, "history", &historyPage{
		layout: layout{Face: faceEditors, Title: "History", Root: rootOf(r), Flash: msg},
		List:   changeList{Root: rootOf(r), Changes: list},
	})
}

// undo takes back the edition's newest change, the one the form names,
// and shows the edition again; a refusal says why in words.
func (e *editor) undo(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := readForm(w, r); err != nil {
		e.refuse(w, r, fmt.Errorf("%w: %w", desk.ErrBadInput, err))
		return
	}
	change, err := strconv.ParseInt(strings.TrimSpace(r.PostForm.Get("change")), 10, 64)
	if err != nil || change <= 0 {
		e.refuse(w, r, fmt.Errorf("%w: no change to undo given", desk.ErrUndoStale))
		return
	}
	if err := e.desk.Undo(r.Context(), id, change); err != nil {
		var refusal *desk.UndoRefusal
		switch {
		case errors.As(err, &refusal), errors.Is(err, digest.ErrLocked):
			e.showEdition(w, r, http.StatusConflict, &flash{Error: true, Text: undoInWords(err)}, "")
		case errors.Is(err, desk.ErrBadInput):
			e.showEdition(w, r, http.StatusBadRequest, &flash{Error: true, Text: undoInWords(err)}, "")
		default:
			e.refuse(w, r, err)
		}
		return
	}
	e.flashes.set(w, r, flash{Text: "Undone: the edition is back as it was before that change, and a draft."})
	seeOther(w, r, "editions/"+url.PathEscape(id)+"#history")
}

// undoInWords says why an undo was refused.
func undoInWords(err error) string {
	var refusal *desk.UndoRefusal
	switch {
	case errors.As(err, &refusal):
		switch refusal.Kind {
		case digest.ChangeSend:
			return "A send cannot be undone: the messages have gone out or are going."
		case digest.ChangeBuild:
			return "Building an edition cannot be undone. If you do not want this edition, discard it."
		case digest.ChangeDiscard:
			return "A discarded edition cannot be brought back. Build a new one instead."
		default:
			return "A withdrawn approval is not given back by undo: read the edition again and approve it if it is right."
		}
	case errors.Is(err, digest.ErrLocked):
		return "This edition has been sent, is being sent, or was discarded, so its changes can no longer be undone."
	case errors.Is(err, desk.ErrNothingToUndo):
		return "There is nothing to undo: no change to this edition is recorded."
	case errors.Is(err, desk.ErrUndoStale):
		return "Someone changed this edition since you loaded the page, so that is no longer its newest change. Look at the history below and try again."
	default:
		return inWords(err)
	}
}

// partialsGlob names the template files every page may call: each
// defines a template of its own ("changes"), not "content".
const partialsGlob = "web/_*.tmpl"

func parsePartials(fsys fs.FS, base *template.Template) (*template.Template, error) {
	files, err := fs.Glob(fsys, partialsGlob)
	if err != nil {
		return nil, fmt.Errorf("list partial templates: %w", err)
	}
	for _, file := range files {
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("read template %s: %w", file, err)
		}
		if _, err := base.New(file).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("parse template %s: %w", file, err)
		}
	}
	return base, nil
}
