//go:build unix && !aix && !solaris

package schedule

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"
)

// maxHolderBytes bounds how much of a lock file is read back as the holder.
const maxHolderBytes = 512

// Lock takes the single-runner lock at path (for example "digest.db.lock"
// next to the database), creating the file if needed, and writes the holder's
// pid, host and start time into it. When another process holds it, Lock
// returns a *LockedError at once rather than waiting.
//
// The lock is an flock(2) on an open file description: the kernel drops it
// when the holder exits, however it dies (SIGKILL included), so a crash never
// leaves a stale lock. Two Lock calls in one process conflict too. The file
// itself is left in place on release: removing it would let a process that
// opened the old file and one that creates a new file both hold "the" lock.
//
// release unlocks; it is safe to call more than once. The descriptor is a
// raw one, never closed by the garbage collector, so the lock is held until
// release or exit even if release is dropped.
func Lock(path string) (release func() error, err error) {
	fd, err := syscall.Open(path, syscall.O_RDWR|syscall.O_CREAT|syscall.O_CLOEXEC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock %s: %w", path, err)
	}
	if err := syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		_ = syscall.Close(fd)
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &LockedError{Path: path, Holder: readHolder(path)}
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if err := writeHolder(fd); err != nil {
		_ = syscall.Close(fd) // closing the only descriptor unlocks
		return nil, fmt.Errorf("write lock %s: %w", path, err)
	}
	return sync.OnceValue(func() error {
		// Clear the holder first, so the file never names a process that
		// no longer holds it.
		truncErr := syscall.Ftruncate(fd, 0)
		if err := syscall.Close(fd); err != nil {
			return fmt.Errorf("release lock %s: %w", path, err)
		}
		if truncErr != nil {
			return fmt.Errorf("release lock %s: %w", path, truncErr)
		}
		return nil
	}), nil
}

// writeHolder replaces the file's content with who holds the lock.
func writeHolder(fd int) error {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	line := fmt.Sprintf("pid %d on host %s since %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
	if err := syscall.Ftruncate(fd, 0); err != nil {
		return err
	}
	n, err := syscall.Pwrite(fd, []byte(line), 0)
	if err != nil {
		return err
	}
	if n != len(line) {
		return fmt.Errorf("short write (%d of %d bytes)", n, len(line))
	}
	return nil
}

// readHolder returns the first line of the lock file, or "" when it cannot be
// read: the holder may not have written yet, and the lock error matters more.
func readHolder(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	buf := make([]byte, maxHolderBytes)
	n, _ := f.Read(buf)
	line, _, _ := strings.Cut(string(buf[:n]), "\n")
	return strings.TrimSpace(line)
}
