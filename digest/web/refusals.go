package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
)

// inWords says why the desk refused a request in an editor's words: what
// happened and what to do, with no internal ids and nothing of the
// code's vocabulary ("bad input", Unicode code points). The full error
// still goes to the log wherever the caller logs it. This is the one
// place the desk's refusals become text, so a new refusal is mapped here.
func inWords(err error) string {
	var note *digest.NoteError
	switch {
	case errors.As(err, &note):
		return noteInWords(note)
	case errors.Is(err, desk.ErrSwapRefused):
		return "That sentence isn't in the article any more, or the edition already shows it. Reload the page to see the sentences you can swap in."
	case errors.Is(err, desk.ErrNoAlternative):
		return "That article has no other sentence to swap in. You can remove the sentence instead."
	case errors.Is(err, desk.ErrNoSuchSentence):
		return "That sentence isn't in the edition any more: someone may have changed it. Reload the page and try again."
	case errors.Is(err, errUnconfirmed):
		return "Sending needs your confirmation: use the Send now button on the edition's page and confirm there."
	case isNothingToBuild(err):
		return "There is nothing new to build an edition from: every article read is in an edition already sent. Add a source or drop articles in, then build again."
	case errors.Is(err, desk.ErrNoSection):
		return "There is no section of that name in this edition any more. Reload the page and choose another."
	case errors.Is(err, digest.ErrLocked):
		return lockedMessage
	case errors.Is(err, digest.ErrNotApproved):
		return "This edition needs an editor's approval before it can be sent, and it must not change after that. Approve it, then send it."
	case errors.Is(err, digest.ErrAlreadySent):
		return "This edition has been sent already."
	case errors.Is(err, digest.ErrNotFound):
		return "There is no such edition: it may have been replaced by a newer build. Go back to the editions list."
	default:
		return "The desk didn't understand that request. Reload the page and try again."
	}
}

// fieldNames are the editor's note fields as the form labels them.
var fieldNames = map[string]string{"intro": "introduction", "subject": "subject", "preheader": "preheader"}

func noteInWords(e *digest.NoteError) string {
	field := fieldNames[e.Field]
	if field == "" {
		field = "text"
	}
	switch {
	case e.Problem == digest.NoteTooLong:
		return fmt.Sprintf("The %s is %d characters long; it can be at most %d. Shorten it and save again.", field, e.Count, e.Max)
	case e.Problem == digest.NoteNotUTF8:
		return fmt.Sprintf("The %s holds characters that aren't valid text. Type it again rather than pasting it.", field)
	case e.LineBreak():
		return fmt.Sprintf("The %s can't contain a line break. Put it on one line.", field)
	default:
		return fmt.Sprintf("The %s contains an invisible control character. Type it again rather than pasting it.", field)
	}
}

const lockedMessage = "This edition can no longer change: only drafts and approved editions can."

// statusOf maps the desk's errors to HTTP statuses.
func statusOf(err error) int {
	switch {
	case errors.Is(err, digest.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, digest.ErrLocked), errors.Is(err, digest.ErrAlreadySent), errors.Is(err, digest.ErrNotApproved):
		return http.StatusConflict
	case errors.Is(err, desk.ErrBadInput):
		return http.StatusBadRequest
	case errors.Is(err, desk.ErrBadToken):
		return http.StatusForbidden
	default:
		return http.StatusInternalServerError
	}
}
