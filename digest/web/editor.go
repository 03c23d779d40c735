package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"maps"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/pipeline"
)

// listLimit bounds the editions list; older ones stay in the database.
const listLimit = 100

// editor is the editors' face.
type editor struct {
	desk    EditorDesk
	pages   *pages
	flashes *flashes
	log     *slog.Logger
	embed   string // see embedSnippet
}

// editionsPage lists editions, newest first.
type editionsPage struct {
	layout
	Editions []desk.Summary
	Overview *desk.Overview
	// Embed is the HTML that puts the public sign-up form on another
	// site; "" without a public URL.
	Embed string
}

// embedSnippet is an iframe of the public sign-up form: the form itself,
// served by the public face, so its token, limits and double opt-in
// apply wherever it is shown. A script or a copy of the form would need
// the token from elsewhere, or would post without one.
func embedSnippet(publicURL, list string) string {
	if publicURL == "" {
		return ""
	}
	title := "Subscribe"
	if list != "" {
		title += " to " + list
	}
	return fmt.Sprintf(`<iframe src="%s/subscribe" title="%s" width="100%%" height="900" loading="lazy"></iframe>`,
		strings.TrimRight(publicURL, "/"), html.EscapeString(title))
}

// editionPage is one edition with everything an editor checks before
// approving it.
type editionPage struct {
	layout
	View *desk.View
	// Locked says the edition can no longer change (it is being sent, was
	// sent, or its slot was skipped): the forms that would change it are
	// left out, and the desk refuses them anyway.
	Locked bool
	Groups []itemGroup
	// Headers are the sample message's header fields with encoded words
	// decoded, as a mail client shows them.
	Headers     [][2]string
	Text        string
	JSON        string
	TestAddress string
	// Sentences are the lead and section-summary sentences, each with
	// its article and alternatives; Note is the editor's own words.
	Sentences []desk.SummarySentence
	Note      digest.EditorNote
	// CanSend offers "Send now": the edition may be sent as it stands.
	// Audience is how many subscribers it goes to; ConfirmSend shows
	// the confirmation that names them. Progress is a send's counts.
	CanSend     bool
	Audience    int
	ConfirmSend bool
	Progress    *progress
	// Changes is the edition's history, with Undo beside the newest.
	Changes changeList
}

// NewEditor returns the editors' face. It refuses to build without
// credentials when o.Addr is not a loopback address, so the desk is never
// exposed by a mistyped flag.
func NewEditor(d EditorDesk, o EditorOptions) (http.Handler, error) {
	if d == nil {
		return nil, errors.New("editors' face: no desk")
	}
	if (o.User == "") != (o.Password == "") {
		return nil, errors.New("editors' face: basic auth needs both a user and a password")
	}
	if err := checkSecrets(o.Token, o.Password); err != nil {
		return nil, fmt.Errorf("editors' face: %w", err)
	}
	logins, err := newEditorLogins(o.Editors, o.User)
	if err != nil {
		return nil, fmt.Errorf("editors' face: %w", err)
	}
	creds := newCredentials(o.Token, o.User, o.Password, logins)
	if creds.empty() && RequireAuth(o.Addr) {
		return nil, fmt.Errorf("editors' face on %q is not loopback: set a token or a user and password", o.Addr)
	}
	hosts, err := allowedHosts(o.Addr, nil, o.Hosts)
	if err != nil {
		return nil, fmt.Errorf("editors' face: %w", err)
	}
	log := o.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	samples := editorSamples()
	maps.Copy(samples, subscriberSamples())
	pg, err := parsePages(o.Templates, log, samples)
	if err != nil {
		return nil, fmt.Errorf("editors' face: %w", err)
	}
	fl, err := newFlashes(strings.HasPrefix(strings.ToLower(o.PublicURL), "https://"))
	if err != nil {
		return nil, fmt.Errorf("editors' face: %w", err)
	}
	e := &editor{desk: d, pages: pg, flashes: fl, log: log, embed: embedSnippet(o.PublicURL, o.List)}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", e.editions)
	mux.HandleFunc("GET /editions/{id}", e.edition)
	mux.HandleFunc("GET /editions/{id}/email.html", e.raw(emailHTML))
	mux.HandleFunc("GET /editions/{id}/edition.txt", e.raw(plainText))
	mux.HandleFunc("GET /editions/{id}/edition.json", e.raw(editionJSON))
	mux.HandleFunc("GET /editions/{id}/variants/{n}/email.html", e.variant)
	mux.HandleFunc("POST /editions/{id}/change", e.change)
	mux.HandleFunc("POST /editions/{id}/approve", e.approve)
	mux.HandleFunc("POST /editions/{id}/replace", e.replace)
	mux.HandleFunc("POST /editions/{id}/unapprove", e.unapprove)
	mux.HandleFunc("POST /editions/{id}/discard", e.discard)
	mux.HandleFunc("POST /build", e.build)
	mux.HandleFunc("POST /editions/{id}/send", e.sendNow)
	mux.HandleFunc("POST /schedule/pause", e.pauseSchedule)
	mux.HandleFunc("POST /schedule/resume", e.resumeSchedule)
	mux.HandleFunc("POST /editions/{id}/test", e.sendTest)
	mux.HandleFunc("POST /editions/{id}/sentence", e.sentence)
	mux.HandleFunc("POST /editions/{id}/note", e.note)
	mux.HandleFunc("GET /editions/{id}/results", e.results)
	e.subscriberRoutes(mux)
	mux.HandleFunc("GET /static/style.css", serveStyle)
	mux.HandleFunc("GET /", noPage(mux, e.pages, faceEditors))
	mux.HandleFunc("GET /history", e.history)
	mux.HandleFunc("POST /editions/{id}/undo", e.undo)
	e.sourceRoutes(mux, d)

	var h http.Handler = crossOrigin(withLocalEditor(mux))
	if !creds.empty() {
		th := newThrottle(log)
		if o.Clock != nil {
			th.now = o.Clock.Now
		}
		dev, err := newDevices(o.Secret, creds, fl)
		if err != nil {
			return nil, fmt.Errorf("editors' face: %w", err)
		}
		h = requireAuth(creds, th, clients{trusted: o.TrustedProxies, untrusted: untrustedProxyWarning(log)}, dev, h)
	}
	return secureHeaders("no-store", checkHost(hosts, h)), nil
}

// editorSamples names the editors' pages, each with data that reaches
// every branch of its template, for parsePages to try them on.
func editorSamples() map[string]any {
	return map[string]any{
		"editions": &editionsPage{layout: layout{Face: faceEditors, Flash: &flash{}}, Editions: []desk.Summary{{}}, Embed: "x",
			Overview: &desk.Overview{NextSlots: []desk.Slot{{}}, Cadence: "x", Pause: desk.Pause{By: "x", At: time.Unix(1, 0)},
				Sources: []pipeline.SourceHealth{{}}}},
		"edition": &editionPage{layout: layout{Face: faceEditors, Flash: &flash{}},
			CanSend: true, ConfirmSend: true, Audience: 2, Progress: &progress{}, Changes: sampleChanges("x"),
			View: &desk.View{Sections: []string{""}, Edition: &digest.Edition{}, Recipients: []digest.Delivery{{}}, RecipientCount: 2,
				Variants: []digest.Variant{{Key: "a"}}},
			Headers:   [][2]string{{}},
			Sentences: []desk.SummarySentence{{Alternatives: []string{""}}},
			Groups: []itemGroup{{Items: []desk.Item{{Section: "-", Relevance: 1, Paragraphs: []string{""}}}},
				{LeftOut: true, Items: []desk.Item{{}}}},
		},
		"error":   &errorPage{layout: layout{Face: faceEditors}},
		"history": historySample(),

		"sources": sourceSamples()["sources"],
		"source":  sourceSamples()["source"],
		"results": resultsSample(),
	}
}

func (e *editor) editions(w http.ResponseWriter, r *http.Request) {
	list, err := e.desk.Editions(r.Context(), listLimit)
	if err != nil {
		e.fail(w, r, err)
		return
	}
	overview, err := e.desk.Overview(r.Context())
	if err != nil {
		e.fail(w, r, err)
		return
	}
	msg := e.flashes.pending(w, r)
	e.pages.render(w, http.StatusOK, "editions", &editionsPage{
		layout:   layout{Face: faceEditors, Title: "Editions", Root: rootOf(r), Flash: msg},
		Editions: list,
		Overview: overview,
		Embed:    e.embed,
	})
}

func (e *editor) edition(w http.ResponseWriter, r *http.Request) {
	msg := e.flashes.pending(w, r)
	e.showEdition(w, r, http.StatusOK, msg, "")
}

// showEdition renders the edition page. Actions that fail on the editor's
// input render it too, with the status and the reason, so the editor sees
// what went wrong where they were.
func (e *editor) showEdition(w http.ResponseWriter, r *http.Request, status int, msg *flash, address string) {
	v, err := e.desk.View(r.Context(), r.PathValue("id"))
	if err != nil {
		e.fail(w, r, err)
		return
	}
	sentences, err := e.desk.Sentences(r.Context(), v)
	if err != nil {
		e.fail(w, r, err)
		return
	}
	note, err := e.desk.Note(r.Context(), v.ID)
	if err != nil {
		e.fail(w, r, err)
		return
	}
	page := &editionPage{
		Sentences:   sentences,
		Note:        note,
		layout:      layout{Face: faceEditors, Title: titleOf(v.Summary), Root: rootOf(r), Flash: msg},
		View:        v,
		Locked:      !v.Status.CanChange(),
		Groups:      groupItems(v.Items, v.Sections),
		Headers:     decodeHeaders(v.Headers),
		Text:        string(v.Text),
		JSON:        prettyJSON(v.JSON),
		TestAddress: address,
	}
	if err := e.sendFacts(r, page); err != nil {
		e.fail(w, r, err)
		return
	}
	if page.Changes, err = e.changes(r, v.ID, page.Locked); err != nil {
		e.fail(w, r, err)
		return
	}
	e.pages.render(w, status, "edition", page)
}

// A rendered part of an edition served on its own URL.
type rawPart int

const (
	emailHTML rawPart = iota
	plainText
	editionJSON
)

// raw serves one rendered part as it was built. The email HTML gets a
// policy of its own: mail HTML needs inline styles, which the pages'
// policy forbids, and it is shown in a sandboxed iframe.
func (e *editor) raw(part rawPart) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := e.desk.View(r.Context(), r.PathValue("id"))
		if err != nil {
			e.fail(w, r, err)
			return
		}
		body, contentType := v.HTML, "text/html; charset=utf-8"
		switch part {
		case emailHTML:
			w.Header().Set("Content-Security-Policy", emailCSP)
		case plainText:
			body, contentType = v.Text, "text/plain; charset=utf-8"
		case editionJSON:
			body, contentType = v.JSON, "application/json; charset=utf-8"
		}
		w.Header().Set("Content-Type", contentType)
		_, _ = w.Write(body)
	}
}

// fail renders the error page for err with the status it maps to. Only
// unexpected errors are logged, and the page does not repeat them.
func (e *editor) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := statusOf(err)
	page := &errorPage{layout: layout{Face: faceEditors, Root: rootOf(r)}, Back: rootOf(r)}
	switch status {
	case http.StatusNotFound:
		page.Heading, page.Message = "Not found", "There is no such edition."
	case http.StatusConflict:
		page.Heading, page.Message = "Not now", inWords(err)
	case http.StatusBadRequest:
		page.Heading, page.Message = "Not done", inWords(err)
	default:
		status = http.StatusInternalServerError
		e.log.Error("editors' face", "method", r.Method, "path", r.URL.Path, "error", err)
		page.Heading, page.Message = "Server error", "Something went wrong on the server. The log has the details."
	}
	page.Title = page.Heading
	e.pages.render(w, status, "error", page)
}

func titleOf(s desk.Summary) string {
	for _, t := range []string{s.Title, s.Key, s.ID} {
		if t != "" {
			return t
		}
	}
	return "Edition"
}

// decodeHeaders decodes RFC 2047 encoded words ("=?utf-8?q?...?=") in
// header values; a value that does not decode is shown as it is.
func decodeHeaders(fields [][2]string) [][2]string {
	dec := new(mime.WordDecoder)
	out := make([][2]string, len(fields))
	for i, f := range fields {
		out[i] = f
		if v, err := dec.DecodeHeader(f[1]); err == nil {
			out[i][1] = v
		}
	}
	return out
}

// prettyJSON indents the edition's JSON for reading; JSON that does not
// parse is shown as it is, since that is what tools would get.
func prettyJSON(b []byte) string {
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		return string(b)
	}
	return buf.String()
}

// readForm parses a POSTed form of bounded size.
func readForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return fmt.Errorf("read form: %w", err)
	}
	// Drain what ParseForm left, such as a body of another type, so the
	// connection can be reused.
	_, _ = io.Copy(io.Discard, r.Body)
	return nil
}

// variant serves the email as composed for one set of sections, under
// the email's own policy, like the edition's.
func (e *editor) variant(w http.ResponseWriter, r *http.Request) {
	v, err := e.desk.View(r.Context(), r.PathValue("id"))
	if err != nil {
		e.fail(w, r, err)
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 0 || n >= len(v.Variants) {
		e.fail(w, r, fmt.Errorf("%w: no variant %q", digest.ErrNotFound, r.PathValue("n")))
		return
	}
	w.Header().Set("Content-Security-Policy", emailCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(v.Variants[n].MailHTML)
}
