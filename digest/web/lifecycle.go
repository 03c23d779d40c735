package web

import (
	"net/http"
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
