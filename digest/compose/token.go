package compose

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Token authorises an unsubscribe request for one subscriber without a
// login: an HMAC-SHA256 over the purpose, the id and the lower-cased
// address, NUL-separated so no two inputs share a MAC. Binding the address
// means a token stops working if the row is reused for another address.
func Token(secret []byte, sub digest.Subscriber) string {
	return base64.RawURLEncoding.EncodeToString(tokenMAC(secret, sub))
}

// VerifyToken checks a token from an unsubscribe link in constant time.
// An empty secret never verifies, so a misconfigured server cannot accept
// tokens anyone could compute.
func VerifyToken(secret []byte, sub digest.Subscriber, token string) bool {
	if len(secret) == 0 {
		return false
	}
	got, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return false
	}
	return hmac.Equal(got, tokenMAC(secret, sub))
}

func tokenMAC(secret []byte, sub digest.Subscriber) []byte {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte("unsubscribe"))
	mac.Write([]byte{0})
	mac.Write([]byte(strconv.FormatInt(sub.ID, 10)))
	mac.Write([]byte{0})
	mac.Write([]byte(strings.ToLower(sub.Address)))
	return mac.Sum(nil)
}

// UnsubscribeURL is the subscriber's personal link, used in the message
// body and in List-Unsubscribe: {publicURL}/unsubscribe?s=<ref>&t=<token>.
// The web handler serves both the page (GET) and RFC 8058 one-click
// (POST) there.
func UnsubscribeURL(publicURL string, secret []byte, sub digest.Subscriber) string {
	return strings.TrimRight(publicURL, "/") + "/unsubscribe?s=" + Ref(sub) + "&t=" + Token(secret, sub)
}

// Ref is how a link names a subscriber: by their random reference, so a
// link tells nothing of the list's size or growth. A subscriber without
// one (a test copy) is named by the row id, as links did before; those
// links, in messages already sent, keep working, for the token is the
// same.
func Ref(sub digest.Subscriber) string {
	if sub.PublicID != "" {
		return sub.PublicID
	}
	return strconv.FormatInt(sub.ID, 10)
}

// ParseRef reads a link's subscriber: a reference (PublicIDLength lower
// hex digits), or a positive row id from a link made before references.
// ok is false for anything else: a link cut short or typed wrong.
func ParseRef(ref string) (id int64, publicID string, ok bool) {
	if len(ref) == digest.PublicIDLength && strings.Trim(ref, "0123456789abcdef") == "" {
		return 0, ref, true
	}
	id, err := strconv.ParseInt(ref, 10, 64)
	if err != nil || id <= 0 {
		return 0, "", false
	}
	return id, "", true
}

// ConfirmToken authorises a sign-up confirmation: an HMAC over its
// purpose, the subscriber, the nonce of this one link and its expiry,
// so a link works once (the store forgets the nonce when it is used),
// never after expires, and never for another address.
func ConfirmToken(secret []byte, sub digest.Subscriber, nonce string, expires time.Time) string {
	return base64.RawURLEncoding.EncodeToString(confirmMAC(secret, sub, nonce, expires))
}

// VerifyConfirmToken checks a confirmation token in constant time; an
// empty secret or nonce never verifies.
func VerifyConfirmToken(secret []byte, sub digest.Subscriber, nonce string, expires time.Time, token string) bool {
	if len(secret) == 0 || nonce == "" {
		return false
	}
	got, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return false
	}
	return hmac.Equal(got, confirmMAC(secret, sub, nonce, expires))
}

func confirmMAC(secret []byte, sub digest.Subscriber, nonce string, expires time.Time) []byte {
	mac := hmac.New(sha256.New, secret)
	for _, part := range []string{"confirm", strconv.FormatInt(sub.ID, 10), strings.ToLower(sub.Address), nonce,
		strconv.FormatInt(expires.Unix(), 10)} {
		mac.Write([]byte(part))
		mac.Write([]byte{0})
	}
	return mac.Sum(nil)
}

// ConfirmURL is the link a sign-up confirmation carries:
// {publicURL}/subscribe/confirm?s=<ref>&e=<unix expiry>&t=<token>.
func ConfirmURL(publicURL string, secret []byte, sub digest.Subscriber, nonce string, expires time.Time) string {
	return strings.TrimRight(publicURL, "/") + "/subscribe/confirm?s=" + Ref(sub) +
		"&e=" + strconv.FormatInt(expires.Unix(), 10) + "&t=" + ConfirmToken(secret, sub, nonce, expires)
}
