package web

import (
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
)

// clients tells which client a request came from, for the limits keyed
// per client: the sign-up limits and the login throttle.
//
// Behind a reverse proxy every request comes from the proxy, so keying on
// the TCP peer would put everyone under one limit: five sign-ups an hour
// for the whole world, five wrong logins to lock out every editor. The
// proxies listed in trusted (web.trusted_proxies) are believed about
// whom they forwarded for: X-Forwarded-For, or when a request has none,
// the for= of RFC 7239 Forwarded, read right to left, the rightmost hop
// that is not a trusted proxy being the client. Anyone can send those
// headers, so a peer that is not trusted is the client, whatever it says;
// and a proxy must write (or append to) X-Forwarded-For, or strip it if
// it speaks Forwarded, or a client could choose its own key.
//
// An IPv6 client is keyed by its /64: one subscriber line gets a whole
// /64, so a single address would let one client be as many as it likes.
type clients struct {
	trusted []netip.Prefix
	// untrusted, when set, is told (once) of a request forwarded by a
	// private or loopback peer that trusted does not list: almost surely
	// the deployment's own proxy, left out of web.trusted_proxies.
	untrusted func(peer netip.Addr)
}

// untrustedProxyWarning returns a clients.untrusted that logs the mistake
// once: until it is fixed, everyone behind that proxy shares one set of
// limits and one login lockout.
func untrustedProxyWarning(log *slog.Logger) func(netip.Addr) {
	var once sync.Once
	return func(peer netip.Addr) {
		once.Do(func() {
			log.Warn("requests arrive through a proxy that web.trusted_proxies does not list: every client behind it "+
				"shares one sign-up limit and one login lockout; add it to web.trusted_proxies", "proxy", peer.String())
		})
	}
}

// of is the key of the request's client.
func (c clients) of(r *http.Request) string {
	peer, ok := parseHop(r.RemoteAddr)
	if !ok {
		return r.RemoteAddr
	}
	client := peer
	if c.untrusted != nil && !c.trusts(peer) && (peer.IsLoopback() || peer.IsPrivate()) && len(forwardedFor(r)) > 0 {
		c.untrusted(peer)
	}
	if c.trusts(peer) {
		hops := forwardedFor(r)
		for i := len(hops) - 1; i >= 0; i-- {
			hop, ok := parseHop(hops[i])
			if !ok {
				break // "unknown", or garbage: the last proxy is as far as we know
			}
			client = hop
			if !c.trusts(hop) {
				break
			}
		}
	}
	return clientKey(client)
}

func (c clients) trusts(a netip.Addr) bool {
	for _, p := range c.trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// clientKey is an IPv4 address, or the /64 of an IPv6 one.
func clientKey(a netip.Addr) string {
	if a.Is4() {
		return a.String()
	}
	return netip.PrefixFrom(a, 64).Masked().String()
}

// forwardedFor lists the hops a request passed through, the client that
// the first proxy saw first: X-Forwarded-For's, or else Forwarded's for=
// values, over every line of the header.
func forwardedFor(r *http.Request) []string {
	var hops []string
	for _, line := range r.Header.Values("X-Forwarded-For") {
		for _, h := range strings.Split(line, ",") {
			hops = append(hops, strings.TrimSpace(h))
		}
	}
	if len(hops) > 0 {
		return hops
	}
	for _, line := range r.Header.Values("Forwarded") {
		for _, element := range strings.Split(line, ",") {
			value := ""
			for _, pair := range strings.Split(element, ";") {
				if k, v, ok := strings.Cut(strings.TrimSpace(pair), "="); ok && strings.EqualFold(k, "for") {
					value = strings.Trim(v, `"`)
				}
			}
			hops = append(hops, value) // an element without for= is a hop we know nothing of
		}
	}
	return hops
}

// parseHop reads an address with or without a port, an IPv6 one with or
// without brackets; an IPv4-mapped IPv6 address is the IPv4 one.
func parseHop(s string) (netip.Addr, bool) {
	if a, err := netip.ParseAddr(strings.Trim(s, "[]")); err == nil {
		return a.Unmap().WithZone(""), true
	}
	host, _, err := net.SplitHostPort(s)
	if err != nil {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}
