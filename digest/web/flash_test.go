package web

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

func TestFlashRoundTrip(t *testing.T) {
	fl, err := newFlashes(false)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   flash
		want string
	}{
		{"ok", flash{Text: "Excluded “Tokyo”."}, "Excluded “Tokyo”."},
		{"error", flash{Error: true, Text: "no section \"x\""}, "no section \"x\""},
		{"long text is cut on a rune boundary", flash{Text: strings.Repeat("é", flashMax)}, strings.Repeat("é", flashMax/2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := httptest.NewRecorder()
			fl.set(set, httptest.NewRequest("POST", "/", nil), tt.in)
			req := httptest.NewRequest("GET", "/", nil)
			for _, c := range set.Result().Cookies() {
				req.AddCookie(c)
			}
			got, ok := fl.take(httptest.NewRecorder(), req)
			if !ok || got.Text != tt.want || got.Error != tt.in.Error {
				t.Errorf("take = %+v, %v; want %q (error %v)", got, ok, tt.want, tt.in.Error)
			}
		})
	}
}

func TestFlashRefusesForgery(t *testing.T) {
	fl, err := newFlashes(false)
	if err != nil {
		t.Fatal(err)
	}
	other, err := newFlashes(false)
	if err != nil {
		t.Fatal(err)
	}
	set := httptest.NewRecorder()
	other.set(set, httptest.NewRequest("POST", "/", nil), flash{Text: "Your session expired, log in at evil.example"})
	signedByOther := set.Result().Cookies()[0].Value
	payload, sig, _ := strings.Cut(signedByOther, ".")
	tests := []struct{ name, value string }{
		{"another key", signedByOther},
		{"no signature", payload},
		{"changed payload", payload + "x." + sig},
		{"garbage", "%%%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			req.AddCookie(&http.Cookie{Name: flashCookie, Value: tt.value})
			rec := httptest.NewRecorder()
			if got, ok := fl.take(rec, req); ok {
				t.Errorf("take accepted a forged flash: %+v", got)
			}
			// The bad cookie is cleared all the same.
			if c := rec.Result().Cookies(); len(c) != 1 || c[0].MaxAge >= 0 {
				t.Errorf("cookie not cleared: %v", c)
			}
		})
	}
}

// The flash cookie is Secure whenever the pages are behind TLS: over TLS
// directly, and when public_url is https, as behind its TLS proxy (before,
// only the first); not on a loopback name, where the desk is used over
// plain http on its own machine.
func TestFlashCookieSecure(t *testing.T) {
	tests := []struct {
		name  string
		https bool
		host  string
		tls   bool
		want  bool
	}{
		{"TLS to the server", false, "desk.example.org", true, true},
		{"https public_url, behind its proxy", true, "desk.example.org", false, true},
		{"https public_url, on loopback", true, "127.0.0.1:8080", false, false},
		{"https public_url, localhost", true, "localhost:8080", false, false},
		{"https public_url, IPv6 loopback", true, "[::1]:8080", false, false},
		{"http public_url", false, "desk.example.org", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fl, err := newFlashes(tt.https)
			if err != nil {
				t.Fatal(err)
			}
			req := httptest.NewRequest("POST", "/", nil)
			req.Host = tt.host
			if !tt.tls {
				req.TLS = nil
			} else if req.TLS == nil {
				req.TLS = &tls.ConnectionState{}
			}
			set := httptest.NewRecorder()
			fl.set(set, req, flash{Text: "Saved."})
			clear := httptest.NewRecorder()
			req.AddCookie(set.Result().Cookies()[0])
			fl.take(clear, req)
			for _, rec := range []*httptest.ResponseRecorder{set, clear} {
				if c := rec.Result().Cookies(); len(c) != 1 || c[0].Secure != tt.want {
					t.Errorf("cookie %v: want Secure %v", c, tt.want)
				}
			}
		})
	}
}

// The editors' face makes its cookie Secure when public_url is https.
func TestEditorFlashSecureBehindProxy(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f, func(o *EditorOptions) {
		o.PublicURL, o.Hosts, o.Token = "https://digest.example.org", []string{"desk.example.org"}, "the-right-token-0123456789"
	})
	it := inSection(t, view(t, f))
	rec := request{method: http.MethodPost, target: "/editions/" + f.EditionID + "/change", host: "desk.example.org",
		form:   url.Values{"article": {it.ArticleID}, "action": {"exclude"}},
		header: map[string]string{"Authorization": "Bearer the-right-token-0123456789", "Sec-Fetch-Site": "same-origin"}}.do(t, h, editorAddr)
	secure := map[string]bool{}
	for _, c := range rec.Result().Cookies() {
		secure[c.Name] = c.Secure
	}
	if !secure[flashCookie] || !secure[deviceCookie] {
		t.Errorf("%d: cookies %v, want a Secure flash and a Secure device cookie", rec.Code, rec.Result().Cookies())
	}
}
