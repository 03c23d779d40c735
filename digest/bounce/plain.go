package bounce

import (
	"net/textproto"
	"strings"
)

// Plain-text bounces (Exim, qmail, Yahoo, Gmail's older ones, Exchange
// 2003) follow no standard, so the rules here are narrow on purpose: the
// message must come from a mail system (a MAILER-DAEMON or postmaster
// sender, an X-Failed-Recipients header, or a bounce's subject), name
// the failed address, and give a status code or a well-known phrase next
// to it. Anything less is NotBounce and stays in the mailbox for a
// person to read.

// fromMailSystem says whether h looks like a relay's bounce, and why.
func fromMailSystem(h textproto.MIMEHeader) string {
	if h.Get("X-Failed-Recipients") != "" {
		return "X-Failed-Recipients"
	}
	from := strings.ToLower(h.Get("From"))
	for _, a := range addresses(from) {
		if systemAddress(a) {
			local, _, _ := strings.Cut(a, "@")
			return "from " + local
		}
	}
	subject := strings.ToLower(h.Get("Subject"))
	for _, s := range bounceSubjects {
		if strings.Contains(subject, s) {
			return "subject: " + s
		}
	}
	return ""
}

// maxPlainRecipients bounds the addresses read from one plain-text
// bounce, each of which costs a search of the notice.
const maxPlainRecipients = 32

var bounceSubjects = []string{
	"undeliverable", "undelivered mail", "delivery status notification",
	"mail delivery failed", "failure notice", "returned mail",
	"delivery failure", "could not be delivered", "nondeliverable",
}

// phrases map a relay's words to a status, for bounces that give no
// code (Exchange 2003: "The recipient name is not recognized").
var phrases = []struct{ words, status string }{
	{"user unknown", "5.1.1"},
	{"unknown user", "5.1.1"},
	{"no such user", "5.1.1"},
	{"recipient name is not recognized", "5.1.1"},
	{"mailbox not found", "5.1.1"},
	{"address does not exist", "5.1.1"},
	{"account is disabled", "5.2.1"},
	{"mailbox full", "4.2.2"},
	{"over quota", "4.2.2"},
	{"quota exceeded", "4.2.2"},
}

// readPlain finds the failed recipients in a plain-text bounce's notice
// (the text before the copy of the original) and the status given next
// to each.
func readPlain(h textproto.MIMEHeader, notice string) []Recipient {
	own := map[string]bool{}
	for _, v := range headerValues(h, "From", "To", "Reply-To", "Sender") {
		for _, a := range addresses(v) {
			own[strings.ToLower(a)] = true
		}
	}
	var named []string
	for _, v := range h.Values("X-Failed-Recipients") {
		named = append(named, addresses(v)...)
	}
	lines := strings.Split(notice, "\n")
	type mention struct {
		addr string
		line int
	}
	var found []mention
	for i, l := range lines {
		if a := addressLine(l); a != "" && !own[strings.ToLower(a)] && !systemAddress(a) {
			found = append(found, mention{a, i})
		}
	}
	if len(named) == 0 {
		for _, m := range found {
			named = append(named, m.addr)
		}
	}
	var out []Recipient
	seen := map[string]bool{}
	for _, addr := range named {
		if len(seen) >= maxPlainRecipients {
			break
		}
		if seen[strings.ToLower(addr)] {
			continue
		}
		seen[strings.ToLower(addr)] = true
		// The recipient's part of the notice runs from the line naming
		// it to the next line naming another recipient.
		window := notice
		for k, m := range found {
			if strings.EqualFold(m.addr, addr) {
				end := len(lines)
				if k+1 < len(found) {
					end = found[k+1].line
				}
				window = strings.Join(lines[m.line:end], "\n")
				break
			}
		}
		r := Recipient{Address: addr, Diagnostic: clean(diagnosticLines(window, addr))}
		r.Status = statusIn(window)
		if r.Status == "" {
			r.Status = phraseStatus(window)
		}
		if r.Status == "" {
			r.Status = statusIn(notice)
		}
		r.Kind = kindOf(r.Status)
		if r.Kind == NotBounce {
			continue
		}
		out = append(out, r)
	}
	return out
}

// systemAddress says whether a is a mail system's own address, which a
// notice names for questions ("write to <postmaster@x>"), never as the
// failed recipient.
func systemAddress(a string) bool {
	local, _, _ := strings.Cut(strings.ToLower(a), "@")
	switch local {
	case "mailer-daemon", "mailerdaemon", "mail-daemon", "postmaster":
		return true
	}
	return false
}

// addressLine returns the address a line names when the line is about
// that address alone: "  jane@x.org", "<jane@x.org>:", or Exchange's
// "jane@x.org on <date>". An address inside a sentence is not taken.
func addressLine(l string) string {
	t := strings.TrimSpace(l)
	as := addrPattern.FindStringIndex(t)
	if as == nil {
		return ""
	}
	lead := strings.TrimSpace(t[:as[0]])
	if lead != "" && lead != "<" {
		return ""
	}
	rest := strings.TrimLeft(t[as[1]:], ">")
	rest = strings.TrimPrefix(rest, ":")
	if rest != "" && !strings.HasPrefix(rest, " on ") && !strings.HasPrefix(rest, " (") && strings.TrimSpace(rest) != "" {
		return ""
	}
	return t[as[0]:as[1]]
}

// diagnosticLines is the recipient's part of the notice without the
// line that only names it.
func diagnosticLines(window, addr string) string {
	var keep []string
	for _, l := range strings.Split(window, "\n") {
		if strings.EqualFold(addressLine(l), addr) {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, " ")
}

func phraseStatus(s string) string {
	s = strings.ToLower(s)
	for _, p := range phrases {
		if strings.Contains(s, p.words) {
			return p.status
		}
	}
	return ""
}
