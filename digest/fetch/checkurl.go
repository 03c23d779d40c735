package fetch

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"
)

// CheckURL is the guard's rule applied to a source's URL before it is
// saved (from the config file or the desk): http or https, a host, and
// no address the fetcher would refuse to dial. Only a literal address
// (or "localhost") can be judged here; a name that resolves to a refused
// address is still stopped at dial time. Refusals wrap ErrBlocked.
func CheckURL(raw string, allowLoopback, allowPrivate bool) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return fmt.Errorf("%q is not a URL: %w", raw, ErrBadURL)
	}
	if err := checkScheme(u); err != nil {
		return err
	}
	host := u.Hostname()
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		host = "127.0.0.1"
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return nil // a name: judged where it resolves
	}
	g := guard{allowLoopback: allowLoopback, allowPrivate: allowPrivate}
	return g.check(addr)
}

// ErrBadURL: what was given is not an absolute URL with a host.
var ErrBadURL = errors.New("not an absolute URL")

// BlockedReason is the address the guard refused in err and why
// ("loopback", "private network"…); "" when err is no such refusal.
func BlockedReason(err error) (addr, reason string) {
	var b *blockedError
	if errors.As(err, &b) {
		return b.addr.String(), b.reason
	}
	return "", ""
}
