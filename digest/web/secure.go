package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"

	"github.com/digest-newsletter/digest/digest/desk"
)

// The Content-Security-Policy of the pages: nothing runs, nothing loads but
// our own stylesheet and images, forms post only back here, and no other
// site may frame a page. There is no script at all, so script-src falls
// back to default-src 'none'.
const pageCSP = "default-src 'none'; style-src 'self'; img-src 'self' data: https:; " +
	"frame-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'"

// signupCSP is pageCSP for the sign-up form, which any site may frame:
// the desk offers an iframe of it to embed elsewhere. Framed, it is still
// this origin's form with its own token, limits and double opt-in, so a
// page that tricks someone into sending it only mails them a link.
var signupCSP = strings.Replace(pageCSP, "frame-ancestors 'self'", "frame-ancestors *", 1)

// framable lets other sites frame what next serves (see signupCSP).
func framable(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", signupCSP)
		next(w, r)
	}
}

// emailCSP is for an edition's email HTML shown to editors in an iframe.
// Mail HTML styles itself inline, so inline styles are allowed, and
// nothing else: no script, no form, and a sandbox even when the document
// is opened on its own.
const emailCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; " +
	"form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox"

// archiveCSP is emailCSP for an edition's web copy on the public face,
// which is a page of its own and is framed by no one.
const archiveCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https:; " +
	"form-action 'none'; frame-ancestors 'none'; base-uri 'none'; sandbox"

// secureHeaders sets the headers every response carries, refusals
// included. A handler that serves other content may replace the policy.
func secureHeaders(cacheControl string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", pageCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cache-Control", cacheControl)
		next.ServeHTTP(w, r)
	})
}

// checkHost refuses a request whose Host header is not one this face
// answers. A page on an attacker's domain that re-resolves its name to
// 127.0.0.1 (DNS rebinding) still sends its own name as Host, so it is
// stopped here before it can read or change anything.
func checkHost(allowed map[string]bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed[normalHost(r.Host)] {
			plain(w, http.StatusMisdirectedRequest, "this server does not answer for that host name")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// credentials are the secrets the editors' face accepts. They are kept as
// SHA-256 digests so that comparing them takes the same time whatever the
// length or content of the guess.
type credentials struct {
	token    *[32]byte
	user     *[32]byte
	password *[32]byte
	// userName is the shared user, which the history records.
	userName string
	// editors are the people with their own passwords (web.editors).
	editors *editorLogins
}

func newCredentials(token, user, password string, editors *editorLogins) credentials {
	c := credentials{editors: editors}
	if token != "" {
		c.token = digestOf(token)
	}
	if user != "" || password != "" {
		c.user, c.password, c.userName = digestOf(user), digestOf(password), user
	}
	return c
}

func (c credentials) empty() bool { return c.token == nil && c.user == nil && c.editors == nil }

// allow reports whether the request carries valid credentials, and
// names the person: an editor's name and password as basic auth (that
// editor), the shared user and password (that user), or the token as a
// bearer token or as the basic-auth password under any user name (a
// browser cannot send a bearer token by itself), which is one editor
// called "editor" whatever name is typed.
func (c credentials) allow(r *http.Request) (string, bool) {
	auth := r.Header.Get("Authorization")
	if scheme, token, ok := strings.Cut(auth, " "); ok && strings.EqualFold(scheme, "Bearer") {
		return sharedEditor, c.token != nil && same(c.token, strings.TrimSpace(token)) == 1
	}
	user, password, ok := r.BasicAuth()
	if !ok {
		return "", false
	}
	if c.editors.has(user) {
		return user, c.editors.check(user, password)
	}
	if c.user != nil && (same(c.user, user)&same(c.password, password)) == 1 {
		return c.userName, true
	}
	if c.token != nil && same(c.token, password) == 1 {
		return sharedEditor, true
	}
	// An unknown name costs what an editor's does (see editorLogins).
	c.editors.check(user, password)
	return "", false
}

// requireAuth lets in a request with valid credentials and answers 401
// to any other, except that a client that failed too often lately gets
// 429 whatever it sends, the right secret included: otherwise the right
// secret's 200 would stand out among the 429s, and the lockout would not
// slow a guesser at all. A client is its address (see clients), or, for
// a browser that has logged in before, its device cookie: an editor's
// browser is never locked out by somebody else's failures. It is not
// installed at all when no credentials are configured, which NewEditor
// allows only on loopback.
func requireAuth(c credentials, t *throttle, cl clients, dev *devices, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		client := cl.of(r)
		id, known := dev.of(r)
		if known {
			client = "device " + id
		}
		if wait := t.wait(client); wait > 0 {
			w.Header().Set("Retry-After", retryAfter(wait))
			plain(w, http.StatusTooManyRequests, "too many failed logins: try again later")
			return
		}
		if name, ok := c.allow(r); ok {
			if !known {
				dev.issue(w, r)
			}
			next.ServeHTTP(w, r.WithContext(desk.WithEditor(r.Context(), name)))
			return
		}
		if r.Header.Get("Authorization") != "" {
			t.failed(r, client)
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="digest editors", charset="UTF-8"`)
		plain(w, http.StatusUnauthorized, "authorization required")
	})
}

// checkSecrets refuses an editors' token or password too short to
// withstand guessing.
func checkSecrets(token, password string) error {
	for _, s := range []struct{ name, v string }{{"DIGEST_PREVIEW_TOKEN", token}, {"DIGEST_PREVIEW_PASSWORD", password}} {
		if s.v != "" && len([]rune(s.v)) < minSecretLength {
			return fmt.Errorf("%s is %d characters: use at least %d random ones (for example: openssl rand -base64 24)",
				s.name, len([]rune(s.v)), minSecretLength)
		}
	}
	return nil
}

func digestOf(s string) *[32]byte {
	d := sha256.Sum256([]byte(s))
	return &d
}

// same compares a secret with a guess in constant time; it returns an int
// so that two comparisons can be combined without a short circuit.
func same(secret *[32]byte, guess string) int {
	d := sha256.Sum256([]byte(guess))
	return subtle.ConstantTimeCompare(secret[:], d[:])
}

// crossOrigin refuses unsafe requests that a browser marks as coming from
// another site, which is what a CSRF attack is. Requests from tools that
// send neither Sec-Fetch-Site nor Origin pass; they still need
// credentials where credentials are required.
func crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		plain(w, http.StatusForbidden, "cross-origin request refused")
	}))
	return cop.Handler(next)
}

// plain writes a short text response, for refusals that happen before a
// page could be rendered.
func plain(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(msg + "\n"))
}
