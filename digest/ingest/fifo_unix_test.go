//go:build unix

package ingest

import (
	"path/filepath"
	"syscall"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// TestReadFileFIFO checks that a named pipe is refused without being
// opened: opening one would block until a writer came along.
func TestReadFileFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.txt")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	_, err := ReadFile(p, digest.OriginFile, 0)
	checkFileError(t, err, p, ErrNotFile, "not a regular file")
}
