package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// A sign-up form carries a token of when it was served and to whom,
// signed, and a submission is taken only between minFillTime and
// maxFormAge after it (Mailman's SUBSCRIBE_FORM_SECRET, with no third
// party): a bot that posts at once, or posts a form it never fetched, or
// one fetched elsewhere, is refused. The token is bound to the client
// (see clients), so one fetched form is not a pass for a crowd of
// addresses; the per-client limits bound what one client does with its
// own.
const (
	minFillTime = 3 * time.Second
	maxFormAge  = time.Hour
	// formTokenLabel derives the tokens' key from the app's secret, so
	// the key is shared by the instances that share the secret and used
	// for nothing else.
	formTokenLabel = "digest sign-up form token v1"
)

// formTokenField is the form field that carries the token.
const formTokenField = "form_token"

// formTokens makes and checks the sign-up form's tokens.
type formTokens struct {
	key []byte
	now func() time.Time
}

// newFormTokens derives the key from secret; with no secret (a face
// built for tests), from a random one, so tokens work for that handler
// only.
func newFormTokens(secret []byte, now func() time.Time) (*formTokens, error) {
	if len(secret) == 0 {
		secret = make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return nil, fmt.Errorf("form token key: %w", err)
		}
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(formTokenLabel))
	return &formTokens{key: mac.Sum(nil), now: now}, nil
}

// issue is a token for a form served now to client.
func (ft *formTokens) issue(client string) string {
	ts := strconv.FormatInt(ft.now().Unix(), 10)
	return ts + "." + ft.sign(ts, client)
}

// valid reports whether token was issued by this site to client, at
// least minFillTime and at most maxFormAge ago.
func (ft *formTokens) valid(token, client string) bool {
	ts, sig, ok := strings.Cut(token, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(ft.sign(ts, client))) {
		return false
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	age := ft.now().Sub(time.Unix(sec, 0))
	return age >= minFillTime && age <= maxFormAge
}

func (ft *formTokens) sign(ts, client string) string {
	mac := hmac.New(sha256.New, ft.key)
	mac.Write([]byte(ts))
	mac.Write([]byte{0})
	mac.Write([]byte(client))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}
