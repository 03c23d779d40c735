package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"strings"
	"unicode/utf8"
)

const (
	flashCookie = "digest_flash"
	// flashMax keeps the cookie well under the 4 KB browsers allow.
	flashMax = 1024
)

// flash is a one-time message shown on the page an action redirects to:
// what was done, or why it failed.
type flash struct {
	Error bool
	Text  string
}

// flashes carries a flash across the redirect that follows a POST
// (post/redirect/get) in a cookie. The cookie is signed with a key made
// when the handler is, so that nobody can plant a message of their own on
// an editor's page; a restart merely drops a message in flight.
type flashes struct {
	key []byte
	// https says the pages are reached over TLS (public_url is https),
	// which a TLS proxy in front ends before the request gets here.
	https bool
}

func newFlashes(https bool) (*flashes, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("flash key: %w", err)
	}
	return &flashes{key: key, https: https}, nil
}

// secure says whether the cookie is Secure: when the request came over
// TLS, and when public_url is https, so behind the TLS proxy that implies
// too; but not for a request to a loopback name (the desk used on its
// own machine over plain http, where a browser may drop a Secure cookie,
// and whose cookie no other host sees).
func (fl *flashes) secure(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	return fl.https && !isLoopback(strings.Trim(host, "[]"))
}

// set stores f for the next page the browser loads.
func (fl *flashes) set(w http.ResponseWriter, r *http.Request, f flash) {
	text := f.Text
	if len(text) > flashMax {
		text = text[:flashMax]
		for !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
	}
	kind := "ok"
	if f.Error {
		kind = "error"
	}
	payload := base64.RawURLEncoding.EncodeToString([]byte(kind + "\x00" + text))
	http.SetCookie(w, &http.Cookie{
		Name:     flashCookie,
		Value:    payload + "." + fl.sign(payload),
		Path:     "/",
		HttpOnly: true,
		Secure:   fl.secure(r),
		SameSite: http.SameSiteStrictMode,
		MaxAge:   60,
	})
}

// pending is take for a page: the flash to show, or nil.
func (fl *flashes) pending(w http.ResponseWriter, r *http.Request) *flash {
	if f, ok := fl.take(w, r); ok {
		return &f
	}
	return nil
}

// take returns the pending flash, if any, and clears it so a reload does
// not show it again. A cookie with a bad signature is dropped silently.
func (fl *flashes) take(w http.ResponseWriter, r *http.Request) (flash, bool) {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return flash{}, false
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: fl.secure(r), SameSite: http.SameSiteStrictMode})
	payload, sig, ok := strings.Cut(c.Value, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(fl.sign(payload))) {
		return flash{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return flash{}, false
	}
	kind, text, ok := strings.Cut(string(raw), "\x00")
	if !ok || text == "" {
		return flash{}, false
	}
	return flash{Error: kind == "error", Text: text}, true
}

func (fl *flashes) sign(payload string) string {
	mac := hmac.New(sha256.New, fl.key)
	mac.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}
