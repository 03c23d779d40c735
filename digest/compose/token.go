package compose

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"

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
