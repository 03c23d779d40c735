package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
)

// subscriberRoutes are the subscribers' pages of the editors' face: the
// list with search, add, import and export, and one person's page with
// their history, data export and erasure.
func (e *editor) subscriberRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /subscribers", e.subscribers)
	mux.HandleFunc("POST /subscribers/add", e.addSubscriber)
	mux.HandleFunc("GET /subscribers/export.csv", e.exportSubscribers)
	mux.HandleFunc("POST /subscribers/import", e.previewImport)
	mux.HandleFunc("POST /subscribers/import/apply", e.applyImport)
	mux.HandleFunc("GET /subscribers/{ref}", e.person)
	mux.HandleFunc("POST /subscribers/{ref}/remove", e.removeSubscriber)
	mux.HandleFunc("POST /subscribers/{ref}/reinstate", e.reinstate)
	mux.HandleFunc("GET /subscribers/{ref}/data.json", e.personData)
	mux.HandleFunc("GET /subscribers/{ref}/erase", e.confirmErase)
	mux.HandleFunc("POST /subscribers/{ref}/erase", e.erase)
}

// subscribersPage is the list: a page of what the search picks.
type subscribersPage struct {
	layout
	Result   *desk.SubscriberPage
	Statuses []digest.SubscriberStatus
	Sections []string
	// Prev and Next are the query strings of the neighbouring pages, ""
	// at either end.
	Prev, Next string
	From, To   int
	// Address and Name refill the add form after a refusal.
	Address, Name string
}

// personPage is one subscriber with their history.
type personPage struct {
	layout
	Person *desk.Person
	// Confirm shows the erasure's confirmation.
	Confirm bool
}

// importPage is an import's preview: what applying it would do.
type importPage struct {
	layout
	Plan     *desk.ImportPlan
	CSV      string
	FileName string
	Groups   []importGroup
}

// importGroup is the rows of one action, as the preview lists them.
type importGroup struct {
	Action  digest.ImportAction
	ID      string // the heading's id: added, updated, kept-out, refused, unchanged
	Heading string
	Rows    []digest.ImportRow
}

func subscriberSamples() map[string]any {
	l := layout{Face: faceEditors, Flash: &flash{}}
	sub := digest.Subscriber{Sections: digest.Sections{"x"}}
	return map[string]any{
		"subscribers": &subscribersPage{layout: l, Result: &desk.SubscriberPage{Subscribers: []digest.Subscriber{sub}, Total: 1},
			Statuses: digest.SubscriberStatuses, Sections: []string{"x"}, Prev: "x", Next: "x"},
		"subscriber": &personPage{layout: l, Confirm: true, Person: &desk.Person{Subscriber: sub,
			Deliveries: []digest.PersonDelivery{{}}, Bounces: []digest.BounceEvent{{}}, History: []desk.Event{{Detail: "x", EditionID: "x"}}}},
		"import": &importPage{layout: l, Plan: &desk.ImportPlan{Rows: []digest.ImportRow{{Action: digest.ImportAdd}}},
			Groups: []importGroup{{Rows: []digest.ImportRow{{}}}}},
	}
}

func (e *editor) subscribers(w http.ResponseWriter, r *http.Request) {
	e.showSubscribers(w, r, http.StatusOK, e.flashes.pending(w, r), "", "")
}

// showSubscribers renders the list for the query in the URL; a refused
// add renders it too, with the reason and the form as it was filled.
func (e *editor) showSubscribers(w http.ResponseWriter, r *http.Request, status int, msg *flash, address, name string) {
	qv := r.URL.Query()
	page, _ := strconv.Atoi(qv.Get("page"))
	page = max(page, 1)
	q := digest.SubscriberQuery{Text: qv.Get("q"), Status: digest.SubscriberStatus(qv.Get("status")), Section: qv.Get("section"),
		Offset: (page - 1) * desk.PageSize}
	res, err := e.desk.FindSubscribers(r.Context(), q)
	if err != nil {
		e.failPerson(w, r, err)
		return
	}
	p := &subscribersPage{layout: layout{Face: faceEditors, Title: "Subscribers", Root: rootOf(r), Flash: msg},
		Result: res, Statuses: digest.SubscriberStatuses, Sections: e.desk.SectionTitles(), Address: address, Name: name}
	if n := len(res.Subscribers); n > 0 {
		p.From, p.To = q.Offset+1, q.Offset+n
	}
	at := func(n int) string {
		v := url.Values{}
		for _, k := range []string{"q", "status", "section"} {
			if s := qv.Get(k); s != "" {
				v.Set(k, s)
			}
		}
		v.Set("page", strconv.Itoa(n))
		return "?" + v.Encode()
	}
	if page > 1 {
		p.Prev = at(page - 1)
	}
	if q.Offset+len(res.Subscribers) < res.Total {
		p.Next = at(page + 1)
	}
	e.pages.render(w, status, "subscribers", p)
}

func (e *editor) addSubscriber(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		e.failPerson(w, r, err)
		return
	}
	address, name := r.PostForm.Get("address"), r.PostForm.Get("name")
	sub, err := e.desk.AddSubscriber(r.Context(), address, name)
	switch {
	case errors.Is(err, digest.ErrExists):
		e.flashes.set(w, r, flash{Text: fmt.Sprintf("%s is already on the list (%s); nothing changed.", digest.Printable(sub.Address), sub.Status)})
	case errors.Is(err, desk.ErrBadInput):
		e.showSubscribers(w, r, http.StatusBadRequest, &flash{Error: true, Text: personWords(err)}, address, name)
		return
	case err != nil:
		e.failPerson(w, r, err)
		return
	default:
		e.flashes.set(w, r, flash{Text: fmt.Sprintf("Added %s to the list.", sub.Address)})
	}
	seeOther(w, r, "subscribers/"+url.PathEscape(sub.PublicID))
}

func (e *editor) exportSubscribers(w http.ResponseWriter, r *http.Request) {
	status := digest.SubscriberStatus(r.URL.Query().Get("status"))
	if status != "" {
		if _, err := digest.ParseSubscriberStatus(string(status)); err != nil {
			e.failPerson(w, r, &desk.Refusal{Words: "There is no such status to export: choose active, pending, unsubscribed or bounced."})
			return
		}
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="subscribers.csv"`)
	if err := e.desk.ExportSubscribers(r.Context(), w, status); err != nil {
		e.log.Error("export subscribers", "error", err)
	}
}

func (e *editor) person(w http.ResponseWriter, r *http.Request) {
	e.showPerson(w, r, e.flashes.pending(w, r), false)
}

func (e *editor) showPerson(w http.ResponseWriter, r *http.Request, msg *flash, confirm bool) {
	p, err := e.desk.Person(r.Context(), r.PathValue("ref"))
	if err != nil {
		e.failPerson(w, r, err)
		return
	}
	title := digest.Printable(p.Subscriber.Address)
	if confirm {
		title = "Erase " + title
	}
	e.pages.render(w, http.StatusOK, "subscriber", &personPage{
		layout: layout{Face: faceEditors, Title: title, Root: rootOf(r), Flash: msg}, Person: p, Confirm: confirm})
}

// personAct runs one action on the person named in the path and goes
// back to their page with what happened.
func (e *editor) personAct(w http.ResponseWriter, r *http.Request, act func(key string) (*digest.Subscriber, error), done string) {
	if err := readForm(w, r); err != nil {
		e.failPerson(w, r, err)
		return
	}
	ref := r.PathValue("ref")
	sub, err := act(ref)
	if err != nil {
		e.failPerson(w, r, err)
		return
	}
	e.flashes.set(w, r, flash{Text: fmt.Sprintf(done, digest.Printable(sub.Address))})
	seeOther(w, r, "subscribers/"+url.PathEscape(ref))
}

func (e *editor) removeSubscriber(w http.ResponseWriter, r *http.Request) {
	e.personAct(w, r, func(key string) (*digest.Subscriber, error) { return e.desk.RemoveSubscriber(r.Context(), key) },
		"Removed %s: they are kept as unsubscribed, so no import or config puts them back, and get no more editions.")
}

func (e *editor) reinstate(w http.ResponseWriter, r *http.Request) {
	e.personAct(w, r, func(key string) (*digest.Subscriber, error) { return e.desk.Reinstate(r.Context(), key) },
		"Reinstated %s: the next edition goes to them.")
}

func (e *editor) personData(w http.ResponseWriter, r *http.Request) {
	data, err := e.desk.PersonData(r.Context(), r.PathValue("ref"))
	if err != nil {
		e.failPerson(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="subscriber-data.json"`)
	_, _ = w.Write(data)
}

func (e *editor) confirmErase(w http.ResponseWriter, r *http.Request) {
	e.showPerson(w, r, nil, true)
}

// erase carries out an erasure once the confirmation page's button
// says so; a POST without it shows the confirmation instead.
func (e *editor) erase(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		e.failPerson(w, r, err)
		return
	}
	if r.PostForm.Get("confirm") != "erase" {
		e.showPerson(w, r, &flash{Error: true, Text: "Erasing needs your confirmation: read what it does below, then use the Erase button."}, true)
		return
	}
	p, err := e.desk.Person(r.Context(), r.PathValue("ref"))
	if err != nil {
		e.failPerson(w, r, err)
		return
	}
	rep, err := e.desk.Erase(r.Context(), r.PathValue("ref"))
	if err != nil {
		e.failPerson(w, r, err)
		return
	}
	var n int64
	for _, c := range rep.Rows {
		n += c
	}
	text := fmt.Sprintf("Erased %s: %d records and %d outbox messages deleted. Only a hash of the address is kept, so no import, add or sign-up can bring them back.",
		digest.Printable(p.Subscriber.Address), n, len(rep.Deleted))
	f := flash{Text: text}
	if len(rep.Left) > 0 {
		f.Error, f.Text = true, text+" These still name the address and need a look: "+strings.Join(rep.Left, ", ")+"."
	}
	e.flashes.set(w, r, f)
	seeOther(w, r, "subscribers")
}

// failPerson answers an error of the subscribers' pages in words about
// subscribers: a Refusal says its own; a missing one is named so.
func (e *editor) failPerson(w http.ResponseWriter, r *http.Request, err error) {
	page := &errorPage{layout: layout{Face: faceEditors, Root: rootOf(r)}, Back: rootOf(r) + "subscribers"}
	status := http.StatusBadRequest
	switch {
	case errors.Is(err, digest.ErrNotFound):
		status, page.Heading, page.Message = http.StatusNotFound, "Not found",
			"There is no such subscriber: they may have been erased. Go back to the list and search for them."
	case errors.Is(err, desk.ErrBadInput):
		page.Heading, page.Message = "Not done", personWords(err)
	default:
		e.fail(w, r, err)
		return
	}
	page.Title = page.Heading
	e.pages.render(w, status, "error", page)
}

// personWords is a refusal's own words, or a general one.
func personWords(err error) string {
	var ref *desk.Refusal
	if errors.As(err, &ref) {
		return ref.Words
	}
	return "The desk didn't understand that request. Reload the page and try again."
}

// readUpload reads the CSV file of the import form, bounded.
func readUpload(w http.ResponseWriter, r *http.Request) ([]byte, string, error) {
	r.Body = http.MaxBytesReader(w, r.Body, desk.MaxImportBytes+64<<10)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return nil, "", &desk.Refusal{Words: fmt.Sprintf("No file came with the form, or it is larger than %d MB: choose a CSV file and preview again.", desk.MaxImportBytes>>20)}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, desk.MaxImportBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("read upload: %w", err)
	}
	return data, hdr.Filename, nil
}
