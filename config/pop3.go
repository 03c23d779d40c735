package config

import (
	"fmt"
	"net"
	"time"
)

// validatePOP3 checks mail.bounces.pop3 when a host is set: a known TLS
// mode, the password in the clear only to a loopback host, one bounce
// mailbox at a time.
func validatePOP3(b Bounces) []problem {
	p := b.POP3
	if p.Host == "" {
		return nil
	}
	var ps []problem
	ip := net.ParseIP(p.Host)
	if ip == nil && !isHostName(p.Host) {
		ps = append(ps, problem{"mail.bounces.pop3.host", fmt.Sprintf("%q is not a host name, such as pop.example.org", p.Host)})
	}
	if p.Port < 0 || p.Port > 65535 {
		ps = append(ps, problem{"mail.bounces.pop3.port", fmt.Sprintf("%d is not a port: 1 to 65535, or 0 for the default", p.Port)})
	}
	switch p.TLS {
	case "tls", "starttls":
	case "none":
		if ip == nil || !ip.IsLoopback() {
			ps = append(ps, problem{"mail.bounces.pop3.tls", "none sends the password unencrypted and is only for a loopback host such as 127.0.0.1; use tls or starttls"})
		}
	default:
		ps = append(ps, problem{"mail.bounces.pop3.tls", fmt.Sprintf("%q must be tls, starttls or none", p.TLS)})
	}
	if p.User == "" {
		ps = append(ps, problem{"mail.bounces.pop3.user", "is needed with a host"})
	}
	if p.Every < time.Minute {
		ps = append(ps, problem{"mail.bounces.pop3.every", "must be a duration of at least 1m, such as 15m"})
	}
	if p.ForgetAfter < 24*time.Hour {
		ps = append(ps, problem{"mail.bounces.pop3.forget_after", "must be a duration of at least 24h, such as 720h"})
	}
	if b.IMAP.Addr != "" {
		ps = append(ps, problem{"mail.bounces.pop3.host", "one bounce mailbox at a time: set mail.bounces.imap.addr or mail.bounces.pop3.host, not both"})
	}
	return ps
}
