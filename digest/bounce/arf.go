package bounce

import (
	"net/textproto"
	"strings"
)

// complaintTypes are the RFC 5965 Feedback-Types that mean the
// recipient does not want the mail. not-spam is the opposite, and
// auth-failure (RFC 6591) is about the sender's domain, not a person, so
// neither unsubscribes anyone.
var complaintTypes = map[string]bool{"abuse": true, "fraud": true, "virus": true, "other": true}

type arfReport struct {
	feedbackType string
	recipients   []string
	mailFrom     string
	envelopeID   string
}

// readARF reads the machine-readable part of a feedback report. The
// complaining address is Original-Rcpt-To when the provider gives it
// (many redact it), else the To of the original message, which may be
// redacted too: the Message-ID and VERP token are what identify the
// subscriber then.
func readARF(p *part, original textproto.MIMEHeader) arfReport {
	var r arfReport
	for _, b := range fieldBlocks(p.body) {
		if r.feedbackType == "" {
			r.feedbackType = strings.ToLower(strings.TrimSpace(b.Get("Feedback-Type")))
		}
		for _, v := range append(b.Values("Original-Rcpt-To"), b.Values("Removal-Recipient")...) {
			r.recipients = append(r.recipients, addresses(v)...)
		}
		if r.mailFrom == "" {
			r.mailFrom = b.Get("Original-Mail-From")
		}
		if r.envelopeID == "" {
			r.envelopeID = strings.TrimSpace(b.Get("Original-Envelope-Id"))
		}
	}
	if len(r.recipients) == 0 && original != nil {
		for _, v := range original.Values("To") {
			r.recipients = append(r.recipients, addresses(v)...)
		}
	}
	return r
}
