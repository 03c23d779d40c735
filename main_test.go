package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest/testkit/pgtest"
	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
)

// These tests run the real binary, as an operator would.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "digest-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "digest")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := pgtest.Main(m)
	os.RemoveAll(dir)
	os.Exit(code)
}

// newsroom is a data dir with one built edition and n subscribers, and a
// real SMTP server the binary is pointed at.
type newsroom struct {
	data   string
	server *smtptest.Server
	env    []string
}

func newNewsroom(t *testing.T, n int, delay time.Duration) *newsroom {
	t.Helper()
	r := &newsroom{data: t.TempDir(), server: smtptest.NewServer(t, smtptest.Options{DataDelay: delay})}
	r.env = append(os.Environ(), "DIGEST_SMTP_ADDR="+r.server.Addr, "DIGEST_SMTP_TLS=off")
	r.run(t, "build")
	var csv bytes.Buffer
	csv.WriteString("address,name\n")
	for i := range n {
		fmt.Fprintf(&csv, "reader%04d@example.net,Reader %d\n", i, i)
	}
	path := filepath.Join(t.TempDir(), "subs.csv")
	os.WriteFile(path, csv.Bytes(), 0o644)
	r.run(t, "subscribers", "import", path)
	return r
}

func (r *newsroom) command(args ...string) *exec.Cmd {
	cmd := exec.Command(binary, append(args, "--data-dir", r.data)...)
	cmd.Env = r.env
	return cmd
}

func (r *newsroom) run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := r.command(args...).CombinedOutput()
	if err != nil {
		t.Fatalf("digest %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// startSend starts `digest send` and returns once the server has stored
// at least k messages in all.
func (r *newsroom) startSend(t *testing.T, k int) *exec.Cmd {
	t.Helper()
	cmd := r.command("send")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for len(r.server.Messages()) < k {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("server never reached %d messages; output:\n%s", k, out.String())
		}
		time.Sleep(time.Millisecond)
	}
	return cmd
}

func (r *newsroom) copies() map[string]int {
	got := map[string]int{}
	for _, m := range r.server.Messages() {
		for _, to := range m.To {
			got[to]++
		}
	}
	return got
}

const connections = 4 // the embedded config's smtp.connections

// Killed with SIGKILL at several random points, then restarted: everyone
// gets the edition, with at most one duplicate per connection per kill.
func TestSendSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary against 1,000 subscribers")
	}
	const n = 1000
	r := newNewsroom(t, n, 2*time.Millisecond)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	kills := 0
	for _, lo := range []int{50, 300, 600} {
		k := lo + rng.IntN(250)
		cmd := r.startSend(t, k)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		kills++
		t.Logf("killed after the server stored %d messages (waited for %d)", len(r.server.Messages()), k)
	}
	out := r.run(t, "send")
	if !strings.Contains(out, "finished") {
		t.Fatalf("final run did not finish:\n%s", out)
	}
	got, dups := r.copies(), 0
	for i := range n {
		addr := fmt.Sprintf("reader%04d@example.net", i)
		if got[addr] == 0 {
			t.Errorf("%s never received the edition", addr)
		}
		dups += max(0, got[addr]-1)
	}
	t.Logf("%d kills, %d duplicates", kills, dups)
	if dups > kills*connections {
		t.Errorf("%d duplicates after %d kills, want at most %d (connections per kill)", dups, kills, kills*connections)
	}
	before := len(r.server.Messages())
	if out := r.run(t, "send"); !strings.Contains(out, "nothing to do") || len(r.server.Messages()) != before {
		t.Errorf("a send after the edition was sent did something:\n%s", out)
	}
}

// SIGTERM: in-flight messages finish, the process exits 0, and the
// restart sends the rest with no duplicate at all.
func TestSendStopsCleanlyOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary against 300 subscribers")
	}
	const n = 300
	r := newNewsroom(t, n, 2*time.Millisecond)
	cmd := r.startSend(t, 60)
	cmd.Process.Signal(syscall.SIGTERM)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("after SIGTERM the process exited with %v", err)
		}
	case <-ctx.Done():
		cmd.Process.Kill()
		t.Fatal("the process did not exit after SIGTERM")
	}
	stopped := len(r.server.Messages())
	if stopped >= n+1 {
		t.Fatalf("SIGTERM came too late to test anything: %d sent", stopped)
	}
	r.run(t, "send")
	got := r.copies()
	for i := range n {
		addr := fmt.Sprintf("reader%04d@example.net", i)
		if got[addr] != 1 {
			t.Errorf("%s received %d copies, want exactly 1", addr, got[addr])
		}
	}
}
