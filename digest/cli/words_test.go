package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// A command's error reads as words: no repeated command names, no usage
// marker, files named with the reason, and a hint for an unknown edition.
func TestErrorsInWords(t *testing.T) {
	_, missing := os.Open(filepath.Join(t.TempDir(), "subs.csv"))
	_, folder := os.ReadFile(t.TempDir())
	tests := []struct {
		name string
		cmd  string
		err  error
		want string
	}{
		{"stacked", "build", fmt.Errorf("build: %w", fmt.Errorf("build: nothing to build: 5 articles were sent")), "nothing to build: 5 articles were sent"},
		{"usage", "subscribers", fmt.Errorf("%w: unknown subscribers command %q", errUsage, "lst"), `unknown subscribers command "lst"`},
		{"other words kept", "send", fmt.Errorf("build: %w", digest.ErrLocked), "build: " + digest.ErrLocked.Error()},
		{"no such file", "subscribers", fmt.Errorf("import: %w", missing), "import: there is no file " + missing.(*fs.PathError).Path + " (check the name, and the folder you run digest from)"},
		{"a folder", "subscribers", folder, folder.(*fs.PathError).Path + " is a folder, not a file"},
		{"edition", "approve", fmt.Errorf("approve: edition nosuch: %w", digest.ErrNotFound), "edition nosuch: not found (digest status lists the editions)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := inWords(tt.cmd, tt.err); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
