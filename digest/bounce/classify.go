// Package bounce reads what arrives at a newsletter's bounce address and
// says what each message is: a hard or soft bounce, a complaint, an
// auto-reply, or none of these. It reads RFC 3464 delivery status
// notifications, RFC 5965 feedback reports, RFC 3834 auto-replies, and
// the plain-text bounces of relays that send no DSN, and it returns the
// keys that tie a report to the message we sent: the original
// Message-ID and the VERP token.
//
// It decides nothing about subscribers and touches no mailbox: the
// caller keeps the raw message, applies its policy, and leaves every
// NotBounce where it was.
package bounce

import (
	"bytes"
	"fmt"
	"net/mail"
	"net/textproto"
	"strings"
)

// Classifier classifies messages. VERPPrefix is the local part before
// the plus of our envelope senders ("bounces" in bounces+TOKEN@domain);
// empty, no token is looked for.
type Classifier struct {
	VERPPrefix string
}

// Classify reads one raw RFC 5322 message. It never panics; an error
// means the header could not be read at all, and the message is then
// NotBounce, to be left alone.
func (c Classifier) Classify(raw []byte) (Result, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(skipFromLine(raw)))
	if err != nil {
		return Result{Reason: "unreadable header"}, fmt.Errorf("read message: %w", err)
	}
	h := textproto.MIMEHeader(msg.Header)
	w := walker{}
	root := w.entity(h, msg.Body, 0)
	notice := noticeText(root)

	var r Result
	switch {
	case root.find("message/feedback-report") != nil:
		r = c.complaint(h, root, notice)
	case root.find("message/delivery-status", "message/global-delivery-status") != nil:
		r = c.dsn(h, root, notice)
	}
	if r.Kind != NotBounce || r.Reason != "" {
		return r, nil
	}
	daemon := fromMailSystem(h)
	if why := autoReply(h); why != "" && daemon == "" {
		return Result{Kind: AutoReply, Reason: why}, nil
	}
	if daemon != "" {
		if r := c.plain(h, root, notice, daemon); r.Kind != NotBounce {
			return r, nil
		}
	}
	if why := autoReply(h); why != "" {
		return Result{Kind: AutoReply, Reason: why}, nil
	}
	if daemon != "" {
		return Result{Reason: "from a mail system (" + daemon + ") but no failed recipient with a status"}, nil
	}
	return Result{}, nil
}

func (c Classifier) dsn(h textproto.MIMEHeader, root *part, notice string) Result {
	rs, perMessage := readDSN(root.find("message/delivery-status", "message/global-delivery-status"))
	if len(rs) == 0 {
		// A DSN that reports only successes is not a bounce; one with
		// no readable recipient at all may still be read as plain text.
		return Result{}
	}
	original := originalHeader(root, notice)
	r := Result{
		Recipients: rs,
		MessageID:  messageID(original),
		EnvelopeID: strings.TrimSpace(perMessage.Get("Original-Envelope-Id")),
		Reason:     "RFC 3464 delivery-status",
	}
	r.Token = c.token(h, original, perMessage.Values("X-Postfix-Sender")...)
	c.decide(&r)
	return r
}

func (c Classifier) complaint(h textproto.MIMEHeader, root *part, notice string) Result {
	original := originalHeader(root, notice)
	a := readARF(root.find("message/feedback-report"), original)
	r := Result{
		MessageID:    messageID(original),
		EnvelopeID:   a.envelopeID,
		FeedbackType: a.feedbackType,
		Token:        c.token(h, original, a.mailFrom),
	}
	if !complaintTypes[a.feedbackType] {
		r.Reason = "RFC 5965 feedback-report of type " + quoted(a.feedbackType) + ", not a complaint"
		return r
	}
	for _, addr := range a.recipients {
		r.Recipients = append(r.Recipients, Recipient{Address: addr, Kind: Complaint})
	}
	r.Kind = Complaint
	r.Reason = "RFC 5965 feedback-report (" + a.feedbackType + ")"
	return r
}

func (c Classifier) plain(h textproto.MIMEHeader, root *part, notice, daemon string) Result {
	before, _, _ := splitOriginal(notice)
	rs := readPlain(h, before)
	if len(rs) == 0 {
		return Result{}
	}
	original := originalHeader(root, notice)
	r := Result{
		Recipients: rs,
		MessageID:  messageID(original),
		Reason:     "non-standard bounce (" + daemon + ")",
	}
	r.Token = c.token(h, original)
	c.decide(&r)
	return r
}

// decide sets the report's kind and status from its worst recipient.
func (c Classifier) decide(r *Result) {
	k, rec := worst(r.Recipients)
	r.Kind = k
	if rec != nil {
		r.Status, r.Diagnostic = rec.Status, rec.Diagnostic
	}
}

// token looks for the VERP token where it is most trustworthy first:
// the original envelope sender as the report states it, the original's
// Return-Path, then the address the report itself was delivered to.
func (c Classifier) token(h, original textproto.MIMEHeader, senders ...string) string {
	if c.VERPPrefix == "" {
		return ""
	}
	vals := append([]string{}, senders...)
	if original != nil {
		vals = append(vals, original.Values("Return-Path")...)
	}
	vals = append(vals, headerValues(h, envelopeHeaders...)...)
	return findToken(c.VERPPrefix, vals...)
}

// noticeText is the human-readable text of the message: its first
// text/plain part outside any attached message, or its body.
func noticeText(root *part) string {
	if p := root.find("text/plain"); p != nil {
		return strings.ReplaceAll(string(p.body), "\r\n", "\n")
	}
	return ""
}

func quoted(s string) string {
	if s == "" {
		return "(none)"
	}
	return fmt.Sprintf("%q", s)
}
