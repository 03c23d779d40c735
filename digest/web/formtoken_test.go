package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

var formTokenRE = regexp.MustCompile(`name="form_token" value="([^"]+)"`)

// The sign-up form takes a submission only with a token it served to the
// same client between minFillTime and maxFormAge before. A bot that
// posts at once, posts a form it never fetched, forges or borrows a
// token, or replays an old one is refused, every time with the same
// answer, which says nothing of why; a person sends the form again.
func TestSignupFormToken(t *testing.T) {
	f := desktest.New(t)
	h := newSignupFace(t, f)
	served := func() string {
		t.Helper()
		m := formTokenRE.FindStringSubmatch(request{target: "/subscribe"}.do(t, h, publicAddr).Body.String())
		if m == nil {
			t.Fatal("the form carries no token")
		}
		return m[1]
	}
	post := func(token string) (int, string) {
		// A face of its own each time (the same key): five tries an
		// hour from one client are all the limits allow.
		rec := request{method: http.MethodPost, target: "/subscribe",
			form: url.Values{"email": {"bot@example.com"}, formTokenField: {token}}}.do(t, newSignupFace(t, f), publicAddr)
		return rec.Code, formTokenRE.ReplaceAllString(rec.Body.String(), "TOKEN")
	}
	token := served()
	code, refusal := post(token) // at once
	if code != http.StatusBadRequest || !strings.Contains(refusal, formRefusal) {
		t.Fatalf("a form sent at once = %d, want 400 asking to send it again", code)
	}
	f.Clock.Set(f.Clock.Now().Add(minFillTime))
	other, err := newFormTokens(f.Secret, f.Clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	old := served()
	for _, tt := range []struct{ name, token string }{
		{"none", ""},
		{"forged", token[:len(token)-2] + "xx"},
		{"another client's", other.issue("198.51.100.7")},
		{"with another key", func() string {
			k, _ := newFormTokens([]byte("another secret"), f.Clock.Now)
			return k.issue(testClient)
		}()},
		{"not a token", "1.2.3"},
	} {
		if code, body := post(tt.token); code != http.StatusBadRequest || body != refusal {
			t.Errorf("%s token = %d, want the same refusal", tt.name, code)
		}
	}
	f.Clock.Set(f.Clock.Now().Add(maxFormAge + time.Second))
	if code, body := post(old); code != http.StatusBadRequest || body != refusal {
		t.Errorf("a token older than %s = %d, want the same refusal", maxFormAge, code)
	}
	if n := queued(t, f, "bot@example.com"); n != 0 {
		t.Fatalf("refused forms queued %d sign-ups", n)
	}
	// The token served a while ago, by the form or by a refusal, works.
	f.Clock.Set(f.Clock.Now().Add(-maxFormAge))
	if code, _ := post(token); code != http.StatusAccepted {
		t.Errorf("a token filled in for %s = %d, want 202", maxFormAge, code)
	}
	if n := queued(t, f, "bot@example.com"); n != 1 {
		t.Errorf("%d sign-ups queued, want 1", n)
	}
}

// The JSON API keeps CORS and needs no token, but it shares the form's
// limits: a bot that leaves the form for the API gains nothing.
func TestAPISharesTheFormsLimits(t *testing.T) {
	f := desktest.New(t)
	h := newSignupFace(t, f)
	api := func(addr string) int {
		return request{method: http.MethodPost, target: "/api/subscribe", header: map[string]string{"Content-Type": "application/json"},
			body: `{"email":"` + addr + `"}`}.do(t, h, publicAddr).Code
	}
	for i := range signupsPerClient - 1 {
		if rec := signupForm(f, "f"+string(rune('a'+i))+"@example.com").do(t, h, publicAddr); rec.Code != http.StatusAccepted {
			t.Fatalf("form sign-up %d = %d", i, rec.Code)
		}
	}
	if got := api("last@example.com"); got != http.StatusAccepted {
		t.Fatalf("the API's first = %d, want 202", got)
	}
	if got := api("one-more@example.com"); got != http.StatusTooManyRequests {
		t.Errorf("the API past the form's %d = %d, want 429", signupsPerClient, got)
	}
	if rec := signupForm(f, "form-again@example.com").do(t, h, publicAddr); rec.Code != http.StatusTooManyRequests {
		t.Errorf("the form after the API = %d, want 429", rec.Code)
	}
}
