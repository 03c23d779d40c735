package main

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// waitStored waits until the server has stored at least k messages.
func (r *newsroom) waitStored(t *testing.T, k int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for len(r.server.Messages()) < k {
		if time.Now().After(deadline) {
			t.Fatalf("the server stored %d messages, waited for %d", len(r.server.Messages()), k)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (r *newsroom) exactlyOnce(t *testing.T, n int) {
	t.Helper()
	got := r.copies()
	for i := range n {
		addr := fmt.Sprintf("reader%04d@example.net", i)
		if got[addr] != 1 {
			t.Errorf("%s received %d copies, want exactly 1", addr, got[addr])
		}
	}
}

// While a digest run holds the database, a second runner and a manual
// send refuse to start; once it stops, the next run sends the edition to
// everyone exactly once.
func TestSecondRunnerRefuses(t *testing.T) {
	const n = 50
	r := newNewsroom(t, n, 0)
	daemon, stopDaemon := r.startDaemon(t)
	for _, args := range [][]string{{"run", "--once"}, {"send"}} {
		out, err := r.command(args...).CombinedOutput()
		if err == nil || !strings.Contains(string(out), "another digest run holds") {
			t.Errorf("digest %s beside a running daemon: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	if len(r.server.Messages()) != 0 {
		t.Errorf("%d messages sent while the daemon held the database", len(r.server.Messages()))
	}
	daemon.Process.Signal(syscall.SIGTERM)
	waitExit(t, stopDaemon)
	if out := r.run(t, "run", "--once"); !strings.Contains(out, " sent by SMTP") {
		t.Errorf("run after the daemon stopped:\n%s", out)
	}
	r.exactlyOnce(t, n)
}

// SIGTERM in the middle of a scheduled send: the in-flight messages
// finish, the process exits 0, and the next run completes the edition
// with no duplicate.
func TestRunStopsCleanlyOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary against 300 subscribers")
	}
	const n = 300
	r := newNewsroom(t, n, 10*time.Millisecond)
	cmd := r.command("run", "--once")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r.waitStored(t, 40)
	cmd.Process.Signal(syscall.SIGTERM)
	waitExit(t, cmd.Wait)
	if stopped := len(r.server.Messages()); stopped >= n {
		t.Fatalf("SIGTERM came too late to test anything: %d sent", stopped)
	}
	if out := r.run(t, "run", "--once"); !strings.Contains(out, " sent by SMTP") {
		t.Errorf("the restart did not finish the edition:\n%s", out)
	}
	r.exactlyOnce(t, n)
}

// The daemon itself stops on SIGTERM with exit status 0.
func TestDaemonExitsOnSIGTERM(t *testing.T) {
	r := newNewsroom(t, 1, 0)
	cmd, wait := r.startDaemon(t)
	cmd.Process.Signal(syscall.SIGTERM)
	waitExit(t, wait)
}

// startDaemon starts digest run and returns once it has started its
// scheduler, with the function that waits for it to exit.
func (r *newsroom) startDaemon(t *testing.T) (*exec.Cmd, func() error) {
	t.Helper()
	return r.startUntil(t, []string{"run"}, func(line string) bool {
		return strings.Contains(line, "scheduler started")
	})
}

// startUntil starts the binary and returns once ready has accepted a line
// of its log, with the function that waits for the process to exit.
// ready sees each line in order, from one goroutine.
func (r *newsroom) startUntil(t *testing.T, args []string, ready func(line string) bool) (*exec.Cmd, func() error) {
	t.Helper()
	cmd := r.command(args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	readyc, drained := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(drained)
		sc := bufio.NewScanner(stderr)
		done := false
		for sc.Scan() {
			if !done && ready(sc.Text()) {
				done = true
				close(readyc)
			}
		}
	}()
	select {
	case <-readyc:
	case <-drained:
		t.Fatalf("digest %s exited before it was ready", strings.Join(args, " "))
	case <-time.After(30 * time.Second):
		t.Fatalf("digest %s was not ready in time", strings.Join(args, " "))
	}
	// Read the log to its end before Wait, as os/exec asks.
	return cmd, func() error {
		<-drained
		return cmd.Wait()
	}
}

func waitExit(t *testing.T, wait func() error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("after SIGTERM the process exited with %v", err)
		}
	case <-ctx.Done():
		t.Fatal("the process did not exit after SIGTERM")
	}
}
