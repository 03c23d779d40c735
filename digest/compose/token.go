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
// body and in List-Unsubscribe: {publicURL}/unsubscribe?s=<id>&t=<token>.
// The web handler serves both the page (GET) and RFC 8058 one-click
// (POST) there.
func UnsubscribeURL(publicURL string, secret []byte, sub digest.Subscriber) string {
	return strings.TrimRight(publicURL, "/") + "/unsubscribe?s=" +
		strconv.FormatInt(sub.ID, 10) + "&t=" + Token(secret, sub)
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
// {publicURL}/subscribe/confirm?s=<id>&e=<unix expiry>&t=<token>.
func ConfirmURL(publicURL string, secret []byte, sub digest.Subscriber, nonce string, expires time.Time) string {
	return strings.TrimRight(publicURL, "/") + "/subscribe/confirm?s=" + strconv.FormatInt(sub.ID, 10) +
		"&e=" + strconv.FormatInt(expires.Unix(), 10) + "&t=" + ConfirmToken(secret, sub, nonce, expires)
}
