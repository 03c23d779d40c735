package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/digest-newsletter/digest/digest/desk"
)

// LinksDesk is what the public face's links from mail ask of the desk:
// the click-counting redirect and a test copy's private preview;
// *desk.Desk implements it.
type LinksDesk interface {
	Click(ctx context.Context, editionID, item string) (string, error)
	PreviewHTML(ctx context.Context, id, key string) ([]byte, error)
}

// click is the click-counting redirect, /r/{edition}/{item id}. The
// target is looked up in the stored edition, never read from the
// request, so it goes only where the edition's email links; everything
// else, counting off included, is not found. Only a GET follows it: a
// HEAD (link checkers, previews) neither redirects nor counts.
func (p *public) click(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	target, err := p.desk.Click(r.Context(), r.PathValue("id"), r.PathValue("item"))
	if err != nil {
		if statusOf(err) == http.StatusNotFound {
			p.linkNotFound(w, r, "There is no such link. It may be mistyped, or from an edition whose links are not counted.")
			return
		}
		p.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store") // each click reaches us, so each counts
	w.Header().Set("Referrer-Policy", "no-referrer")
	http.Redirect(w, r, target, http.StatusFound)
}

// preview is a test copy's "view in your browser": the edition's web
// copy, before it is sent, for as long as the signed link lasts. It is
// kept out of caches and search engines and sends no referrer.
func (p *public) preview(w http.ResponseWriter, r *http.Request) {
	body, err := p.desk.PreviewHTML(r.Context(), r.PathValue("id"), r.URL.Query().Get("k"))
	switch {
	case errors.Is(err, desk.ErrBadToken):
		page := &errorPage{layout: layout{Face: facePublic, Root: rootOf(r), Title: "Preview link not valid"},
			Heading: "Preview link not valid",
			Message: "This preview link has expired or is incomplete. Send yourself a new test copy from the editors' desk."}
		p.pages.render(w, http.StatusForbidden, "error", page)
		return
	case statusOf(err) == http.StatusNotFound:
		p.linkNotFound(w, r, "This edition is no longer there to preview.")
		return
	case err != nil:
		p.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", archiveCSP)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Robots-Tag", "noindex, nofollow")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(body)
}

// linkNotFound answers 404 with the public error page and msg.
func (p *public) linkNotFound(w http.ResponseWriter, r *http.Request, msg string) {
	page := &errorPage{layout: layout{Face: facePublic, Root: rootOf(r), Title: "Not found"}, Heading: "Not found", Message: msg}
	p.pages.render(w, http.StatusNotFound, "error", page)
}
