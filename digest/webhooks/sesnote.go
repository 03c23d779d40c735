package webhooks

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/bounce"
	"github.com/digest-newsletter/digest/digest/bounces"
)

// sesNotification is the SES notification inside an SNS Message, as
// notifications (notificationType) or event publishing (eventType)
// send it.
// https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
type sesNotification struct {
	NotificationType string `json:"notificationType"`
	EventType        string `json:"eventType"`
	Bounce           struct {
		BounceType        string `json:"bounceType"`
		BounceSubType     string `json:"bounceSubType"`
		BouncedRecipients []struct {
			EmailAddress   string `json:"emailAddress"`
			Status         string `json:"status"`
			DiagnosticCode string `json:"diagnosticCode"`
		} `json:"bouncedRecipients"`
	} `json:"bounce"`
	Complaint struct {
		ComplaintFeedbackType string `json:"complaintFeedbackType"`
		ComplainedRecipients  []struct {
			EmailAddress string `json:"emailAddress"`
		} `json:"complainedRecipients"`
	} `json:"complaint"`
	Mail struct {
		Source  string `json:"source"`
		Headers []struct {
			Name  string `json:"name"`
			Value string `json:"value"`
		} `json:"headers"`
		CommonHeaders struct {
			MessageID string `json:"messageId"`
		} `json:"commonHeaders"`
	} `json:"mail"`
}

// parseSES reads one SES notification into an event per recipient; a
// delivery or any other notification is one event of no kind.
func parseSES(msg []byte, verpPrefix string) ([]Event, error) {
	var n sesNotification
	if err := json.Unmarshal(msg, &n); err != nil {
		return nil, fmt.Errorf("%w: ses notification: %v", ErrBadPayload, err)
	}
	keys := bounces.Keys{Token: bounce.TokenOf(n.Mail.Source, verpPrefix), MessageID: n.Mail.CommonHeaders.MessageID}
	for _, h := range n.Mail.Headers {
		if strings.EqualFold(h.Name, "Message-ID") {
			keys.MessageID = h.Value
		}
	}
	var evs []Event
	switch typ := firstOf(n.NotificationType, n.EventType); typ {
	case "Bounce":
		b := n.Bounce
		kind := digest.BounceSoft // Transient, and Undetermined: it counts, it does not condemn
		if b.BounceType == "Permanent" {
			kind = digest.BounceHard
		}
		for _, r := range b.BouncedRecipients {
			k := keys
			k.Recipient = r.EmailAddress
			evs = append(evs, Event{Kind: kind, Status: r.Status, Diagnostic: r.DiagnosticCode, Keys: k, Evidence: msg,
				Reason: "bounceType " + b.BounceType + ", bounceSubType " + b.BounceSubType})
		}
	case "Complaint":
		for _, r := range n.Complaint.ComplainedRecipients {
			k := keys
			k.Recipient = r.EmailAddress
			evs = append(evs, Event{Kind: digest.BounceComplaint, Keys: k, Evidence: msg,
				Reason: "complaint, feedback type " + firstOf(n.Complaint.ComplaintFeedbackType, "unstated")})
		}
	}
	if len(evs) == 0 {
		evs = []Event{{Evidence: msg}}
	}
	return evs, nil
}
