package config

import (
	"fmt"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/passhash"
)

// EditorEntry is one editor of web.editors: the name they log in with
// (basic auth's user) and the argon2id or bcrypt hash of their password,
// as `digest editors add NAME` prints it. A hash may sit in a file that
// is copied and backed up, as a password may not; the editors live here
// rather than in the database so that who may change the newsletter is
// read, reviewed and deployed with the rest of its settings, and an
// editor is added without the desk running.
type EditorEntry struct {
	Name         string `yaml:"name"`
	PasswordHash string `yaml:"password_hash"`
}

// validateEditors checks each editor's name and that each hash is one
// the desk can check, so a bad entry stops the program at start rather
// than locking someone out later.
func (c *Config) validateEditors() []problem {
	var ps []problem
	seen := map[string]bool{}
	for i, e := range c.Web.Editors {
		field := fmt.Sprintf("web.editors[%d]", i)
		nameErr := digest.CheckEditorName(e.Name)
		switch {
		case nameErr != nil:
			ps = append(ps, problem{field + ".name", nameErr.Error()})
		case seen[e.Name]:
			ps = append(ps, problem{field + ".name", fmt.Sprintf("%q is given twice", e.Name)})
		}
		seen[e.Name] = true
		if err := passhash.Check(e.PasswordHash); err != nil {
			ps = append(ps, problem{field + ".password_hash", fmt.Sprintf("%v; make one with: digest editors add %s", err, cliName(e.Name))})
		}
	}
	return ps
}

// cliName is the name as a shell argument in a hint.
func cliName(name string) string {
	if name == "" || strings.ContainsAny(name, " '\"$`\\") {
		return "NAME"
	}
	return name
}
