package config

import (
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/passhash"
	"golang.org/x/crypto/bcrypt"
)

// An editor's password hash must be argon2id or bcrypt: anything else
// (a plain password, an md5-crypt, an argon2i) stops the config at load
// with the field and its line named.
func TestEditorsHashesCheckedAtLoad(t *testing.T) {
	argon, err := passhash.Hash("a-long-enough-password", passhash.Params{Memory: 1024, Time: 1, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	bc, err := bcrypt.GenerateFromPassword([]byte("a-long-enough-password"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	good := "web:\n  editors:\n    - name: aiko\n      password_hash: '" + argon + "'\n    - name: bo\n      password_hash: '" + string(bc) + "'\n"
	c, err := Load(write(t, good))
	if err != nil {
		t.Fatalf("good editors refused: %v", err)
	}
	if len(c.Web.Editors) != 2 || c.Web.Editors[1].Name != "bo" {
		t.Errorf("editors read as %+v", c.Web.Editors)
	}
	for _, tt := range []struct {
		name, yaml string
		want       []string
	}{
		{"plain password", "web:\n  editors:\n    - name: aiko\n      password_hash: hunter2-hunter2\n",
			[]string{"line 4", "web.editors[0].password_hash", "not an argon2id or bcrypt hash", "digest editors add aiko"}},
		{"md5-crypt", "web:\n  editors:\n    - name: aiko\n      password_hash: '" + argon + "'\n    - name: bo\n      password_hash: '$1$abc$def'\n",
			[]string{"web.editors[1].password_hash", "not an argon2id or bcrypt hash"}},
		{"argon2i", "web:\n  editors:\n    - name: aiko\n      password_hash: '" + strings.Replace(argon, "argon2id", "argon2i", 1) + "'\n",
			[]string{"web.editors[0].password_hash"}},
		{"no name", "web:\n  editors:\n    - password_hash: '" + argon + "'\n", []string{"web.editors[0].name", "empty"}},
		{"a name the history keeps", "web:\n  editors:\n    - name: Local\n      password_hash: '" + argon + "'\n",
			[]string{"web.editors[0].name", "no named editor made"}},
		{"colon in the name", "web:\n  editors:\n    - name: 'a:b'\n      password_hash: '" + argon + "'\n", []string{"web.editors[0].name", "colon"}},
		{"twice", "web:\n  editors:\n    - name: aiko\n      password_hash: '" + argon + "'\n    - name: aiko\n      password_hash: '" + argon + "'\n",
			[]string{"web.editors[1].name", "twice"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(write(t, tt.yaml))
			if err == nil {
				t.Fatal("loaded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %q shows the password typed as a hash", err)
			}
		})
	}
}
