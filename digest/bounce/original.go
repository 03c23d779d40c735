package bounce

import (
	"net/textproto"
	"strings"

	"github.com/digest-newsletter/digest/digest/lazyre"
)

// The original message is how a report is tied to what we sent: its
// Message-ID, and the VERP token in its envelope sender. Reports carry
// it as a message/rfc822 or text/rfc822-headers part, or, from older
// relays, as text after a separator line.

// originalHeader returns the header of the original message the report
// carries, or nil. notice is the human-readable text, searched for a
// copy after a separator when there is no part for it.
func originalHeader(root *part, notice string) textproto.MIMEHeader {
	if p := root.find("message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"); p != nil {
		if h := readHeader(p.body); len(h) > 0 {
			return h
		}
	}
	if _, after, ok := splitOriginal(notice); ok {
		if h := readHeader([]byte(strings.TrimLeft(after, " \t\r\n"))); len(h) > 0 {
			return h
		}
	}
	return nil
}

// separators start the copy of the original message in a plain-text
// bounce, compared with the line lowercased and stripped of dashes,
// spaces and colons. Each is a real relay's wording: Exim, qmail and
// Yahoo, Gmail, Exchange.
var separators = []string{
	"this is a copy of the message",
	"below this line is a copy of the message",
	"original message",
	"original message headers",
	"original message follows",
	"unsent message below",
	"message headers follow",
	"undelivered message headers",
	"the header of the original message",
}

// splitOriginal cuts text at the separator line before the copy of the
// original message: the notice before, the copy after.
func splitOriginal(text string) (before, after string, ok bool) {
	rest := text
	off := 0
	for rest != "" {
		line, next, _ := strings.Cut(rest, "\n")
		norm := strings.ToLower(strings.Trim(line, " \t\r-:=_*"))
		for _, s := range separators {
			if strings.HasPrefix(norm, s) && (norm == s || strings.HasPrefix(line, "-") || strings.HasPrefix(line, " ")) {
				return text[:off], next, true
			}
		}
		off += len(line) + 1
		rest = next
	}
	return text, "", false
}

func messageID(h textproto.MIMEHeader) string {
	if h == nil {
		return ""
	}
	id := strings.TrimSpace(h.Get("Message-Id"))
	if i := strings.IndexByte(id, '<'); i >= 0 {
		id = id[i+1:]
		if j := strings.IndexByte(id, '>'); j >= 0 {
			id = id[:j]
		}
	}
	return strings.TrimSpace(id)
}

// addrPattern is a loose addr-spec: enough to pick addresses out of
// report text and headers, which are never parsed strictly here.
var addrPattern = lazyre.New(`[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+`)

// addresses returns the addresses in s, in order.
func addresses(s string) []string {
	return addrPattern.FindAllString(s, 8)
}

// TokenOf returns the VERP token in addr under prefix, or "": for an
// envelope sender a provider's webhook echoes (SES's mail.source).
func TokenOf(addr, prefix string) string { return tokenOf(addr, prefix) }

// tokenOf returns the VERP token in addr: what follows "prefix+" in its
// local part, up to a further '+' (a relay's own VERP may add one).
func tokenOf(addr, prefix string) string {
	if prefix == "" {
		return ""
	}
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return ""
	}
	local := addr[:at]
	lead := prefix + "+"
	if len(local) <= len(lead) || !strings.EqualFold(local[:len(lead)], lead) {
		return ""
	}
	tok, _, _ := strings.Cut(local[len(lead):], "+")
	return tok
}

// findToken returns the first VERP token among the values, each a
// header's or field's text that may hold addresses.
func findToken(prefix string, values ...string) string {
	for _, v := range values {
		for _, a := range addresses(v) {
			if t := tokenOf(a, prefix); t != "" {
				return t
			}
		}
	}
	return ""
}

// envelopeHeaders are where the bounce's own header says whom it was
// delivered to: the VERP address, when the mailbox keeps it.
var envelopeHeaders = []string{"X-Original-To", "Delivered-To", "Envelope-To", "X-Envelope-To", "To"}

func headerValues(h textproto.MIMEHeader, names ...string) []string {
	var out []string
	for _, n := range names {
		out = append(out, h.Values(n)...)
	}
	return out
}
