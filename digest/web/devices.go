package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// deviceCookie marks a browser that has logged in to the desk before.
//
// A throttle that refuses a locked-out client only its wrong guesses lets
// that client go on guessing at full speed: the right secret's 200 stands
// out among the 429s. So a locked-out client is refused whatever it
// sends. What keeps that from locking editors out with a guesser who
// shares their address (a proxy not listed in web.trusted_proxies, one
// office's NAT) is this cookie, the "device cookie" of OWASP's guidance
// on slowing online guessing: a browser that carries a valid one is
// throttled on its own failures alone, under its own key, never the
// address's.
const deviceCookie = "digest_device"

// deviceLabel derives the cookies' key from the app's secret and the
// editors' credentials, so the cookies outlive a restart and die with a
// change of either. The app's secret is what makes the key secret: the
// editors' password hashes sit in a config file that is copied and
// backed up, and a key made from them alone would let its reader mint
// cookies, each with a fresh lockout count.
const deviceLabel = "digest editors' device cookie v1"

type devices struct {
	key []byte
	fl  *flashes // decides Secure, as for the flash cookie
}

func newDevices(secret []byte, c credentials, fl *flashes) (*devices, error) {
	if len(secret) == 0 {
		// No app secret (a test's face): a key of this process only.
		secret = make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return nil, fmt.Errorf("device key: %w", err)
		}
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(deviceLabel))
	for _, h := range []*[32]byte{c.token, c.user, c.password} {
		if h == nil {
			mac.Write([]byte{0})
			continue
		}
		mac.Write([]byte{1})
		mac.Write(h[:])
	}
	if c.editors != nil {
		for _, name := range slices.Sorted(maps.Keys(c.editors.hashes)) {
			mac.Write([]byte(name + "\x00" + c.editors.hashes[name] + "\x00"))
		}
	}
	return &devices{key: mac.Sum(nil), fl: fl}, nil
}

// of returns the device the request's cookie names, if it is valid.
func (d *devices) of(r *http.Request) (string, bool) {
	c, err := r.Cookie(deviceCookie)
	if err != nil {
		return "", false
	}
	id, sig, ok := strings.Cut(c.Value, ".")
	if !ok || id == "" || !hmac.Equal([]byte(sig), []byte(d.sign(id))) {
		return "", false
	}
	return id, true
}

// issue gives a browser that just logged in its cookie.
func (d *devices) issue(w http.ResponseWriter, r *http.Request) {
	raw := make([]byte, 16)
	rand.Read(raw)
	id := base64.RawURLEncoding.EncodeToString(raw)
	http.SetCookie(w, &http.Cookie{Name: deviceCookie, Value: id + "." + d.sign(id), Path: "/",
		MaxAge: 365 * 24 * 3600, HttpOnly: true, Secure: d.fl.secure(r), SameSite: http.SameSiteStrictMode})
}

func (d *devices) sign(id string) string {
	mac := hmac.New(sha256.New, d.key)
	mac.Write([]byte(id))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}
