package web

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// EditorOptions configure the editors' face.
type EditorOptions struct {
	// Addr is the address the listener binds, such as 127.0.0.1:8080. It
	// decides whether credentials are required (see RequireAuth) and which
	// Host headers a loopback listener answers to.
	Addr string
	// Hosts are further Host header values to answer, such as the name a
	// reverse proxy forwards. Every other Host is refused, which is what
	// defeats DNS rebinding.
	Hosts []string
	// Token is accepted as "Authorization: Bearer <token>", or as the
	// password of basic auth, so a browser can use it too.
	Token string
	// User and Password are accepted as basic auth: the shared secret,
	// one editor named User.
	User, Password string
	// Editors have their own names and password hashes (web.editors);
	// the history names whoever logs in.
	Editors []Editor
	// Templates holds web/*.tmpl; nil means the embedded templates.
	Templates fs.FS
	// Log receives server-side failures; nil discards them.
	Log *slog.Logger
	// Clock times the login throttle; nil is the system clock.
	Clock digest.Clock
	// PublicURL is the config's public_url: when it is https, the pages
	// are behind TLS and their cookie is Secure.
	PublicURL string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For or
	// Forwarded header names the client (web.trusted_proxies); nothing
	// is believed from anyone else. See clients.
	TrustedProxies []netip.Prefix
	// List is the newsletter's name, for the sign-up form's embed code.
	List string
	// Secret is the app's secret; the device cookies' key is derived
	// from it. nil makes a key good for this handler only.
	Secret []byte
}

// PublicOptions configure the public face.
type PublicOptions struct {
	// Addr is the address the listener binds, such as 127.0.0.1:8081.
	Addr string
	// PublicURL is where subscribers reach these pages, the config's
	// public_url; its host is answered along with Hosts.
	PublicURL string
	// Hosts are further Host header values to answer.
	Hosts []string
	// Templates holds web/*.tmpl; nil means the embedded templates.
	Templates fs.FS
	// Log receives server-side failures; nil discards them.
	Log *slog.Logger
	// Title is the newsletter's, for the archive's feed.
	Title string
	// Brand is how the newsletter presents itself: its name heads every
	// page, and the sign-up page shows its description and cadence.
	Brand digest.Brand
	// Logo is the brand's logo when the config names a file, served at
	// its Path for the pages and the mail; nil when it is a URL or none.
	Logo *Asset
	// Clock drives the sign-up limits; nil is the system clock.
	Clock digest.Clock
	// TrustedProxies are as EditorOptions'.
	TrustedProxies []netip.Prefix
	// Secret is the app's secret, the unsubscribe links' key, from which
	// the sign-up form's tokens take a key of their own; nil makes a
	// random one, good for this handler only.
	Secret []byte
}

// Asset is a file the public face serves as it is, read once at start.
type Asset struct {
	Path string // the URL path, such as /brand/logo.png
	File string
	Type string // its media type
}

// RequireAuth reports whether a listener on addr can be reached from other
// machines, so that the editors' face must ask for credentials. Only a
// loopback IP or the name localhost is exempt; anything that does not
// parse, an empty host (all interfaces) and any other name count as
// exposed, because a name may resolve anywhere.
func RequireAuth(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return true
	}
	return !isLoopback(host)
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// allowedHosts lists the Host header values a face answers: the loopback
// names of a loopback listener, the listener's own host when it names one,
// the host of each URL, and the extra hosts as given.
func allowedHosts(addr string, urls []string, extra []string) (map[string]bool, error) {
	hosts := make(map[string]bool)
	if addr != "" {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, fmt.Errorf("listen address %q: %w", addr, err)
		}
		if isLoopback(host) {
			for _, name := range []string{"localhost", "127.0.0.1", "::1"} {
				hosts[normalHost(net.JoinHostPort(name, port))] = true
			}
		}
		if ip := net.ParseIP(host); host != "" && (ip == nil || !ip.IsUnspecified()) {
			hosts[normalHost(net.JoinHostPort(host, port))] = true
		}
	}
	for _, raw := range urls {
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("public url %q: not an absolute url", raw)
		}
		hosts[normalHost(u.Host)] = true
		// Browsers leave a default port out of the Host header.
		if p := u.Port(); (p == "443" && u.Scheme == "https") || (p == "80" && u.Scheme == "http") {
			hosts[normalHost(u.Hostname())] = true
		}
	}
	for _, h := range extra {
		if h = strings.TrimSpace(h); h != "" {
			hosts[normalHost(h)] = true
		}
	}
	if len(hosts) == 0 {
		return nil, errors.New("no allowed host: listen on a named address or list the hosts to answer")
	}
	return hosts, nil
}

// normalHost makes Host values comparable: lower case, without the
// trailing dot of a fully qualified name.
func normalHost(h string) string {
	h = strings.ToLower(h)
	host, port, err := net.SplitHostPort(h)
	if err != nil {
		return strings.TrimSuffix(h, ".")
	}
	return net.JoinHostPort(strings.TrimSuffix(host, "."), port)
}
