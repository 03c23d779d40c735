package digest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
)

// ErrErased is returned when an address that was erased at its owner's
// request would be put on the list again: by an add, an import, the
// config or a sign-up.
var ErrErased = errors.New("erased at their request")

// ErrListChanged is returned when an import is applied to a list that
// is no longer what its preview read: nothing is written.
var ErrListChanged = errors.New("the list changed since the preview")

// erasureLabel separates the erasure key from the other keys derived
// from the app secret (the unsubscribe links', bounces.Key).
const erasureLabel = "digest erasure v1"

// ErasureKey derives the key of AddressHash from the app secret (the
// unsubscribe links' secret, from DIGEST_UNSUBSCRIBE_SECRET or kept in
// the database).
//
// Why keyed: an email address is easy to guess, so a plain SHA-256 of
// it is as good as the address to anyone holding a list of candidates
// (a leaked backup would confirm who was erased). Keyed by a secret that
// lives outside the database when DIGEST_UNSUBSCRIBE_SECRET is set, the
// hash says nothing without it. The price: changing that secret forgets
// who was erased (their hashes no longer match), as it already breaks
// every unsubscribe link, so it is not done lightly.
func ErasureKey(secret []byte) []byte {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(erasureLabel))
	return mac.Sum(nil)
}

// AddressHash is what an erased address leaves behind: HMAC-SHA-256 of
// the address as stored (trimmed, lower case, as the list compares
// addresses), in hex.
func AddressHash(key []byte, address string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(strings.ToLower(strings.TrimSpace(address))))
	return hex.EncodeToString(mac.Sum(nil))
}
