package bounce

import (
	"net/textproto"
	"strings"
)

// readDSN reads an RFC 3464 delivery status notification: one block of
// per-message fields, then one block per recipient. A recipient counts
// when its Action is failed or delayed; Status (or, lacking it, the
// Diagnostic-Code) gives the class. Recipients delivered, relayed or
// expanded are left out, so a success notice is not a bounce.
func readDSN(p *part) (recipients []Recipient, perMessage textproto.MIMEHeader) {
	blocks := fieldBlocks(p.body)
	perMessage = textproto.MIMEHeader{}
	for _, b := range blocks {
		if b.Get("Final-Recipient") == "" && b.Get("Original-Recipient") == "" {
			for k, v := range b {
				perMessage[k] = append(perMessage[k], v...)
			}
			continue
		}
		if r, ok := dsnRecipient(b); ok {
			recipients = append(recipients, r)
		}
	}
	return recipients, perMessage
}

func dsnRecipient(b textproto.MIMEHeader) (Recipient, bool) {
	r := Recipient{
		Action:     strings.ToLower(strings.TrimSpace(b.Get("Action"))),
		Diagnostic: clean(typedValue(b.Get("Diagnostic-Code"))),
	}
	// The original recipient is the address as we gave it; the final
	// one may be what an alias or forward turned it into.
	r.Address = typedValue(b.Get("Original-Recipient"))
	if r.Address == "" || !strings.Contains(r.Address, "@") {
		r.Address = typedValue(b.Get("Final-Recipient"))
	}
	r.Status, _ = findStatus(b.Get("Status"))
	if r.Status == "" {
		r.Status = statusIn(r.Diagnostic)
	}
	class := kindOf(r.Status)
	switch r.Action {
	case "failed":
		r.Kind = HardBounce
		if class == SoftBounce {
			r.Kind = SoftBounce
		}
	case "delayed":
		r.Kind = SoftBounce
	case "delivered", "relayed", "expanded":
		return r, false
	default:
		if class == NotBounce {
			return r, false
		}
		r.Kind = class
	}
	return r, true
}

// worst is the kind that decides the report: hard over soft.
func worst(rs []Recipient) (Kind, *Recipient) {
	for _, k := range []Kind{HardBounce, Complaint, SoftBounce} {
		for i := range rs {
			if rs[i].Kind == k {
				return k, &rs[i]
			}
		}
	}
	return NotBounce, nil
}

// clean makes report text fit to store and show: valid UTF-8, one line,
// runs of space collapsed, at most 500 bytes.
func clean(s string) string {
	s = strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
	if len(s) > 500 {
		s = strings.ToValidUTF8(s[:500], "")
	}
	return s
}
