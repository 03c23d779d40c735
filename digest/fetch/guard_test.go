package fetch

import (
	"errors"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

func TestBlockReason(t *testing.T) {
	tests := []struct {
		addr          string
		allowLoopback bool
		allowPrivate  bool
		want          string // "" means allowed
	}{
		{addr: "10.0.0.1", want: "private network"},
		{addr: "172.16.5.4", want: "private network"},
		{addr: "192.168.1.1", want: "private network"},
		{addr: "100.64.0.7", want: "private network"},
		{addr: "fc00::1", want: "private network"},
		{addr: "fd12:3456::1", want: "private network"},
		{addr: "169.254.169.254", want: "link-local (cloud metadata service)"},
		{addr: "169.254.10.1", want: "link-local"},
		{addr: "fe80::1", want: "link-local"},
		{addr: "fe80::1%eth0", want: "link-local"},
		{addr: "127.0.0.1", want: "loopback"},
		{addr: "127.8.9.10", want: "loopback"},
		{addr: "::1", want: "loopback"},
		{addr: "::ffff:127.0.0.1", want: "loopback"},
		{addr: "::ffff:10.0.0.1", want: "private network"},
		{addr: "::ffff:169.254.169.254", want: "link-local (cloud metadata service)"},
		{addr: "64:ff9b::7f00:1", want: "loopback"},
		{addr: "2002:a9fe:a9fe::1", want: "link-local (cloud metadata service)"},
		{addr: "0.0.0.0", want: "unspecified address"},
		{addr: "0.1.2.3", want: "unspecified address"},
		{addr: "::", want: "unspecified address"},
		{addr: "224.0.0.1", want: "multicast"},
		{addr: "ff02::1", want: "multicast"},
		{addr: "255.255.255.255", want: "reserved"},
		{addr: "93.184.216.34", want: ""},
		{addr: "2606:4700::1", want: ""},
		{addr: "::ffff:93.184.216.34", want: ""},
		{addr: "127.0.0.1", allowLoopback: true, want: ""},
		{addr: "::ffff:127.0.0.1", allowLoopback: true, want: ""},
		{addr: "10.0.0.1", allowLoopback: true, want: "private network"},
		{addr: "10.0.0.1", allowPrivate: true, want: ""},
		{addr: "fc00::1", allowPrivate: true, want: ""},
		{addr: "127.0.0.1", allowPrivate: true, want: "loopback"},
		{addr: "169.254.169.254", allowLoopback: true, allowPrivate: true, want: "link-local (cloud metadata service)"},
		{addr: "fe80::1", allowLoopback: true, allowPrivate: true, want: "link-local"},
		{addr: "0.0.0.0", allowLoopback: true, allowPrivate: true, want: "unspecified address"},
	}
	for _, tt := range tests {
		addr := netip.MustParseAddr(tt.addr)
		if got := blockReason(addr, tt.allowLoopback, tt.allowPrivate); got != tt.want {
			t.Errorf("blockReason(%s, loopback %v, private %v) = %q, want %q",
				tt.addr, tt.allowLoopback, tt.allowPrivate, got, tt.want)
		}
	}
}

func TestGuardControl(t *testing.T) {
	g := &guard{}
	tests := []struct {
		network, address string
		wantBlocked      bool
	}{
		{"tcp4", "93.184.216.34:443", false},
		{"tcp6", "[2606:4700::1]:80", false},
		{"tcp4", "169.254.169.254:80", true},
		{"tcp6", "[::ffff:127.0.0.1]:80", true},
		{"tcp4", "not-an-address:80", true}, // fails closed
		{"udp4", "93.184.216.34:53", true},  // only TCP is dialed
	}
	for _, tt := range tests {
		err := g.control(tt.network, tt.address, nil)
		if got := errors.Is(err, ErrBlocked); got != tt.wantBlocked {
			t.Errorf("control(%s, %s) = %v, want blocked: %v", tt.network, tt.address, err, tt.wantBlocked)
		}
	}
}

func TestGetBlocksLoopbackUnlessAllowed(t *testing.T) {
	srv, hits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {})
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		url  string
	}{
		{name: "address", url: srv.URL + "/feed"},
		{name: "hostname resolving to loopback", url: "http://localhost:" + port + "/feed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			opts.AllowLoopback = false
			_, err := New(opts).Get(testContext(t), Request{URL: tt.url})
			if !errors.Is(err, ErrBlocked) {
				t.Fatalf("error %v, want ErrBlocked", err)
			}
			if fe := fetchError(t, err); fe.Temporary {
				t.Errorf("a blocked address is not temporary: %v", err)
			}
			if msg := err.Error(); !strings.Contains(msg, "blocked") || !strings.Contains(msg, "loopback") {
				t.Errorf("error %q should say the address was blocked as loopback", msg)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("server saw %d requests, want none", n)
	}
}

func TestGetBlocksRedirectToLoopback(t *testing.T) {
	target, targetHits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("internal secrets"))
	})
	first, firstHits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/admin", http.StatusFound)
	})
	firstPort := serverPort(t, first.URL)

	// The guard treats the first server as if it were public: its port,
	// and only its port, is let through.
	opts := testOptions()
	opts.AllowLoopback = false
	f := newFetcher(opts, &guard{permit: func(ap netip.AddrPort) bool { return ap.Port() == firstPort }})

	_, err := f.Get(testContext(t), Request{URL: first.URL + "/feed"})
	if !errors.Is(err, ErrBlocked) {
		t.Fatalf("error %v, want ErrBlocked", err)
	}
	if msg := err.Error(); !strings.Contains(msg, target.URL) || !strings.Contains(msg, "loopback") {
		t.Errorf("error %q should name the redirect target and why it was blocked", msg)
	}
	if firstHits.Load() != 1 || targetHits.Load() != 0 {
		t.Errorf("first server saw %d requests, target %d; want 1 and 0", firstHits.Load(), targetHits.Load())
	}
}

func TestGetRefusesOtherSchemes(t *testing.T) {
	for _, raw := range []string{
		"file:///etc/passwd",
		"ftp://ftp.example.org/feed.xml",
		"gopher://example.org/",
		"javascript:alert(1)",
		"/relative/feed.xml",
	} {
		_, err := New(testOptions()).Get(testContext(t), Request{URL: raw})
		if !errors.Is(err, ErrBlocked) {
			t.Errorf("Get(%q): error %v, want ErrBlocked", raw, err)
		}
	}
}

func TestGetRefusesRedirectToOtherScheme(t *testing.T) {
	srv, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	_, err := New(testOptions()).Get(testContext(t), Request{URL: srv.URL})
	if !errors.Is(err, ErrBlocked) {
		t.Errorf("error %v, want ErrBlocked", err)
	}
}

// A proxy from the environment would make the connection on the
// fetcher's behalf, beyond the dial guard; it must not be used. net/http
// reads the proxy variables once per process, so the fetch runs in a
// child process that starts with them set.
func TestGetIgnoresEnvironmentProxy(t *testing.T) {
	if os.Getenv(proxyChildEnv) == "1" {
		// Loopback is allowed so that the proxy, were it used, could be
		// reached; the private target is blocked at dial, so no packet
		// leaves the machine.
		_, err := New(testOptions()).Get(testContext(t), Request{URL: "http://10.0.0.1/feed"})
		if !errors.Is(err, ErrBlocked) {
			t.Fatalf("error %v, want ErrBlocked", err)
		}
		return
	}
	proxy, proxyHits := countingServer(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("via proxy"))
	})
	cmd := exec.CommandContext(testContext(t), os.Args[0], "-test.run=^TestGetIgnoresEnvironmentProxy$", "-test.count=1")
	cmd.Env = append(os.Environ(), proxyChildEnv+"=1",
		"HTTP_PROXY="+proxy.URL, "http_proxy="+proxy.URL, "NO_PROXY=", "no_proxy=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("child process: %v\n%s", err, out)
	}
	if n := proxyHits.Load(); n != 0 {
		t.Errorf("proxy saw %d requests, want none", n)
	}
}

const proxyChildEnv = "FETCH_TEST_PROXY_CHILD"

func serverPort(t *testing.T, raw string) uint16 {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	port, err := strconv.ParseUint(u.Port(), 10, 16)
	if err != nil {
		t.Fatal(err)
	}
	return uint16(port)
}

// Every block of the IANA special-purpose registries that is not globally
// reachable is refused (a sample address in each, written here from the
// registries, not from the guard's table), and so is IPv6 outside global
// unicast; public addresses, and 6to4 or NAT64 forms of them, pass.
func TestSpecialPurposeRegistries(t *testing.T) {
	blocked := []string{
		// IPv4 Special-Purpose Address Registry, Globally Reachable: False.
		"0.0.0.1", "10.1.2.3", "100.64.0.1", "127.0.0.2", "169.254.1.1", "172.16.5.4",
		"192.0.0.1", "192.0.0.170", "192.0.2.55", "192.88.99.1", "192.168.1.1",
		"198.18.0.1", "198.19.255.254", "198.51.100.7", "203.0.113.9", "240.0.0.1", "255.255.255.255",
		// And multicast.
		"224.0.0.1", "239.255.255.250",
		// IPv6 Special-Purpose Address Registry, Globally Reachable: False.
		"::1", "::", "::ffff:10.0.0.1", "64:ff9b:1::1", "100::1", "2001::1", "2001:2::1",
		"2001:10::1", "2001:db8::1", "3fff::1", "5f00::1", "fc00::1", "fd12:3456::1", "fe80::1",
		// Forms that hide an address: IPv4-compatible (deprecated),
		// IPv4-translated, NAT64 and 6to4 of private ones.
		"::10.0.0.1", "::ffff:0:10.0.0.1", "64:ff9b::10.0.0.1", "2002:a00:1::1",
		// Outside global unicast altogether, multicast included.
		"ff02::1", "4000::1", "8000::1",
	}
	for _, s := range blocked {
		if blockReason(netip.MustParseAddr(s), false, false) == "" {
			t.Errorf("%s is let through", s)
		}
	}
	for _, s := range []string{"8.8.8.8", "1.1.1.1", "93.184.215.14", "2606:4700::1111", "2a00:1450:4001::200e",
		"64:ff9b::8.8.8.8", "2002:808:808::1", "::ffff:8.8.8.8"} {
		if r := blockReason(netip.MustParseAddr(s), false, false); r != "" {
			t.Errorf("%s is refused: %s", s, r)
		}
	}
}

// Whatever the address, the guard answers (never panics), and whatever it
// lets through is global unicast: public IPv4, or IPv6 in 2000::/3 whose
// embedded IPv4, if any, is public too.
func FuzzBlockReason(f *testing.F) {
	f.Add([]byte{8, 8, 8, 8})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1})
	f.Add([]byte{0x20, 0x02, 10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		addr, ok := netip.AddrFromSlice(b)
		if !ok {
			return
		}
		if blockReason(addr, false, false) != "" {
			return
		}
		a := addr.Unmap()
		if !a.IsGlobalUnicast() || a.IsPrivate() || a.IsLoopback() {
			t.Fatalf("%s let through: not public global unicast", addr)
		}
		if a.Is6() && !globalUnicastV6.Contains(a) {
			t.Fatalf("%s let through: outside 2000::/3", addr)
		}
		if v4, ok := embeddedIPv4(a); ok && blockReason(v4, false, false) != "" {
			t.Fatalf("%s let through: it embeds %s", addr, v4)
		}
	})
}

// CheckURL applies the dial guard's rule to a URL before it is saved.
func TestCheckURL(t *testing.T) {
	for _, tt := range []struct {
		url             string
		loopback, allow bool
		reason          string
		bad             bool
	}{
		{url: "https://news.example/feed"},
		{url: "http://203.0.113.9/feed", reason: "documentation (TEST-NET-3)"},
		{url: "http://10.1.2.3/feed", reason: "private network"},
		{url: "http://10.1.2.3/feed", allow: true},
		{url: "http://127.0.0.1:8080/feed", reason: "loopback"},
		{url: "http://localhost/feed", reason: "loopback"},
		{url: "http://[::1]/feed", reason: "loopback"},
		{url: "http://127.0.0.1:8080/feed", loopback: true},
		{url: "http://169.254.169.254/latest", loopback: true, allow: true, reason: "link-local (cloud metadata service)"},
		{url: "ftp://news.example/feed", bad: true},
		{url: "news.example/feed", bad: true},
		{url: "https://", bad: true},
	} {
		err := CheckURL(tt.url, tt.loopback, tt.allow)
		_, reason := BlockedReason(err)
		switch {
		case tt.bad && err == nil:
			t.Errorf("%s: accepted", tt.url)
		case !tt.bad && reason != tt.reason:
			t.Errorf("%s: refused for %q (%v), want %q", tt.url, reason, err, tt.reason)
		}
	}
}
