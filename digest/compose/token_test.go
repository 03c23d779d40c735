package compose

import (
	"net/url"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

func TestVerifyToken(t *testing.T) {
	secret := testSecret()
	jane := digest.Subscriber{ID: 42, Address: "Jane@Example.com"}
	token := Token(secret, jane)
	tampered := []byte(token)
	if tampered[5] == 'A' {
		tampered[5] = 'B'
	} else {
		tampered[5] = 'A'
	}
	tests := []struct {
		name   string
		secret []byte
		sub    digest.Subscriber
		token  string
		want   bool
	}{
		{"valid", secret, jane, token, true},
		{"address case ignored", secret, digest.Subscriber{ID: 42, Address: "jane@example.COM"}, token, true},
		{"tampered token", secret, jane, string(tampered), false},
		{"truncated token", secret, jane, token[:len(token)-1], false},
		{"other subscriber id", secret, digest.Subscriber{ID: 43, Address: jane.Address}, token, false},
		{"other address", secret, digest.Subscriber{ID: 42, Address: "john@example.com"}, token, false},
		{"other secret", []byte("another made-up secret of 32 byt"), jane, token, false},
		{"empty token", secret, jane, "", false},
		{"not base64url", secret, jane, "!!!" + token[3:], false},
		{"empty secret", nil, jane, Token(nil, jane), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := VerifyToken(tt.secret, tt.sub, tt.token); got != tt.want {
				t.Errorf("VerifyToken = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTokenSeparatesFields(t *testing.T) {
	// Without separators these two would MAC the same bytes.
	a := digest.Subscriber{ID: 1, Address: "2x@example.com"}
	b := digest.Subscriber{ID: 12, Address: "x@example.com"}
	if Token(testSecret(), a) == Token(testSecret(), b) {
		t.Error("tokens of different subscribers collide")
	}
}

func TestUnsubscribeURL(t *testing.T) {
	sub := digest.Subscriber{ID: 42, Address: "jane@example.com"}
	for _, base := range []string{"https://digest.example.org", "https://digest.example.org/", "https://example.org/news/"} {
		t.Run(base, func(t *testing.T) {
			raw := UnsubscribeURL(base, testSecret(), sub)
			u, err := url.Parse(raw)
			if err != nil {
				t.Fatal(err)
			}
			wantPath := strings.TrimSuffix(strings.TrimPrefix(base, "https://"+u.Host), "/") + "/unsubscribe"
			if u.Scheme != "https" || u.Path != wantPath {
				t.Errorf("url %q: path %q, want %q", raw, u.Path, wantPath)
			}
			q := u.Query()
			if len(q) != 2 || q.Get("s") != "42" || !VerifyToken(testSecret(), sub, q.Get("t")) {
				t.Errorf("url %q: query %v", raw, q)
			}
		})
	}
}
