//go:build unix && !aix && !solaris

package schedule

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const lockChildEnv = "DIGEST_SCHEDULE_LOCK_CHILD"

// TestLockChildProcess is not a test: it is the second process of
// TestLockAcrossProcesses, holding the lock until it is killed.
func TestLockChildProcess(t *testing.T) {
	path := os.Getenv(lockChildEnv)
	if path == "" {
		t.Skip("helper process for TestLockAcrossProcesses")
	}
	if _, err := Lock(path); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("locked")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n') // until killed
	os.Exit(0)
}

func TestLockAcrossProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digest.db.lock")
	child := exec.Command(os.Args[0], "-test.run=^TestLockChildProcess$")
	child.Env = append(os.Environ(), lockChildEnv+"="+path)
	stdin, err := child.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "locked" {
		_ = child.Process.Kill()
		_ = child.Wait()
		t.Fatalf("child said %q (%v), want locked", line, err)
	}

	_, err = Lock(path)
	var locked *LockedError
	if !errors.As(err, &locked) {
		_ = child.Process.Kill()
		_ = child.Wait()
		t.Fatalf("Lock while a child holds it = %v, want *LockedError", err)
	}
	if want := fmt.Sprintf("pid %d ", child.Process.Pid); !strings.HasPrefix(locked.Holder, want) {
		t.Errorf("Holder = %q, want it to start with %q", locked.Holder, want)
	}

	// SIGKILL gives the child no chance to clean up: the kernel releases.
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()
	release, err := Lock(path)
	if err != nil {
		t.Fatalf("Lock after the holder was killed: %v", err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
}

func TestLockInOneProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digest.db.lock")
	release, err := Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("pid %d on host ", os.Getpid()); !strings.HasPrefix(string(content), want) {
		t.Errorf("lock file says %q, want it to start with %q", content, want)
	}

	// flock locks belong to the open file, so a second open conflicts even
	// in the same process.
	_, err = Lock(path)
	var locked *LockedError
	if !errors.As(err, &locked) {
		t.Fatalf("second Lock = %v, want *LockedError", err)
	}
	if locked.Path != path || locked.Holder != strings.TrimSpace(string(content)) {
		t.Errorf("LockedError = %+v, want path %s and holder %q", locked, path, content)
	}
	for _, want := range []string{"another digest run", path, locked.Holder, "stop that process"} {
		if !strings.Contains(locked.Error(), want) {
			t.Errorf("message %q does not say %q", locked.Error(), want)
		}
	}

	if err := release(); err != nil {
		t.Fatal(err)
	}
	if err := release(); err != nil {
		t.Errorf("second release = %v, want nil", err)
	}
	if content, _ := os.ReadFile(path); len(content) != 0 {
		t.Errorf("released lock file still names %q", content)
	}
	again, err := Lock(path)
	if err != nil {
		t.Fatalf("Lock after release: %v", err)
	}
	if err := again(); err != nil {
		t.Fatal(err)
	}
}

func TestLockErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		path string
	}{
		{"missing directory", filepath.Join(dir, "nope", "digest.db.lock")},
		{"a directory", dir},
	}
	for _, tt := range tests {
		_, err := Lock(tt.path)
		var locked *LockedError
		if err == nil || errors.As(err, &locked) || !strings.Contains(err.Error(), tt.path) {
			t.Errorf("%s: Lock = %v, want a plain error naming the path", tt.name, err)
		}
	}
}

func TestLockedErrorWithoutHolder(t *testing.T) {
	err := &LockedError{Path: "digest.db.lock"}
	if !strings.Contains(err.Error(), "holder unknown") {
		t.Errorf("message %q does not say the holder is unknown", err.Error())
	}
}
