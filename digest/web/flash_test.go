package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestFlashRoundTrip(t *testing.T) {
	fl, err := newFlashes()
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
	fl, err := newFlashes()
	if err != nil {
		t.Fatal(err)
	}
	other, err := newFlashes()
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
