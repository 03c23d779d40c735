package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
)

// sentence removes or swaps one summary sentence from the edition page.
func (e *editor) sentence(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := readForm(w, r); err != nil {
		e.refuse(w, r, fmt.Errorf("%w: %w", desk.ErrBadInput, err))
		return
	}
	ch := desk.SentenceChange{
		ArticleID:   strings.TrimSpace(r.PostForm.Get("article")),
		Text:        r.PostForm.Get("text"),
		Replacement: r.PostForm.Get("replacement"),
		Action:      desk.SentenceAction(r.PostForm.Get("action")),
	}
	if ch.ArticleID == "" || ch.Text == "" {
		e.refuse(w, r, fmt.Errorf("%w: no sentence given", desk.ErrBadInput))
		return
	}
	if err := e.desk.EditSentence(r.Context(), id, ch); err != nil {
		e.refuse(w, r, err)
		return
	}
	done := "Removed a sentence."
	if ch.Action == desk.SwapSentence {
		done = "Swapped a sentence for another of the same article."
	}
	e.flashes.set(w, r, flash{Text: done + rebuilt})
	seeOther(w, r, "editions/"+url.PathEscape(id)+"#sentences")
}

// note saves the editor's intro, subject and preheader.
func (e *editor) note(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := readForm(w, r); err != nil {
		e.refuse(w, r, fmt.Errorf("%w: %w", desk.ErrBadInput, err))
		return
	}
	n := digest.EditorNote{
		Intro:     r.PostForm.Get("intro"),
		Subject:   r.PostForm.Get("subject"),
		Preheader: r.PostForm.Get("preheader"),
	}
	if err := e.desk.SetNote(r.Context(), id, n); err != nil {
		e.refuse(w, r, err)
		return
	}
	e.flashes.set(w, r, flash{Text: "Saved the editor's note." + rebuilt})
	seeOther(w, r, "editions/"+url.PathEscape(id)+"#note")
}
