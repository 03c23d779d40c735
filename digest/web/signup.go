package web

import (
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/desk"
)

// Limits of the sign-up form, per client address and per email address.
// The store adds its own: one message per address per hour
// (desk.FormMailInterval), whoever asks.
const (
	signupsPerClient = 5
	signupsPerAddr   = 3
	signupWindow     = time.Hour
)

// honeypotField is a form field people never see or fill; a bot that
// fills every field gets the usual answer and nothing happens.
const honeypotField = "website"

// subscribePage is the sign-up form and what follows it.
type subscribePage struct {
	layout
	// Step is "form", "sent", "confirm" (a link to confirm with a
	// button), "confirmed" or "already" (a used link, clicked again by
	// someone still subscribed; see alreadySubscribed).
	Step    string
	Address string
	// Name is the name confirming gives the subscriber, on "confirm".
	Name  string
	Error string
	// FormToken goes with the form (see formTokens).
	FormToken string
	// What a reader gets, on "form": the brand (name, description,
	// cadence), the sections to choose among, and the latest issue's
	// contents as a sample; Sample is nil before the first is sent.
	Brand    digest.Brand
	Sections []sectionChoice
	Sample   *sampleIssue
	// Preferences is the subscriber's preferences link, on "already".
	Preferences string
}

// sampleIssue is the latest sent edition's "In this issue", linked; its
// title carries its number and date.
type sampleIssue struct {
	Title, URL string
	Items      []string
}

// sample reads the latest sent edition for the form; nil when none is
// sent yet or it cannot be read (logged: the form works without it).
func (p *public) sample(r *http.Request) *sampleIssue {
	list, err := p.desk.Archive(r.Context(), 1)
	if err != nil {
		p.log.Warn("subscribe: no sample issue", "error", err)
		return nil
	}
	if len(list) == 0 {
		return nil
	}
	e := p.archiveEntry(r.Context(), list[0])
	return &sampleIssue{Title: cmp.Or(e.Title, e.Key, e.ID), URL: rootOf(r) + "archive/" + url.PathEscape(e.ID),
		Items: e.Items}
}

// formPage is the sign-up form, with the sections chosen so far ticked
// and a fresh token.
func (p *public) formPage(r *http.Request, address string, chosen []string, errMsg string) *subscribePage {
	var secs []sectionChoice
	for _, s := range p.desk.SectionSpecs() {
		secs = append(secs, sectionChoice{Title: s.Title, Description: strings.TrimSpace(s.Description),
			Chosen: slices.ContainsFunc(chosen, func(c string) bool { return strings.EqualFold(strings.TrimSpace(c), s.Title) })})
	}
	return &subscribePage{layout: layout{Face: facePublic, Title: "Subscribe", Root: rootOf(r)}, Step: "form",
		Address: address, Error: errMsg, FormToken: p.tokens.issue(p.clients.of(r)),
		Brand: p.brand, Sections: secs, Sample: p.sample(r)}
}

const signupAnswer = "If that address can be subscribed, a message with a confirmation link is on its way to it. " +
	"Nothing will be sent until the link is used."

// subscribeForm shows the sign-up form, with its token.
func (p *public) subscribeForm(w http.ResponseWriter, r *http.Request) {
	p.pages.render(w, http.StatusOK, "subscribe", p.formPage(r, r.URL.Query().Get("email"), nil, ""))
}

// formRefusal is the answer to a form without a good token: missing,
// forged, another client's, sent too soon or too late. It says nothing
// of which, to a bot; a person just sends the form again, which comes
// back with a fresh token.
const formRefusal = "Please check the form and send it again."

// subscribe takes the sign-up form of this site; another site's page
// uses the API. A request that is not refused outright only queues the
// sign-up (see desk.Subscribe) and is answered 202 with the same page,
// whether the address is new, listed or unsubscribed and whatever the
// relay does: the form tells nobody who is on the list, not even by its
// timing.
func (p *public) subscribe(w http.ResponseWriter, r *http.Request) {
	if err := readForm(w, r); err != nil {
		p.signupRefused(w, r, http.StatusBadRequest, "The form could not be read.")
		return
	}
	address := strings.TrimSpace(r.PostForm.Get("email"))
	token := r.PostForm.Get(formTokenField)
	status, msg := p.signup(r, address, r.PostForm.Get("name"), r.PostForm["section"], r.PostForm.Get(honeypotField), &token)
	if status != http.StatusOK {
		p.signupRefused(w, r, status, msg)
		return
	}
	p.pages.render(w, http.StatusAccepted, "subscribe", &subscribePage{
		layout: layout{Face: facePublic, Title: "Check your inbox", Root: rootOf(r)}, Step: "sent", Address: address,
	})
}

// subscribeAPI is the sign-up for pages elsewhere: POST JSON
// {"email": …, "name": …, "sections": [titles]} (or a form, sections
// as repeated "section" fields); 202 and the same answer for every
// address, 400 for one that cannot be an address, 429 over the limits.
func (p *public) subscribeAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	var in struct {
		Email, Name, Website string
		Sections             []string
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "application/json" {
		if err := json.NewDecoder(io.LimitReader(r.Body, 16<<10)).Decode(&in); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the body is not a JSON object"})
			return
		}
	} else {
		if err := readForm(w, r); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "the form could not be read"})
			return
		}
		in.Email, in.Name, in.Website = r.PostForm.Get("email"), r.PostForm.Get("name"), r.PostForm.Get(honeypotField)
		in.Sections = r.PostForm["section"]
	}
	status, msg := p.signup(r, strings.TrimSpace(in.Email), in.Name, in.Sections, in.Website, nil)
	if status == http.StatusOK {
		writeJSON(w, http.StatusAccepted, map[string]string{"status": "pending", "message": signupAnswer})
		return
	}
	writeJSON(w, status, map[string]string{"error": msg})
}

// subscribePreflight answers CORS preflight for the JSON API.
func (p *public) subscribePreflight(w http.ResponseWriter, _ *http.Request) {
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Allow-Methods", "POST")
	h.Set("Access-Control-Allow-Headers", "Content-Type")
	h.Set("Access-Control-Max-Age", "86400")
	w.WriteHeader(http.StatusNoContent)
}

// signup applies the limits, the form's token (nil for the API, which
// has none) and the desk's checks, and hands the request to the desk. The
// form and the API share the limits: a bot gains nothing by skipping the
// form. It returns 200 for every request that was not refused outright.
func (p *public) signup(r *http.Request, address, name string, sections []string, honeypot string, formToken *string) (int, string) {
	client := p.clients.of(r)
	if ok, wait := p.perClient.allow(client); !ok {
		p.log.Warn("sign-up rate limited", "client", client, "retry_after_s", int(wait.Seconds()))
		return http.StatusTooManyRequests, "Too many sign-ups from here; please try again in " + strconv.Itoa(max(1, int(wait.Minutes()))) + " minutes."
	}
	if honeypot != "" {
		p.log.Info("sign-up honeypot filled", "client", client)
		return http.StatusOK, ""
	}
	if formToken != nil && !p.tokens.valid(*formToken, client) {
		p.log.Info("sign-up form token refused", "client", client)
		return http.StatusBadRequest, formRefusal
	}
	if address == "" {
		return http.StatusBadRequest, "Please give an email address."
	}
	addr, name, err := p.desk.CheckSignup(address, name)
	if err == nil {
		if ok, _ := p.perAddress.allow(strings.ToLower(addr)); !ok {
			return http.StatusOK, "" // the same answer: nothing tells whether it was sent
		}
		err = p.desk.Subscribe(r.Context(), addr, name, sections)
	}
	switch {
	case err == nil:
		return http.StatusOK, ""
	case errors.Is(err, digest.ErrBadAddress):
		var ae *digest.AddressError
		errors.As(err, &ae)
		return http.StatusBadRequest, "That address cannot be used: " + ae.Reason + "."
	case errors.Is(err, desk.ErrBadName):
		return http.StatusBadRequest, "Please give just your name: at most " + strconv.Itoa(digest.MaxNameLength) +
			" characters, without links, web or email addresses, or invisible characters."
	case errors.Is(err, desk.ErrBadInput):
		return http.StatusBadRequest, "Please choose among the sections listed."
	default:
		p.log.Error("sign-up", "error", err)
		return http.StatusInternalServerError, "Something went wrong on our side. Please try again later."
	}
}

func (p *public) signupRefused(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", strconv.Itoa(int(signupWindow.Seconds())))
	}
	p.pages.render(w, status, "subscribe", p.formPage(r, r.PostForm.Get("email"), r.PostForm["section"], msg))
}

// confirmForm shows a confirmation link's page: a button, since mail
// scanners open links and must not subscribe anyone.
func (p *public) confirmForm(w http.ResponseWriter, r *http.Request) {
	id, expires, token, ok := confirmParams(r)
	if !ok {
		p.confirmFailed(w, r, desk.ErrBadToken)
		return
	}
	sub, _, err := p.desk.CheckConfirmation(r.Context(), id, expires, token)
	if err != nil {
		p.confirmFailed(w, r, err)
		return
	}
	p.pages.render(w, http.StatusOK, "subscribe", &subscribePage{
		layout: layout{Face: facePublic, Title: "Confirm your subscription", Root: rootOf(r)}, Step: "confirm",
		Address: sub.Address, Name: sub.Name,
	})
}

// confirm makes the subscription active.
func (p *public) confirm(w http.ResponseWriter, r *http.Request) {
	id, expires, token, ok := confirmParams(r)
	if !ok {
		p.confirmFailed(w, r, desk.ErrBadToken)
		return
	}
	sub, err := p.desk.ConfirmSubscription(r.Context(), id, expires, token)
	if err != nil {
		p.confirmFailed(w, r, err)
		return
	}
	p.pages.render(w, http.StatusOK, "subscribe", &subscribePage{
		layout: layout{Face: facePublic, Title: "Subscribed", Root: rootOf(r)}, Step: "confirmed", Address: sub.Address,
	})
}

// confirmParams reads s, e and t from a confirmation link; never logged.
func confirmParams(r *http.Request) (string, int64, string, bool) {
	q := r.URL.Query()
	ref, token := q.Get("s"), q.Get("t")
	_, _, ok := compose.ParseRef(ref)
	expires, err := strconv.ParseInt(q.Get("e"), 10, 64)
	return ref, expires, token, ok && err == nil && token != ""
}

// confirmFailed answers a link that is expired, used, or not ours. An
// unknown subscriber looks like a bad token.
func (p *public) confirmFailed(w http.ResponseWriter, r *http.Request, err error) {
	var used *desk.UsedLinkError
	if errors.As(err, &used) {
		p.alreadySubscribed(w, r, used)
		return
	}
	page := &errorPage{layout: layout{Face: facePublic, Root: rootOf(r)}, Back: rootOf(r) + "subscribe"}
	switch {
	case errors.Is(err, desk.ErrLinkExpired):
		page.Heading, page.Message = "Link expired", "This confirmation link has expired. Please sign up again to get a new one."
	case errors.Is(err, desk.ErrBadToken), errors.Is(err, digest.ErrNotFound):
		page.Heading, page.Message = "Link not valid", "This confirmation link is not valid or was used already. If you are not subscribed yet, please sign up again."
	default:
		p.fail(w, r, err)
		return
	}
	page.Title = page.Heading
	p.pages.render(w, http.StatusForbidden, "error", page)
}

// alreadySubscribed answers a used confirmation link clicked again by
// its subscriber, still subscribed: they are, with a way to their
// preferences and to the latest issue, and nothing changes.
func (p *public) alreadySubscribed(w http.ResponseWriter, r *http.Request, used *desk.UsedLinkError) {
	p.pages.render(w, http.StatusOK, "subscribe", &subscribePage{
		layout: layout{Face: facePublic, Title: "Already subscribed", Root: rootOf(r)}, Step: "already",
		Preferences: rootOf(r) + "unsubscribe?s=" + url.QueryEscape(used.Ref) + "&t=" + url.QueryEscape(used.Token),
		Sample:      p.sample(r),
	})
}

// resubscribe is the button of the page an unsubscribe link showed once
// its subscriber left: it mails them a confirmation link, as signing up
// again would, and only that link puts them back (see desk.Resubscribe).
func (p *public) resubscribe(w http.ResponseWriter, r *http.Request) {
	id, token, ok := unsubscribeParams(r)
	if !ok {
		p.badLink(w, r)
		return
	}
	sub, err := p.desk.Resubscribe(r.Context(), id, token)
	if err != nil {
		p.unsubscribeFailed(w, r, err)
		return
	}
	if sub.Status == digest.SubscriberActive {
		p.pages.render(w, http.StatusOK, "subscribe", &subscribePage{
			layout: layout{Face: facePublic, Title: "Subscribed", Root: rootOf(r)}, Step: "confirmed", Address: sub.Address,
		})
		return
	}
	p.pages.render(w, http.StatusAccepted, "subscribe", &subscribePage{
		layout: layout{Face: facePublic, Title: "Check your inbox", Root: rootOf(r)}, Step: "sent", Address: sub.Address,
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
