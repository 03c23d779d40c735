package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/config"
	"github.com/digest-newsletter/digest/digest/passhash"
)

func runWithInput(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(stdin), Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

// `digest editors add NAME` prints an entry the config loads, whose hash
// verifies the password piped in and no other; the password itself is
// printed nowhere.
func TestEditorsAdd(t *testing.T) {
	const pw = "correct-horse-battery-staple"
	code, out, errs := runWithInput(t, pw+"\n", "editors", "add", "aiko")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(out+errs, pw) {
		t.Error("the password is printed")
	}
	m := regexp.MustCompile(`password_hash: '([^']+)'`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no hash in %q", out)
	}
	if !strings.HasPrefix(m[1], "$argon2id$") || !passhash.Verify(m[1], pw) || passhash.Verify(m[1], pw+"x") {
		t.Errorf("hash %q does not verify the password alone", m[1])
	}
	path := filepath.Join(t.TempDir(), "digest.yaml")
	if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := config.Load(path)
	if err != nil {
		t.Fatalf("the printed entry does not load: %v", err)
	}
	if len(c.Web.Editors) != 1 || c.Web.Editors[0].Name != "aiko" || c.Web.Editors[0].PasswordHash != m[1] {
		t.Errorf("loaded %+v", c.Web.Editors)
	}
	for _, tc := range []struct {
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"short\n", []string{"editors", "add", "bo"}, 1, "at least 16"},
		{pw, []string{"editors", "add", "a:b"}, 2, "no colon"},
		{pw, []string{"editors", "add"}, 2, "digest editors add NAME"},
		{pw, []string{"editors", "ad", "bo"}, 2, `did you mean "add"?`},
		{"", []string{"editors", "-h"}, 0, ""},
	} {
		code, out, errs := runWithInput(t, tc.stdin, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, want %d; stderr %q lacks %q", tc.args, code, tc.code, errs, tc.want)
		}
		if tc.code == 0 && !strings.Contains(out, "add") {
			t.Errorf("%v: help says %q", tc.args, out)
		}
	}
}
