package desk

import (
	"context"
	"net/http"

	"github.com/digest-newsletter/digest/digest/webhooks"
)

// ReceiveWebhook takes a provider's bounce webhook request: verified,
// refused when stale or replayed, its bounces and complaints through the
// bounce policy. Its errors wrap the webhooks package's, which the
// public face turns into statuses; webhooks.ErrNotConfigured when the
// provider's webhook is off.
func (d *Desk) ReceiveWebhook(ctx context.Context, provider string, h http.Header, body []byte) error {
	if d.Webhooks == nil {
		return webhooks.ErrNotConfigured
	}
	_, err := d.Webhooks.Receive(ctx, provider, h, body)
	return err
}
