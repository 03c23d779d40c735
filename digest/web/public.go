package web

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/desk"
)

// public is the face subscribers reach from their mail.
type public struct {
	desk  PublicDesk
	pages *pages
	log   *slog.Logger
	// publicURL and listName make the feed's absolute links and title.
	publicURL, listName string
	brand               digest.Brand
	// perClient and perAddress limit sign-ups, per client as clients
	// tells them apart.
	perClient, perAddress *rateLimit
	clients               clients
	tokens                *formTokens
}

// archivePage lists the sent editions, a page at a time; Prev and Next
// lead to the pages of newer and older ones.
type archivePage struct {
	layout
	Editions   []archiveEntry
	Page       int
	Prev, Next string
}

// unsubscribePage asks for confirmation, or confirms it is done.
type unsubscribePage struct {
	layout
	Address string
	Done    bool
	// Resubscribe and Preferences are the forms' actions: the link's own
	// s and t, which prove the mailbox is the reader's.
	Resubscribe, Preferences string
	// Sections are the sections one may choose, with whether chosen.
	Sections []sectionChoice
	Saved    bool
	// Cadence is when editions come, in words.
	Cadence string
}

// sectionChoice is a section offered to a reader, with what it covers.
type sectionChoice struct {
	Title, Description string
	Chosen             bool
}

// choices lists the sections with a subscriber's choice.
func (p *public) choices(sub *digest.Subscriber) []sectionChoice {
	var out []sectionChoice
	for _, s := range p.desk.SectionSpecs() {
		out = append(out, sectionChoice{Title: s.Title, Description: strings.TrimSpace(s.Description), Chosen: sub.Sections.Has(s.Title)})
	}
	return out
}

// NewPublic returns the public face: the unsubscribe endpoint that every
// message links to in its footer and in List-Unsubscribe, and the archive
// of sent editions. It answers only the Host of o.PublicURL, the loopback
// names of a loopback o.Addr, and o.Hosts.
func NewPublic(d PublicDesk, o PublicOptions) (http.Handler, error) {
	if d == nil {
		return nil, errors.New("public face: no desk")
	}
	hosts, err := allowedHosts(o.Addr, []string{o.PublicURL}, o.Hosts)
	if err != nil {
		return nil, fmt.Errorf("public face: %w", err)
	}
	log := o.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pg, err := parsePages(o.Templates, log, map[string]any{
		"archive":     &archivePage{layout: layout{Face: facePublic}, Editions: []archiveEntry{{Items: []string{""}}}, Prev: "x", Next: "x"},
		"unsubscribe": &unsubscribePage{layout: layout{Face: facePublic}, Sections: []sectionChoice{{}}},
		"subscribe": &subscribePage{layout: layout{Face: facePublic}, Error: "x", Sections: []sectionChoice{{}},
			Sample: &sampleIssue{Items: []string{""}}, Brand: digest.Brand{Logo: digest.Logo{Src: "x"}}},
		"error": &errorPage{layout: layout{Face: facePublic}},
	})
	if err != nil {
		return nil, fmt.Errorf("public face: %w", err)
	}
	now := time.Now
	if o.Clock != nil {
		now = o.Clock.Now
	}
	tokens, err := newFormTokens(o.Secret, now)
	if err != nil {
		return nil, fmt.Errorf("public face: %w", err)
	}
	pg.list = cmp.Or(o.Brand.Name, o.Title)
	p := &public{desk: d, pages: pg, brand: o.Brand, log: log, publicURL: o.PublicURL, listName: o.Title, tokens: tokens,
		perClient:  newRateLimit(signupsPerClient, signupWindow, now),
		perAddress: newRateLimit(signupsPerAddr, signupWindow, now),
		clients:    clients{trusted: o.TrustedProxies, untrusted: untrustedProxyWarning(log)}}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", rootOf(r)+"archive")
		w.WriteHeader(http.StatusFound)
	})
	mux.HandleFunc("GET /archive", p.archive)
	mux.HandleFunc("GET /archive.atom", p.archiveFeed)
	mux.HandleFunc("GET /archive/{id}", p.archived)
	mux.HandleFunc("GET /unsubscribe", p.confirmUnsubscribe)
	mux.HandleFunc("POST /unsubscribe", p.unsubscribe)
	mux.HandleFunc("POST /resubscribe", p.resubscribe)
	mux.HandleFunc("POST /preferences", p.preferences)
	mux.HandleFunc("GET /subscribe", framable(p.subscribeForm))
	mux.HandleFunc("POST /subscribe", framable(p.subscribe))
	mux.HandleFunc("POST /api/subscribe", p.subscribeAPI)
	mux.HandleFunc("OPTIONS /api/subscribe", p.subscribePreflight)
	mux.HandleFunc("GET /subscribe/confirm", p.confirmForm)
	mux.HandleFunc("POST /subscribe/confirm", p.confirm)
	mux.HandleFunc("GET /r/{id}/{item}", p.click)
	mux.HandleFunc("GET /preview/{id}", p.preview)
	mux.HandleFunc("GET /static/style.css", serveStyle)
	mux.HandleFunc("GET /", noPage(mux, p.pages, facePublic))
	// The providers' bounce webhooks: each 404 unless configured.
	mux.HandleFunc("POST /webhooks/{provider}", p.webhook)
	if o.Logo != nil {
		logo, err := serveAsset(o.Logo)
		if err != nil {
			return nil, fmt.Errorf("public face: %w", err)
		}
		mux.HandleFunc("GET "+o.Logo.Path, logo)
	}
	// No cross-origin protection here: the unsafe requests are the
	// RFC 8058 one-click POST, which mail providers send from their own
	// servers, and the links whose token authorises them; and sign-up,
	// which other sites may embed, limited per client and per address.
	return secureHeaders("no-store", checkHost(hosts, mux)), nil
}

// confirmUnsubscribe shows what the link would do and changes nothing:
// link scanners and previews fetch URLs in mail, and a GET must not cost
// a subscriber their subscription.
func (p *public) confirmUnsubscribe(w http.ResponseWriter, r *http.Request) {
	id, token, ok := unsubscribeParams(r)
	if !ok {
		p.badLink(w, r)
		return
	}
	sub, err := p.desk.CheckUnsubscribe(r.Context(), id, token)
	if err != nil {
		p.unsubscribeFailed(w, r, err)
		return
	}
	p.pages.render(w, http.StatusOK, "unsubscribe", p.subscription(r, sub, "Your subscription", false))
}

// unsubscribe serves both the confirmation page's button and RFC 8058
// one-click requests (body List-Unsubscribe=One-Click). Both carry the
// subscriber and token in the URL, so the body is not read. Repeating it
// is harmless: the answer is the same page.
func (p *public) unsubscribe(w http.ResponseWriter, r *http.Request) {
	id, token, ok := unsubscribeParams(r)
	if !ok {
		p.badLink(w, r)
		return
	}
	sub, err := p.desk.Unsubscribe(r.Context(), id, token)
	if err != nil {
		p.unsubscribeFailed(w, r, err)
		return
	}
	p.pages.render(w, http.StatusOK, "unsubscribe", p.subscription(r, sub, "Unsubscribed", false))
}

// unsubscribeParams reads s (the subscriber's reference, or row id in a
// link from before references) and t (the token) from the link. It never
// logs them: the token is a credential.
func unsubscribeParams(r *http.Request) (string, string, bool) {
	q := r.URL.Query()
	ref, token := q.Get("s"), q.Get("t")
	if _, _, ok := compose.ParseRef(ref); !ok || token == "" {
		return "", "", false
	}
	return ref, token, true
}

func (p *public) badLink(w http.ResponseWriter, r *http.Request) {
	p.pages.render(w, http.StatusBadRequest, "error", &errorPage{
		layout:  layout{Face: facePublic, Title: "Incomplete link", Root: rootOf(r)},
		Heading: "Incomplete link",
		Message: "This unsubscribe link is missing a part. Please use the whole link from the footer of the email.",
	})
}

// unsubscribeFailed answers a token that does not verify, and a
// subscriber that does not exist, with the same 403, so the endpoint does
// not tell which subscriber ids exist.
func (p *public) unsubscribeFailed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, desk.ErrTestCopy) {
		p.pages.render(w, http.StatusOK, "error", &errorPage{
			layout:  layout{Face: facePublic, Title: "Test copy", Root: rootOf(r)},
			Heading: "This was a test copy",
			Message: "The link works; as this email was a test copy, nobody was unsubscribed.",
		})
		return
	}
	if !errors.Is(err, desk.ErrBadToken) && !errors.Is(err, digest.ErrNotFound) {
		p.fail(w, r, err)
		return
	}
	p.pages.render(w, http.StatusForbidden, "error", &errorPage{
		layout:  layout{Face: facePublic, Title: "Link not valid", Root: rootOf(r)},
		Heading: "Link not valid",
		Message: "This unsubscribe link is not valid. Please use the link from the footer of the most recent email.",
	})
}

func (p *public) fail(w http.ResponseWriter, r *http.Request, err error) {
	page := &errorPage{layout: layout{Face: facePublic, Root: rootOf(r)}}
	status := statusOf(err)
	switch status {
	case http.StatusNotFound:
		page.Heading, page.Message = "Not found", "There is no such edition in the archive."
		page.Back = rootOf(r) + "archive"
	default:
		status = http.StatusInternalServerError
		p.log.Error("public face", "method", r.Method, "path", r.URL.Path, "error", err)
		page.Heading, page.Message = "Server error", "Something went wrong on our side. Please try again later."
	}
	page.Title = page.Heading
	p.pages.render(w, status, "error", page)
}

// preferences saves the sections a subscriber chose, from the form on
// their subscription page.
func (p *public) preferences(w http.ResponseWriter, r *http.Request) {
	id, token, ok := unsubscribeParams(r)
	if !ok {
		p.badLink(w, r)
		return
	}
	if err := readForm(w, r); err != nil {
		p.badLink(w, r)
		return
	}
	sub, err := p.desk.SetPreferences(r.Context(), id, token, r.PostForm["section"])
	if errors.Is(err, desk.ErrBadInput) {
		p.pages.render(w, http.StatusBadRequest, "error", &errorPage{
			layout: layout{Face: facePublic, Title: "Unknown section", Root: rootOf(r)}, Heading: "Unknown section", Message: err.Error()})
		return
	}
	if err != nil {
		p.unsubscribeFailed(w, r, err)
		return
	}
	p.pages.render(w, http.StatusOK, "unsubscribe", p.subscription(r, sub, "Your subscription", true))
}

// subscription is the page a subscriber's own link leads to: their
// sections and the unsubscribe button, or, once they left, resubscribe.
// The forms post back with the link's own s and t.
func (p *public) subscription(r *http.Request, sub *digest.Subscriber, title string, saved bool) *unsubscribePage {
	return &unsubscribePage{
		layout:      layout{Face: facePublic, Title: title, Root: rootOf(r)},
		Address:     sub.Address,
		Done:        sub.Status == digest.SubscriberUnsubscribed,
		Resubscribe: rootOf(r) + "resubscribe?" + r.URL.RawQuery,
		Preferences: rootOf(r) + "preferences?" + r.URL.RawQuery,
		Sections:    p.choices(sub),
		Saved:       saved,
		Cadence:     p.brand.Cadence,
	}
}
