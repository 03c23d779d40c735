package bounce

import (
	"net/textproto"
	"strings"
)

// autoReply returns why h is an automatic answer (RFC 3834 or a
// vendor's marker), or "". Classify asks only after the structured
// reports, since relays mark their DSNs Auto-Submitted too. Taking a
// person's mail for an auto-reply costs nothing: both are left alone.
func autoReply(h textproto.MIMEHeader) string {
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" && !strings.HasPrefix(v, "no") {
		return "Auto-Submitted: " + v
	}
	for _, name := range []string{"Precedence", "X-Precedence"} {
		if strings.EqualFold(strings.TrimSpace(h.Get(name)), "auto_reply") {
			return name + ": auto_reply"
		}
	}
	// Vendors' own markers: Roundcube's and many autoresponders'
	// X-Autoreply and X-Autorespond, Apple iCloud's vacation.
	for _, name := range []string{"X-Autoreply", "X-Autorespond", "X-Autoresponder"} {
		if h.Get(name) != "" {
			return name
		}
	}
	if strings.Contains(strings.ToLower(h.Get("X-Apple-Action")), "vacation") {
		return "X-Apple-Action: vacation"
	}
	subject := strings.ToLower(strings.TrimSpace(h.Get("Subject")))
	for _, p := range autoReplySubjects {
		if strings.HasPrefix(subject, p) {
			return "subject: " + p
		}
	}
	return ""
}

// autoReplySubjects are the subject prefixes of the common clients'
// vacation answers (Outlook and Exchange in several languages, Gmail,
// Apple Mail), lowercased.
var autoReplySubjects = []string{
	"automatic reply:",
	"auto reply:",
	"auto-reply:",
	"autoreply:",
	"auto response:",
	"out of office",
	"abwesenheitsnotiz",
	"réponse automatique",
	"respuesta automática",
	"risposta automatica",
	"automatisch antwoord",
	"resposta automática",
	"autosvar",
	"automaattinen vastaus",
	"vacation reply",
}
