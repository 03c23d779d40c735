package digest

import (
	"fmt"
	"strings"
)

// The names the history gives changes no named editor made: the shared
// token's user, the desk on its own loopback address with no login, and
// the command line. No editor may take one, or the record could not
// tell them apart.
const (
	SharedEditor   = "editor"
	LoopbackEditor = "local"
	CommandLine    = "command line"
)

// CheckEditorName is the one rule for an editor's login name: the name
// basic auth carries (so no colon), shown in the history (so no control
// characters, and none of the names kept for changes no editor made).
func CheckEditorName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return fmt.Errorf("is empty: give the name the editor logs in with")
	case name != strings.TrimSpace(name):
		return fmt.Errorf("%q: no spaces around the name", Printable(name))
	case strings.Contains(name, ":"):
		return fmt.Errorf("%q: a name cannot contain a colon", Printable(name))
	case len([]rune(name)) > 64:
		return fmt.Errorf("has %d characters: at most 64", len([]rune(name)))
	case strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return fmt.Errorf("%q: no control characters", Printable(name))
	case strings.EqualFold(name, SharedEditor) || strings.EqualFold(name, LoopbackEditor) || strings.EqualFold(name, CommandLine):
		return fmt.Errorf("%q is the name the history gives changes no named editor made: choose another", name)
	}
	return nil
}
