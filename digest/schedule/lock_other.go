//go:build !unix || aix || solaris

package schedule

import (
	"fmt"
	"runtime"
)

// Lock would take the single-runner lock at path; it needs flock(2), which
// this system lacks, so it refuses rather than let two schedulers run.
func Lock(path string) (release func() error, err error) {
	return nil, fmt.Errorf("lock %s: the single-runner lock is not supported on %s", path, runtime.GOOS)
}
