package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

func TestClientKey(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8:ff::/48")}
	tests := []struct {
		name    string
		trusted []netip.Prefix
		peer    string
		headers map[string][]string
		want    string
	}{
		{"no proxy", nil, "198.51.100.7:4000", nil, "198.51.100.7"},
		{"no proxy trusted: headers ignored", nil, "198.51.100.7:4000",
			map[string][]string{"X-Forwarded-For": {"203.0.113.9"}}, "198.51.100.7"},
		{"an untrusted peer cannot choose its key", proxies, "198.51.100.7:4000",
			map[string][]string{"X-Forwarded-For": {"203.0.113.9"}}, "198.51.100.7"},
		{"behind the proxy", proxies, "10.0.0.1:4000",
			map[string][]string{"X-Forwarded-For": {"203.0.113.9"}}, "203.0.113.9"},
		{"right to left, past trusted hops; a spoofed first entry is ignored", proxies, "10.0.0.1:4000",
			map[string][]string{"X-Forwarded-For": {"6.6.6.6, 203.0.113.9, 10.0.0.2"}}, "203.0.113.9"},
		{"over several header lines", proxies, "10.0.0.1:4000",
			map[string][]string{"X-Forwarded-For": {"6.6.6.6", "203.0.113.9, 10.9.9.9"}}, "203.0.113.9"},
		{"every hop trusted: the first", proxies, "10.0.0.1:4000",
			map[string][]string{"X-Forwarded-For": {"10.1.1.1, 10.0.0.2"}}, "10.1.1.1"},
		{"garbage: the proxy", proxies, "10.0.0.1:4000",
			map[string][]string{"X-Forwarded-For": {"not-an-address"}}, "10.0.0.1"},
		{"no header: the proxy", proxies, "10.0.0.1:4000", nil, "10.0.0.1"},
		{"a port on the hop", proxies, "10.0.0.1:4000",
			map[string][]string{"X-Forwarded-For": {"203.0.113.9:5555"}}, "203.0.113.9"},
		{"Forwarded for=", proxies, "10.0.0.1:4000",
			map[string][]string{"Forwarded": {`for=6.6.6.6, for=203.0.113.9;proto=https;by=10.0.0.1`}}, "203.0.113.9"},
		{"Forwarded IPv6 with a port, by /64", proxies, "10.0.0.1:4000",
			map[string][]string{"Forwarded": {`For="[2001:db8:cafe:1:2:3:4:5]:4711"`}}, "2001:db8:cafe:1::/64"},
		{"Forwarded unknown: the proxy", proxies, "10.0.0.1:4000",
			map[string][]string{"Forwarded": {`for=unknown`}}, "10.0.0.1"},
		{"X-Forwarded-For wins over Forwarded", proxies, "10.0.0.1:4000",
			map[string][]string{"X-Forwarded-For": {"203.0.113.9"}, "Forwarded": {"for=6.6.6.6"}}, "203.0.113.9"},
		{"IPv6 peer by /64", nil, "[2001:db8:1:2:aaaa::1]:4000", nil, "2001:db8:1:2::/64"},
		{"an IPv6 proxy", proxies, "[2001:db8:ff::3]:443",
			map[string][]string{"X-Forwarded-For": {"2001:db8:1:2:bbbb::9"}}, "2001:db8:1:2::/64"},
		{"IPv4-mapped IPv6 is IPv4", proxies, "[::ffff:10.0.0.1]:4000",
			map[string][]string{"X-Forwarded-For": {"::ffff:203.0.113.9"}}, "203.0.113.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.peer
			for k, vs := range tt.headers {
				for _, v := range vs {
					r.Header.Add(k, v)
				}
			}
			if got := (clients{trusted: tt.trusted}).of(r); got != tt.want {
				t.Errorf("client = %s, want %s", got, tt.want)
			}
		})
	}
}

// viaProxy sends a request through the TLS proxy at 10.0.0.1, on behalf
// of client.
func viaProxy(t *testing.T, h http.Handler, rq request, host, client string) *httptest.ResponseRecorder {
	t.Helper()
	req := rq.build(t, host)
	req.RemoteAddr = "10.0.0.1:40000"
	req.Header.Set("X-Forwarded-For", client)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var proxy = []netip.Prefix{netip.MustParsePrefix("10.0.0.1/32")}

// Behind the proxy, the sign-up limits are each client's own: six people
// sign up through it in an hour (before, the sixth was refused, as all
// shared the proxy's limit), one of them six times is held up, and an
// IPv6 client is one client for its whole /64.
func TestSignupLimitsBehindProxy(t *testing.T) {
	f := desktest.New(t)
	h, err := NewPublic(f.Desk, PublicOptions{Addr: publicAddr, PublicURL: desktest.PublicURL, Clock: f.Clock, TrustedProxies: proxy,
		Secret: f.Secret})
	if err != nil {
		t.Fatal(err)
	}
	form := func(i int, client string) request {
		key := client
		if a := netip.MustParseAddr(client); a.Is6() {
			key = clientKey(a)
		}
		return filled(f, key, url.Values{"email": {"p" + string(rune('a'+i)) + "@example.com"}})
	}
	for i := range signupsPerClient + 1 {
		client := "203.0.113." + string(rune('1'+i))
		if rec := viaProxy(t, h, form(i, client), publicAddr, client); rec.Code != http.StatusAccepted {
			t.Errorf("client %d through the proxy = %d, want 202", i, rec.Code)
		}
	}
	codes := map[int]int{}
	for i := range signupsPerClient + 1 {
		client := "2001:db8:1:2::" + string(rune('a'+i))
		codes[viaProxy(t, h, form(i, client), publicAddr, client).Code]++
	}
	if codes[http.StatusAccepted] != signupsPerClient || codes[http.StatusTooManyRequests] != 1 {
		t.Errorf("one /64 through the proxy: %v, want %d accepted and 1 refused", codes, signupsPerClient)
	}
	if rec := viaProxy(t, h, form(0, "2001:db8:1:3::1"), publicAddr, "2001:db8:1:3::1"); rec.Code != http.StatusAccepted {
		t.Errorf("the next /64 = %d, want 202", rec.Code)
	}
}

// Behind the proxy, one client's wrong guesses hold up that client's
// wrong guesses only: another editor gets in, and so does the right
// secret from the guesser's own address (before, five bad logins locked
// out every editor, with the right secret too).
func TestLoginBehindProxy(t *testing.T) {
	f := desktest.New(t)
	const token = "the-right-token-0123456789"
	h := newEditor(t, f, func(o *EditorOptions) {
		o.Token, o.Clock, o.TrustedProxies = token, f.Clock, proxy
	})
	login := func(client, tok string) int {
		return viaProxy(t, h, request{target: "/", header: map[string]string{"Authorization": "Bearer " + tok}}, editorAddr, client).Code
	}
	for range 3 * freeFailures {
		login("198.51.100.7", "a-wrong-guess")
	}
	if got := login("198.51.100.7", "another-guess"); got != http.StatusTooManyRequests {
		t.Errorf("the guesser's next wrong guess = %d, want 429", got)
	}
	if got := login("203.0.113.5", token); got != http.StatusOK {
		t.Errorf("another editor behind the same proxy = %d, want 200", got)
	}
	if got := login("203.0.113.5", "a-typo"); got != http.StatusUnauthorized {
		t.Errorf("another editor's typo = %d, want 401, not the guesser's 429", got)
	}
	if got := login("198.51.100.7", token); got != http.StatusTooManyRequests {
		t.Errorf("the right secret from the guesser's address = %d, want 429 (its lockout must not tell a hit)", got)
	}
}

// A request forwarded by a private or loopback peer that
// web.trusted_proxies does not list is almost surely the deployment's own
// proxy left out: that is said once in the log, with how to fix it, and
// the peer stays the client, since only listed proxies are believed.
func TestUntrustedProxyIsReportedOnce(t *testing.T) {
	var logs bytes.Buffer
	c := clients{untrusted: untrustedProxyWarning(slog.New(slog.NewTextHandler(&logs, nil)))}
	for range 3 {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = "10.0.0.1:40000"
		r.Header.Set("X-Forwarded-For", "203.0.113.9")
		if got := c.of(r); got != "10.0.0.1" {
			t.Errorf("client %q, want the untrusted peer", got)
		}
	}
	direct := httptest.NewRequest(http.MethodGet, "/", nil)
	direct.RemoteAddr = "198.51.100.4:40000"
	direct.Header.Set("X-Forwarded-For", "203.0.113.9") // a public client's own header: no proxy of ours
	c.of(direct)
	if n := strings.Count(logs.String(), "web.trusted_proxies does not list"); n != 1 {
		t.Errorf("%d warnings, want 1:\n%s", n, logs.String())
	}
	if !strings.Contains(logs.String(), "proxy=10.0.0.1") {
		t.Errorf("the warning does not name the proxy:\n%s", logs.String())
	}
}
