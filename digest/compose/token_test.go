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

func TestParseRef(t *testing.T) {
	ref := strings.Repeat("0a", 16)
	tests := []struct {
		in     string
		id     int64
		public string
		ok     bool
	}{
		{ref, 0, ref, true},
		{"13", 13, "", true},
		{"9223372036854775806", 9223372036854775806, "", true},
		{"0", 0, "", false},
		{"-1", 0, "", false},
		{"", 0, "", false},
		{strings.ToUpper(ref), 0, "", false},
		{ref[:31], 0, "", false},
		{ref + "0", 0, "", false},
		{"one", 0, "", false},
	}
	for _, tt := range tests {
		id, public, ok := ParseRef(tt.in)
		if id != tt.id || public != tt.public || ok != tt.ok {
			t.Errorf("ParseRef(%q) = %d, %q, %v; want %d, %q, %v", tt.in, id, public, ok, tt.id, tt.public, tt.ok)
		}
	}
	// A link names a subscriber by reference when there is one.
	sub := digest.Subscriber{ID: 13, PublicID: ref, Address: "a@example.org"}
	if got := UnsubscribeURL("https://x.example", testSecret(), sub); !strings.Contains(got, "?s="+ref+"&") {
		t.Errorf("link %s", got)
	}
}
