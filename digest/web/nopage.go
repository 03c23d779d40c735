package web

import (
	"net/http"
)

// noPage answers a GET the face has no page for in the face's own style,
// not with the server's bare "404 page not found": a person typed or
// followed the address. An address that takes only a form's POST (a
// button's) is 405 with Allow, as the server would say, in words.
func noPage(mux *http.ServeMux, pages *pages, face string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		page := &errorPage{layout: layout{Face: face, Root: rootOf(r), Title: "Not found"}, Heading: "Not found",
			Message: "There is no page at this address. Check the address, or start again from the first page.", Back: rootOf(r)}
		if face == facePublic {
			page.Message, page.Back = "There is no page at this address. The archive lists every issue.", rootOf(r)+"archive"
		}
		status := http.StatusNotFound
		post := r.Clone(r.Context())
		post.Method = http.MethodPost
		if _, pattern := mux.Handler(post); pattern != "" && pattern != "GET /" {
			w.Header().Set("Allow", http.MethodPost)
			status = http.StatusMethodNotAllowed
			page.Title, page.Heading = "Not a page", "Not a page"
			page.Message = "This address is where a form's button sends its request; it has no page of its own. Go back and use the button."
		}
		pages.render(w, status, "error", page)
	}
}
