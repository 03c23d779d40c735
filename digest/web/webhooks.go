package web

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/digest-newsletter/digest/digest/webhooks"
)

// WebhookDesk is what the providers' bounce webhooks ask of the desk;
// *desk.Desk implements it.
type WebhookDesk interface {
	ReceiveWebhook(ctx context.Context, provider string, h http.Header, body []byte) error
}

// maxWebhookBody is the most a webhook request may carry: an SNS message
// is at most 256 KiB, a SendGrid batch somewhat more.
const maxWebhookBody = 1 << 20

// webhook takes a provider's bounce webhook (POST /webhooks/{provider}).
// Providers read the status, people read the words: each answer says
// what happened in a sentence, and a refusal never says which check
// failed (the log does), so a forger learns nothing from trying.
func (p *public) webhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeJSON(w, http.StatusRequestEntityTooLarge, webhookAnswer("The request is larger than a webhook report can be (1 MiB)."))
		return
	case err != nil:
		writeJSON(w, http.StatusBadRequest, webhookAnswer("The request body could not be read."))
		return
	}
	err = p.desk.ReceiveWebhook(r.Context(), r.PathValue("provider"), r.Header, body)
	status, words := webhookStatus(err)
	if status >= 500 {
		p.log.Error("webhook not taken", "provider", r.PathValue("provider"), "err", err)
	}
	writeJSON(w, status, webhookAnswer(words))
}

func webhookAnswer(words string) map[string]string { return map[string]string{"message": words} }

// webhookStatus is the status and the words for what the desk said.
func webhookStatus(err error) (int, string) {
	switch {
	case err == nil:
		return http.StatusOK, "Taken."
	case errors.Is(err, webhooks.ErrNotConfigured):
		return http.StatusNotFound, "There is no webhook here."
	case errors.Is(err, webhooks.ErrUnsigned):
		return http.StatusUnauthorized, "The request carries no signature or credentials; it was not taken."
	case errors.Is(err, webhooks.ErrForged), errors.Is(err, webhooks.ErrStale), errors.Is(err, webhooks.ErrReplay):
		return http.StatusForbidden, "The request did not pass this webhook's checks; it was not taken."
	case errors.Is(err, webhooks.ErrBadPayload):
		return http.StatusBadRequest, "The request is signed but its body is not a report this webhook reads."
	default:
		return http.StatusServiceUnavailable, "The report could not be recorded just now; send it again later."
	}
}
