package desk

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/mail"
	"strconv"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/bounces"
	"github.com/digest-newsletter/digest/digest/deliver"
)

// MailEdition is a stored edition as it is sent: its rendition's stored
// mail parts and header values, nothing rendered again, so what goes out
// is what was approved whatever changed since in templates, config or
// code. An edition built before mail parts were stored gets them now.
func (d *Desk) MailEdition(ctx context.Context, id string) (*digest.EditionRecord, error) {
	rec, err := d.Store.Edition(ctx, id)
	if err != nil {
		return nil, err
	}
	if !rec.Mailable() {
		if rec, err = d.fillMail(ctx, rec); err != nil {
			return nil, err
		}
	}
	return rec, nil
}

// fillMail renders, once, the mail parts of an edition built before
// they were stored, from its stored view model and the header values
// configured now. An approval given before covered other bytes, so such
// an edition needs approving again (the store says so when it is sent).
func (d *Desk) fillMail(ctx context.Context, rec *digest.EditionRecord) (*digest.EditionRecord, error) {
	if len(rec.JSON) == 0 {
		return nil, fmt.Errorf("edition %s has nothing rendered to send", rec.ID)
	}
	ed, err := edition(rec)
	if err != nil {
		return nil, err
	}
	r, err := d.Renderer.Rendition(ed, d.Builder.Mail)
	if err != nil {
		return nil, err
	}
	if err := d.Store.FillMail(ctx, rec.ID, r); err != nil {
		return nil, err
	}
	d.log().Warn("edition built before mail parts were stored: rendered them once now", "edition_id", rec.ID)
	return d.Store.Edition(ctx, rec.ID)
}

// Send sends an edition to every active subscriber, resuming a stopped
// run. The store refuses an edition that needs approval and lacks it, or
// changed after it.
func (d *Desk) Send(ctx context.Context, id string, progress func(deliver.Summary)) (deliver.Summary, error) {
	rec, err := d.MailEdition(ctx, id)
	if err != nil {
		return deliver.Summary{}, err
	}
	// The body is built once per edition; each message only splices in
	// its subscriber's link. A broken edition fails here, before any
	// delivery row changes.
	prepared, err := d.Composer.PrepareVariants(rec.ID, &rec.Rendition, d.Clock.Now())
	if err != nil {
		return deliver.Summary{}, err
	}
	tr, err := d.OpenTransport(ctx)
	if err != nil {
		return deliver.Summary{}, err
	}
	defer tr.Close()
	s := d.NewSender(tr)
	s.Progress = progress
	var c deliver.Composer = prepared
	switch {
	case d.VERP != nil && rec.Issue > 0:
		c = bounces.Envelope{Composer: prepared, Tokens: *d.VERP, Issue: rec.Issue}
	case d.VERP != nil:
		d.log().Warn("edition has no issue number: sent with the one envelope sender, bounces matched by message id",
			"edition_id", rec.ID)
	}
	return s.Send(ctx, id, c)
}

// testSubscriber stands for the address a test copy goes to. Its id is
// one no row can have, so the copy's unsubscribe link unsubscribes no one.
const testSubscriberID = math.MaxInt64 - 1

// SendTest sends one copy of an edition to an address through the normal
// transport. It is marked as a test in its subject and Message-ID, is not
// a delivery and changes no edition state.
func (d *Desk) SendTest(ctx context.Context, id, address string) (string, error) {
	addr, err := mail.ParseAddress(strings.TrimSpace(address))
	if err == nil {
		addr.Address, err = digest.ParseAddress(addr.Address, d.SMTPUTF8)
	}
	if err != nil {
		return "", fmt.Errorf("test address %q: %w", digest.Printable(address), errors.Join(ErrBadInput, err))
	}
	ed, err := d.MailEdition(ctx, id)
	if err != nil {
		return "", err
	}
	// Each copy its own Message-ID, so mail clients do not thread or
	// drop a second copy as a duplicate of the first.
	date := d.Clock.Now()
	copyID := ed.ID + "-test-" + strconv.FormatInt(d.Clock.Now().UnixNano(), 36)
	r := ed.Rendition
	r.Subject = "[Test] " + r.Subject
	d.withPreviewLinks(&r, ed.ID)
	msg, err := d.Composer.Compose(copyID, &r, date, digest.Subscriber{ID: testSubscriberID, Address: addr.Address, Name: addr.Name})
	if err != nil {
		return "", err
	}
	tr, err := d.OpenTransport(ctx)
	if err != nil {
		return "", err
	}
	defer tr.Close()
	sendErr := tr.Send(ctx, msg)
	rec := digest.TestSend{EditionID: id, Address: addr.Address, MessageID: msg.ID, SentAt: d.Clock.Now()}
	if sendErr != nil {
		rec.Error = sendErr.Error()
	}
	if err := d.Store.RecordTestSend(ctx, rec); err != nil {
		return "", err
	}
	if sendErr != nil {
		return "", fmt.Errorf("test copy to %s: %w", addr.Address, sendErr)
	}
	d.log().Info("test copy sent", "edition_id", id, "message_id", msg.ID)
	return msg.ID, nil
}
