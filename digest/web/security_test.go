package web

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

func TestRequireAuth(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", false},
		{"127.0.0.2:8080", false},
		{"[::1]:8080", false},
		{"localhost:8080", false},
		{"LocalHost:8080", false},
		{"0.0.0.0:8080", true},
		{"[::]:8080", true},
		{":8080", true},
		{"192.168.1.10:8080", true},
		{"digest.example.org:8080", true},
		{"localhost.example.org:8080", true},
		{"127.0.0.1", true}, // no port: does not parse, so treated as exposed
		{"", true},
	}
	for _, tt := range tests {
		if got := RequireAuth(tt.addr); got != tt.want {
			t.Errorf("RequireAuth(%q) = %v, want %v", tt.addr, got, tt.want)
		}
	}
}

func TestNewEditorRefusesExposedWithoutCredentials(t *testing.T) {
	f := desktest.New(t)
	tests := []struct {
		name string
		o    EditorOptions
		ok   bool
	}{
		{"loopback, no credentials", EditorOptions{Addr: "127.0.0.1:8080"}, true},
		{"all interfaces, no credentials", EditorOptions{Addr: "0.0.0.0:8080", Hosts: []string{"desk.example.org"}}, false},
		{"named host, no credentials", EditorOptions{Addr: "desk.example.org:8080"}, false},
		{"all interfaces, token", EditorOptions{Addr: "0.0.0.0:8080", Hosts: []string{"desk.example.org"}, Token: "t0ken-long-enough-xx"}, true},
		{"all interfaces, basic auth", EditorOptions{Addr: "0.0.0.0:8080", Hosts: []string{"desk.example.org"}, User: "ed", Password: "pw-long-enough-xxx"}, true},
		{"user without password", EditorOptions{Addr: "0.0.0.0:8080", Hosts: []string{"desk.example.org"}, User: "ed"}, false},
		{"password without user", EditorOptions{Addr: "127.0.0.1:8080", Password: "pw"}, false},
		{"all interfaces, no host to answer", EditorOptions{Addr: "0.0.0.0:8080", Token: "t0ken-long-enough-xx"}, false},
		{"bad address", EditorOptions{Addr: "nonsense", Token: "t0ken-long-enough-xx"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewEditor(f.Desk, tt.o)
			if (err == nil) != tt.ok {
				t.Errorf("NewEditor(%+v) error = %v, want ok %v", tt.o, err, tt.ok)
			}
			if err != nil && (strings.Contains(err.Error(), "t0ken") || strings.Contains(err.Error(), "pw")) {
				t.Errorf("error %q shows a secret", err)
			}
		})
	}
}

func TestEditorAuth(t *testing.T) {
	f := desktest.New(t)
	exposed := newEditor(t, f, func(o *EditorOptions) {
		o.Addr, o.Hosts, o.Token, o.User, o.Password = "0.0.0.0:8080", []string{"desk.example.org"}, "s3cret-token-long-enough", "ed", "pa55-long-enough-xx"
	})
	loopbackWithToken := newEditor(t, f, func(o *EditorOptions) { o.Token = "s3cret-token-long-enough" })
	basic := func(user, pw string) string {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pw))
	}
	tests := []struct {
		name   string
		h      http.Handler
		host   string
		auth   string
		status int
	}{
		{"no credentials", exposed, "desk.example.org", "", 401},
		{"right bearer token", exposed, "desk.example.org", "Bearer s3cret-token-long-enough", 200},
		{"wrong bearer token", exposed, "desk.example.org", "Bearer s3cret-token-long-enougH", 401},
		{"token prefix", exposed, "desk.example.org", "Bearer s3cret", 401},
		{"empty bearer token", exposed, "desk.example.org", "Bearer ", 401},
		{"right basic auth", exposed, "desk.example.org", basic("ed", "pa55-long-enough-xx"), 200},
		{"wrong password", exposed, "desk.example.org", basic("ed", "pa56-long-enough-xx"), 401},
		{"wrong user", exposed, "desk.example.org", basic("eve", "pa55-long-enough-xx"), 401},
		{"token as basic password", exposed, "desk.example.org", basic("anyone", "s3cret-token-long-enough"), 200},
		{"other scheme", exposed, "desk.example.org", "Digest s3cret-token", 401},
		{"configured token is required on loopback too", loopbackWithToken, editorAddr, "", 401},
		{"token on loopback", loopbackWithToken, editorAddr, "Bearer s3cret-token-long-enough", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rq := request{target: "/", host: tt.host, header: map[string]string{}}
			if tt.auth != "" {
				rq.header["Authorization"] = tt.auth
			}
			rec := rq.do(t, tt.h, tt.host)
			if rec.Code != tt.status {
				t.Fatalf("GET / with %q = %d, want %d", tt.auth, rec.Code, tt.status)
			}
			if tt.status == 401 {
				if !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Basic ") {
					t.Errorf("401 without a Basic challenge: %q", rec.Header().Get("WWW-Authenticate"))
				}
				if strings.Contains(rec.Body.String(), "s3cret") {
					t.Error("the refusal shows the secret")
				}
			}
		})
	}
}

func TestHostChecked(t *testing.T) {
	f := desktest.New(t)
	editor := newEditor(t, f, func(o *EditorOptions) { o.Hosts = []string{"Desk.Example.org"} })
	public := newPublic(t, f)
	tests := []struct {
		name   string
		h      http.Handler
		target string
		host   string
		status int
	}{
		{"editor: own address", editor, "/", "127.0.0.1:8080", 200},
		{"editor: localhost", editor, "/", "localhost:8080", 200},
		{"editor: localhost, any case", editor, "/", "LOCALHOST:8080", 200},
		{"editor: ipv6 loopback", editor, "/", "[::1]:8080", 200},
		{"editor: an extra host", editor, "/", "desk.example.org", 200},
		{"editor: rebinding name", editor, "/", "attacker.example:8080", 421},
		{"editor: loopback, other port", editor, "/", "127.0.0.1:9999", 421},
		{"editor: no host", editor, "/", "", 421},
		{"public: public url host", public, "/archive", "digest.example.org", 200},
		{"public: public url host with dot", public, "/archive", "digest.example.org.", 200},
		{"public: own address", public, "/archive", "127.0.0.1:8081", 200},
		{"public: rebinding name", public, "/archive", "attacker.example", 421},
		{"public: the editors' port", public, "/archive", "127.0.0.1:8080", 421},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := request{target: tt.target}
			rec := req.do(t, tt.h, tt.host)
			if rec.Code != tt.status {
				t.Fatalf("GET %s with Host %q = %d, want %d", tt.target, tt.host, rec.Code, tt.status)
			}
			if tt.status == 421 && rec.Header().Get("Content-Security-Policy") == "" {
				t.Error("the refusal has no Content-Security-Policy")
			}
		})
	}
	// A refused Host changes nothing either.
	item := inSection(t, view(t, f))
	rec := request{method: http.MethodPost, target: "/editions/" + f.EditionID + "/change", host: "attacker.example:8080",
		form: url.Values{"article": {item.ArticleID}, "action": {"exclude"}}}.do(t, editor, editorAddr)
	if rec.Code != 421 {
		t.Errorf("POST with a rebinding Host = %d, want 421", rec.Code)
	}
	if s := view(t, f).Status; s != "draft" {
		t.Errorf("status = %q after a refused POST", s)
	}
	for _, it := range view(t, f).Items {
		if it.ArticleID == item.ArticleID && it.Excluded {
			t.Error("a refused POST excluded the article")
		}
	}
}

func TestSecurityHeadersEverywhere(t *testing.T) {
	f := desktest.New(t)
	editor := newEditor(t, f)
	authed := newEditor(t, f, func(o *EditorOptions) { o.Token = "tok-long-enough-xxx" })
	public := newPublic(t, f)
	sub := f.Subscribers[0]
	page := "/editions/" + f.EditionID
	tests := []struct {
		name   string
		h      http.Handler
		host   string
		rq     request
		status int
		csp    string
		cache  string
	}{
		{"editions", editor, editorAddr, request{target: "/"}, 200, pageCSP, "no-store"},
		{"edition", editor, editorAddr, request{target: page}, 200, pageCSP, "no-store"},
		{"email iframe", editor, editorAddr, request{target: page + "/email.html"}, 200, emailCSP, "no-store"},
		{"json", editor, editorAddr, request{target: page + "/edition.json"}, 200, pageCSP, "no-store"},
		{"text", editor, editorAddr, request{target: page + "/edition.txt"}, 200, pageCSP, "no-store"},
		{"results", editor, editorAddr, request{target: page + "/results"}, 200, pageCSP, "no-store"},
		{"results: unknown", editor, editorAddr, request{target: "/editions/nope/results"}, 404, pageCSP, "no-store"},
		{"results: unauthorized", authed, editorAddr, request{target: page + "/results"}, 401, pageCSP, "no-store"},
		{"style", editor, editorAddr, request{target: "/static/style.css"}, 200, pageCSP, "public, max-age=3600"},
		{"not found", editor, editorAddr, request{target: "/editions/nope"}, 404, pageCSP, "no-store"},
		{"no route", editor, editorAddr, request{target: "/nope/nope/nope"}, 404, pageCSP, "no-store"},
		{"wrong method", editor, editorAddr, request{method: http.MethodPut, target: page}, 405, pageCSP, "no-store"},
		{"bad host", editor, "evil.example", request{target: "/"}, 421, pageCSP, "no-store"},
		{"unauthorized", authed, editorAddr, request{target: "/"}, 401, pageCSP, "no-store"},
		{"cross origin", editor, editorAddr, request{method: http.MethodPost, target: page + "/approve",
			header: map[string]string{"Sec-Fetch-Site": "cross-site"}}, 403, pageCSP, "no-store"},
		{"bad input", editor, editorAddr, request{method: http.MethodPost, target: page + "/change",
			form: url.Values{"action": {"x"}}}, 400, pageCSP, "no-store"},
		{"archive", public, publicAddr, request{target: "/archive"}, 200, pageCSP, "no-cache"},
		{"archive: unknown", public, publicAddr, request{target: "/archive/nope"}, 404, pageCSP, "no-store"},
		{"unsubscribe page", public, publicAddr, request{target: unsubscribeURL(f, sub)}, 200, pageCSP, "no-store"},
		{"unsubscribe: bad token", public, publicAddr, request{target: "/unsubscribe?s=1&t=x"}, 403, pageCSP, "no-store"},
		{"public root", public, publicAddr, request{target: "/"}, 302, pageCSP, "no-store"},
		{"public style", public, publicAddr, request{target: "/static/style.css"}, 200, pageCSP, "public, max-age=3600"},
		{"public bad host", public, "evil.example", request{target: "/archive"}, 421, pageCSP, "no-store"},
		{"click: counting off", public, publicAddr, request{target: "/r/" + f.EditionID + "/1"}, 404, pageCSP, "no-store"},
		{"click: POST", public, publicAddr, request{method: http.MethodPost, target: "/r/" + f.EditionID + "/1"}, 405, pageCSP, "no-store"},
		{"preview: bad key", public, publicAddr, request{target: "/preview/" + f.EditionID + "?k=1.x"}, 403, pageCSP, "no-store"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := tt.rq.do(t, tt.h, tt.host)
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d", rec.Code, tt.status)
			}
			hd := rec.Header()
			if got := hd.Get("Content-Security-Policy"); got != tt.csp {
				t.Errorf("Content-Security-Policy = %q, want %q", got, tt.csp)
			}
			for name, want := range map[string]string{
				"X-Content-Type-Options": "nosniff",
				"Referrer-Policy":        "no-referrer",
				"Cache-Control":          tt.cache,
			} {
				if got := hd.Get(name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}

func TestPoliciesSayWhatTheyMust(t *testing.T) {
	tests := []struct {
		name   string
		policy string
		want   []string
		not    []string
	}{
		{"pages", pageCSP, []string{"default-src 'none'", "style-src 'self'", "img-src 'self' data: https:",
			"frame-src 'self'", "form-action 'self'", "frame-ancestors 'self'", "base-uri 'none'"},
			[]string{"unsafe-inline", "script-src"}},
		{"email", emailCSP, []string{"default-src 'none'", "style-src 'unsafe-inline'", "frame-ancestors 'self'", "sandbox"},
			[]string{"script-src", "allow-scripts"}},
		{"archive", archiveCSP, []string{"default-src 'none'", "style-src 'unsafe-inline'", "frame-ancestors 'none'", "sandbox"},
			[]string{"script-src", "allow-scripts"}},
	}
	for _, tt := range tests {
		for _, w := range tt.want {
			if !strings.Contains(tt.policy, w) {
				t.Errorf("%s policy lacks %q", tt.name, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(tt.policy, n) {
				t.Errorf("%s policy has %q", tt.name, n)
			}
		}
	}
}

// The editors' GET routes added for results refuse a request without
// credentials, with credentials on the exposed face, as "/" does.
func TestEditorReadRoutesNeedCredentials(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f, func(o *EditorOptions) {
		o.Addr, o.Hosts, o.Token = "0.0.0.0:8080", []string{"desk.example.org"}, "s3cret-token-long-enough"
	})
	for _, target := range []string{"/editions/" + f.EditionID + "/results"} {
		for _, tt := range []struct {
			auth string
			want int
		}{{"", 401}, {"Bearer wrong-token-long-enough-x", 401}, {"Bearer s3cret-token-long-enough", 200}} {
			rq := request{target: target, host: "desk.example.org", header: map[string]string{}}
			if tt.auth != "" {
				rq.header["Authorization"] = tt.auth
			}
			if rec := rq.do(t, h, "desk.example.org"); rec.Code != tt.want {
				t.Errorf("GET %s with %q = %d, want %d", target, tt.auth, rec.Code, tt.want)
			}
		}
	}
}

func TestEditorCrossOriginRefused(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	item := inSection(t, view(t, f))
	page := "/editions/" + f.EditionID
	exclude := url.Values{"article": {item.ArticleID}, "action": {"exclude"}}
	tests := []struct {
		name   string
		target string
		form   url.Values
		header map[string]string
		status int
	}{
		{"change from another site", page + "/change", exclude, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"change from a sibling site", page + "/change", exclude, map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"change, old browser, other origin", page + "/change", exclude, map[string]string{"Origin": "https://attacker.example"}, 403},
		{"approve from another site", page + "/approve", url.Values{}, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"test copy from another site", page + "/test", url.Values{"address": {"eve@example.net"}},
			map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"add a source from another site", "/sources", url.Values{"kind": {"feed"}, "url": {"https://evil.example/rss"}},
			map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"try a source from another site", "/sources/try", url.Values{"kind": {"feed"}, "url": {"https://evil.example/rss"}},
			map[string]string{"Origin": "https://attacker.example"}, 403},
		{"edit a source from another site", "/sources/0123456789abcdef/edit", url.Values{"name": {"x"}},
			map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"pause a source from another site", "/sources/0123456789abcdef/pause", url.Values{}, map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
		{"resume a source from another site", "/sources/0123456789abcdef/resume", url.Values{}, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"remove a source from another site", "/sources/0123456789abcdef/remove", url.Values{}, map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := request{method: http.MethodPost, target: tt.target, form: tt.form, header: tt.header}.do(t, h, editorAddr)
			if rec.Code != tt.status {
				t.Fatalf("POST %s = %d, want %d", tt.target, rec.Code, tt.status)
			}
		})
	}
	v := view(t, f)
	if v.Status != "draft" {
		t.Errorf("status = %q after refused requests, want draft", v.Status)
	}
	for _, it := range v.Items {
		if it.ArticleID == item.ArticleID && it.Excluded {
			t.Error("a cross-origin POST excluded the article")
		}
	}
	// The same form from the page itself goes through.
	rec := request{method: http.MethodPost, target: page + "/change", form: exclude,
		header: map[string]string{"Sec-Fetch-Site": "same-origin"}}.do(t, h, editorAddr)
	if rec.Code != http.StatusSeeOther {
		t.Errorf("same-origin POST = %d, want 303", rec.Code)
	}
}
