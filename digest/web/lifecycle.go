package web

import (
	"errors"
	"fmt"
	words "github.com/digest-newsletter/digest/digest/text"
	"net/http"
	"net/url"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/pipeline"
)

// The desk's actions on the newsletter as a whole rather than on one
// edition's content: pausing the schedule, and (edition.go) building,
// sending and discarding. Every one is a POST behind the same guards as
// approve: the credentials (requireAuth) and the cross-origin check
// (crossOrigin) wrap the whole mux in NewEditor, so a route added to the
// mux is guarded by construction and needs no token field of its own.

// pauseSchedule pauses the schedule: slots that fall due are recorded as
// skipped until it is resumed. Sends already under way carry on.
func (e *editor) pauseSchedule(w http.ResponseWriter, r *http.Request) {
	e.scheduleAction(w, r, true,
		"The schedule is paused: no edition will be built or sent on schedule until you resume it.")
}

// resumeSchedule lets the schedule run again from its next slot; the
// slots skipped while it was paused stay skipped.
func (e *editor) resumeSchedule(w http.ResponseWriter, r *http.Request) {
	e.scheduleAction(w, r, false,
		"The schedule runs again from its next slot. Slots missed while it was paused stay skipped.")
}

func (e *editor) scheduleAction(w http.ResponseWriter, r *http.Request, paused bool, done string) {
	if err := e.desk.PauseSchedule(r.Context(), paused, approver(r)); err != nil {
		e.fail(w, r, err)
		return
	}
	e.flashes.set(w, r, flash{Text: done})
	seeOther(w, r, "#schedule")
}

// build builds an edition now, as `digest build` does, and opens it. A
// build with nothing to take is the editor's news, not a failure: the
// editions page says so.
func (e *editor) build(w http.ResponseWriter, r *http.Request) {
	res, err := e.desk.BuildNow(r.Context())
	switch {
	case err == nil:
		e.flashes.set(w, r, flash{Text: fmt.Sprintf("Built a new edition from %s. Check it, approve it, then send it.",
			words.Plural(res.Edition.ItemCount(), "article"))})
		seeOther(w, r, "editions/"+url.PathEscape(res.Edition.ID))
	case isNothingToBuild(err):
		e.flashes.set(w, r, flash{Error: true, Text: inWords(err)})
		seeOther(w, r, "")
	default:
		e.fail(w, r, err)
	}
}

// sendNow sends the edition to every active subscriber, in the
// background; the edition page shows the progress. It takes only the
// confirmation form, which named how many subscribers it goes to.
func (e *editor) sendNow(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := readForm(w, r); err != nil {
		e.refuse(w, r, fmt.Errorf("%w: %w", desk.ErrBadInput, err))
		return
	}
	if r.PostForm.Get("confirm") != "yes" {
		e.refuse(w, r, errUnconfirmed)
		return
	}
	if err := e.desk.StartSend(r.Context(), id, approver(r)); err != nil {
		e.refuse(w, r, err)
		return
	}
	e.flashes.set(w, r, flash{Text: "Sending has started. This page shows how far it has got."})
	seeOther(w, r, "editions/"+url.PathEscape(id)+"#progress")
}

func isNothingToBuild(err error) bool {
	var few *pipeline.NotEnoughNewsError
	return errors.Is(err, pipeline.ErrNothingToBuild) || errors.As(err, &few)
}

// errUnconfirmed is a send posted without its confirmation.
var errUnconfirmed = fmt.Errorf("send not confirmed: %w", desk.ErrBadInput)

// progress is a send's counts for the edition page.
type progress struct {
	Sent, Deferred, Failed, Pending, Total int
}

func progressOf(c digest.DeliveryCounts) *progress {
	p := &progress{Sent: c[digest.DeliverySent], Deferred: c[digest.DeliveryDeferred], Failed: c[digest.DeliveryFailed]}
	for _, n := range c {
		p.Total += n
	}
	p.Pending = p.Total - p.Sent - p.Deferred - p.Failed
	return p
}

// sendFacts fills in what the page says about sending: whether it may be
// sent now and to how many, the confirmation when asked for, and while
// it is sending, the progress with a refresh.
func (e *editor) sendFacts(r *http.Request, page *editionPage) error {
	v := page.View
	running := e.desk.SendRunning(v.ID) || v.Status == digest.EditionSending
	page.CanSend = v.Status.Sendable(v.ApprovalRequired) && !running && len(v.HTML) > 0
	if page.CanSend || running || v.Status == digest.EditionSent {
		n, err := e.desk.Audience(r.Context(), v.ID)
		if err != nil {
			return err
		}
		page.Audience = n
	}
	page.ConfirmSend = page.CanSend && r.URL.Query().Get("confirm") == "send"
	if running || v.Status == digest.EditionSent {
		page.Progress = progressOf(v.Deliveries)
	}
	if running {
		page.Refresh = 3
	}
	return nil
}
