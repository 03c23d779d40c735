package passhash

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// cheap keeps the tests quick; the costs are in the hash, so Verify
// reads them back whatever they are.
var cheap = Params{Memory: 1024, Time: 1, Threads: 1}

func TestHashVerify(t *testing.T) {
	h, err := Hash("correct horse battery", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") || Check(h) != nil {
		t.Fatalf("hash %q: %v", h, Check(h))
	}
	if !Verify(h, "correct horse battery") {
		t.Error("the right password is refused")
	}
	for _, wrong := range []string{"", "correct horse batterY", "correct horse battery "} {
		if Verify(h, wrong) {
			t.Errorf("%q accepted", wrong)
		}
	}
	other, _ := Hash("correct horse battery", cheap)
	if other == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	b, err := bcrypt.GenerateFromPassword([]byte("pw from htpasswd"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if Check(string(b)) != nil || !Verify(string(b), "pw from htpasswd") || Verify(string(b), "pw") {
		t.Error("bcrypt hash not checked right")
	}
}

func TestCheckRefuses(t *testing.T) {
	good, _ := Hash("x", cheap)
	parts := strings.Split(good, "$")
	for _, bad := range []string{
		"", "plain-password", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$1$md5crypt$abc", "{SHA}abc=",
		"$argon2id$v=18$" + strings.Join(parts[3:], "$"),
		"$argon2id$v=19$m=99999999,t=1,p=1$" + strings.Join(parts[4:], "$"),
		"$argon2id$v=19$m=1024,t=1,p=1$!!$" + parts[5],
		"$2b$04$tooshort",
	} {
		if Check(bad) == nil {
			t.Errorf("Check(%q) accepted it", bad)
		}
		if Verify(bad, "x") {
			t.Errorf("Verify(%q) matched", bad)
		}
	}
	if !errors.Is(Check("plain-password"), ErrUnknownHash) {
		t.Error("a plain password is not called an unknown hash")
	}
}
