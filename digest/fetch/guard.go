package fetch

import (
	"errors"
	"fmt"
	"net/netip"
	"syscall"
)

// ErrBlocked is wrapped by every refusal of the guard: an address in a
// range the fetcher must not reach, or a scheme other than http and https.
var ErrBlocked = errors.New("blocked by fetch policy")

// blockedError names the address that was refused and why, so a source's
// last error tells its owner what to fix.
type blockedError struct {
	addr   netip.Addr
	reason string
}

func (e *blockedError) Error() string {
	return fmt.Sprintf("address %s blocked: %s", e.addr, e.reason)
}

func (e *blockedError) Unwrap() error { return ErrBlocked }

// Special ranges netip has no predicate for.
var (
	thisNetwork   = netip.MustParsePrefix("0.0.0.0/8")
	sharedAddress = netip.MustParsePrefix("100.64.0.0/10") // carrier-grade NAT
	reservedV4    = netip.MustParsePrefix("240.0.0.0/4")   // includes broadcast
	siteLocalV6   = netip.MustParsePrefix("fec0::/10")     // deprecated private
	nat64         = netip.MustParsePrefix("64:ff9b::/96")  // embeds an IPv4 address
	sixToFour     = netip.MustParsePrefix("2002::/16")     // embeds an IPv4 address
	metadataV4    = netip.MustParseAddr("169.254.169.254")
)

// guard decides which addresses a connection may be made to. It runs at
// dial time, on the address actually being connected to, so neither DNS
// (a public name resolving to 10.0.0.1) nor a redirect can route around it.
type guard struct {
	allowLoopback bool
	allowPrivate  bool

	// permit, when set, lets through addresses it returns true for before
	// any other rule. Tests use it to allow one loopback server only.
	permit func(netip.AddrPort) bool
}

// control is a net.Dialer Control function: it is called for every
// address the dialer tries, after resolution. Anything it cannot parse is
// refused, so the guard fails closed.
func (g *guard) control(network, address string, _ syscall.RawConn) error {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return fmt.Errorf("network %q: %w", network, ErrBlocked)
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("dial address %q: %w", address, ErrBlocked)
	}
	if g.permit != nil && g.permit(ap) {
		return nil
	}
	return g.check(ap.Addr())
}

// check returns a *blockedError for an address the options do not allow.
func (g *guard) check(addr netip.Addr) error {
	if reason := blockReason(addr, g.allowLoopback, g.allowPrivate); reason != "" {
		return &blockedError{addr: addr, reason: reason}
	}
	return nil
}

// blockReason says why addr must not be connected to, or "" if it may.
// IPv4-mapped and IPv4-embedding IPv6 forms are judged by the IPv4
// address inside them, which is where the packets end up.
func blockReason(addr netip.Addr, allowLoopback, allowPrivate bool) string {
	addr = addr.WithZone("")
	if !addr.IsValid() {
		return "invalid address"
	}
	if addr.Is4In6() {
		return blockReason(addr.Unmap(), allowLoopback, allowPrivate)
	}
	if v4, ok := embeddedIPv4(addr); ok {
		return blockReason(v4, allowLoopback, allowPrivate)
	}
	switch {
	case addr.IsUnspecified() || thisNetwork.Contains(addr):
		return "unspecified address"
	case addr.IsLoopback():
		if allowLoopback {
			return ""
		}
		return "loopback"
	case addr == metadataV4:
		return "link-local (cloud metadata service)"
	case addr.IsLinkLocalUnicast():
		return "link-local"
	case addr.IsMulticast():
		return "multicast"
	case addr.IsPrivate() || sharedAddress.Contains(addr) || siteLocalV6.Contains(addr):
		if allowPrivate {
			return ""
		}
		return "private network"
	case reservedV4.Contains(addr):
		return "reserved"
	}
	// What is left must be global unicast: for IPv6 within 2000::/3, and
	// for both outside every block the IANA special-purpose registries
	// mark as not globally reachable. An allow rule, so a range nobody
	// thought of is refused rather than reached.
	if addr.Is6() && !globalUnicastV6.Contains(addr) {
		return "not global unicast"
	}
	for _, p := range notGlobal {
		if p.prefix.Contains(addr) {
			return p.name
		}
	}
	return ""
}

// globalUnicastV6 is where IPv6 global unicast addresses are allocated.
var globalUnicastV6 = netip.MustParsePrefix("2000::/3")

// notGlobal are the blocks of the IANA IPv4 and IPv6 Special-Purpose
// Address Registries that are not globally reachable, less those the
// rules above already name (private, loopback, link-local, this network,
// reserved, and IPv6 outside 2000::/3).
var notGlobal = []struct {
	prefix netip.Prefix
	name   string
}{
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol assignments"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation (TEST-NET-1)"},
	{netip.MustParsePrefix("192.88.99.0/24"), "6to4 relay anycast (deprecated)"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation (TEST-NET-2)"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation (TEST-NET-3)"},
	{netip.MustParsePrefix("255.255.255.255/32"), "limited broadcast"},
	{netip.MustParsePrefix("2001::/23"), "IETF protocol assignments"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation"},
	{netip.MustParsePrefix("3fff::/20"), "documentation"},
}

// embeddedIPv4 extracts the IPv4 address carried by a NAT64 or 6to4
// address, which a gateway would forward to.
func embeddedIPv4(addr netip.Addr) (netip.Addr, bool) {
	if !addr.Is6() {
		return netip.Addr{}, false
	}
	b := addr.As16()
	switch {
	case nat64.Contains(addr):
		return netip.AddrFrom4([4]byte(b[12:16])), true
	case sixToFour.Contains(addr):
		return netip.AddrFrom4([4]byte(b[2:6])), true
	}
	return netip.Addr{}, false
}
