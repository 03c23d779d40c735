package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/store"
	"github.com/digest-newsletter/digest/digest/testkit/pgtest"
	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
)

// These tests run several `digest run` instances, each with its own data
// dir as on its own machine, on one PostgreSQL database, against a real
// SMTP server that counts what it receives.

// fleetConfig makes a slot due every hour, in UTC, with two hours of
// catch-up, so a test can make the leader find a due slot by moving the
// reconcile cursor back, as if the fleet had been down through it.
const fleetConfig = `subscribers: []
schedule:
  spec: "0 * * * *"
  time_zone: UTC
  catch_up: 2h
brand:
  cadence: every hour
`

// cursorSetting is where the runner keeps the instant it has reconciled up
// to (runner.cursorKey).
const cursorSetting = "schedule_cursor"

type fleet struct {
	t      *testing.T
	dir    string
	cfg    string
	env    []string
	server *smtptest.Server
	st     *store.Store
	db     *sql.DB
	subs   int

	mu    sync.Mutex
	procs map[string]*exec.Cmd
	logs  map[string]*syncBuffer
}

func newFleet(t *testing.T, subscribers int, delay time.Duration) *fleet {
	t.Helper()
	if testing.Short() {
		t.Skip("runs three instances of the binary against thousands of subscribers")
	}
	url := pgtest.URL(t)
	f := &fleet{t: t, dir: t.TempDir(), subs: subscribers, procs: map[string]*exec.Cmd{}, logs: map[string]*syncBuffer{}}
	f.server = smtptest.NewServer(t, smtptest.Options{DataDelay: delay})
	f.cfg = filepath.Join(f.dir, "digest.yaml")
	os.WriteFile(f.cfg, []byte(fleetConfig), 0o644)
	f.env = append(os.Environ(), "DIGEST_DATABASE_URL="+url, "DIGEST_SMTP_ADDR="+f.server.Addr, "DIGEST_SMTP_TLS=off")
	var csv bytes.Buffer
	csv.WriteString("address,name\n")
	for i := range subscribers {
		fmt.Fprintf(&csv, "reader%05d@example.net,Reader %d\n", i, i)
	}
	list := filepath.Join(f.dir, "subs.csv")
	os.WriteFile(list, csv.Bytes(), 0o644)
	cmd := exec.Command(binary, "subscribers", "import", list, "--config", f.cfg, "--data-dir", filepath.Join(f.dir, "admin"))
	cmd.Env = f.env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	var err error
	if f.st, err = store.Open(context.Background(), url); err != nil {
		t.Fatal(err)
	}
	if f.db, err = sql.Open("pgx", url); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		f.mu.Lock()
		for _, c := range f.procs {
			c.Process.Kill()
			c.Wait()
		}
		f.mu.Unlock()
		f.st.Close()
		f.db.Close()
		if t.Failed() {
			for name, l := range f.logs {
				t.Logf("--- %s:\n%s", name, l.String())
			}
		}
	})
	return f
}

// dueSlot moves the cursor back past the current hour's slot: the leader's
// next reconcile finds it due and builds and sends its edition.
func (f *fleet) dueSlot() {
	f.t.Helper()
	back := time.Now().Add(-61 * time.Minute).UTC().Format(time.RFC3339Nano)
	if err := f.st.SetSetting(context.Background(), cursorSetting, back); err != nil {
		f.t.Fatal(err)
	}
}

// start starts one `digest run` in its own data dir.
func (f *fleet) start(name string) *exec.Cmd {
	f.t.Helper()
	cmd := exec.Command(binary, "run", "--config", f.cfg, "--data-dir", filepath.Join(f.dir, name))
	cmd.Env = f.env
	log := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		f.t.Fatal(err)
	}
	f.mu.Lock()
	f.procs[name], f.logs[name] = cmd, log
	f.mu.Unlock()
	return cmd
}

// stop signals an instance and waits for it to exit.
func (f *fleet) stop(name string, sig syscall.Signal) error {
	f.mu.Lock()
	cmd := f.procs[name]
	delete(f.procs, name)
	f.mu.Unlock()
	cmd.Process.Signal(sig)
	return cmd.Wait()
}

// byPID names the instance whose process has pid.
func (f *fleet) byPID(pid int) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	for name, c := range f.procs {
		if c.Process.Pid == pid {
			return name
		}
	}
	return ""
}

// waitFor polls cond until it holds or the deadline passes.
func (f *fleet) waitFor(what string, limit time.Duration, cond func() bool) {
	f.t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			f.t.Fatalf("timed out after %s waiting for %s (server has %d messages)", limit, what, len(f.server.Messages()))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// scheduled lists the scheduled editions, whatever their status.
func (f *fleet) scheduled() []digest.EditionRecord {
	eds, err := f.st.Editions(context.Background(), 50)
	if err != nil {
		f.t.Fatal(err)
	}
	var out []digest.EditionRecord
	for _, e := range eds {
		if e.Kind == digest.ScheduledEdition {
			out = append(out, e)
		}
	}
	return out
}

// checkOneEditionPerSlot fails the test for a slot with more than one
// scheduled edition, or with an edition for a slot before sent's, the one
// the test made due. It groups by slot rather than counting editions,
// since a run that crosses the hour meets the next slot too, rightly.
func (f *fleet) checkOneEditionPerSlot(sent digest.EditionRecord) {
	f.t.Helper()
	per := map[time.Time][]string{}
	for _, e := range f.scheduled() {
		per[e.SlotAt.UTC()] = append(per[e.SlotAt.UTC()], e.ID)
		if e.SlotAt.Before(sent.SlotAt) {
			f.t.Errorf("edition %s for slot %s, before the one made due (%s)", e.ID, e.SlotAt.Format(time.RFC3339), sent.SlotAt.Format(time.RFC3339))
		}
	}
	for slot, ids := range per {
		if len(ids) != 1 {
			f.t.Errorf("slot %s has %d scheduled editions %v, want 1", slot.Format(time.RFC3339), len(ids), ids)
		}
	}
}

func (f *fleet) waitSent() digest.EditionRecord {
	f.t.Helper()
	var sent digest.EditionRecord
	f.waitFor("the slot's edition to be sent", 3*time.Minute, func() bool {
		for _, e := range f.scheduled() {
			if e.Status == digest.EditionSent {
				sent = e
				return true
			}
		}
		return false
	})
	return sent
}

// claimers counts the rows each instance claimed (and kept, as the sender
// of record) in the edition.
func (f *fleet) claimers(editionID string) map[string]int {
	rows, err := f.db.Query(`SELECT claimed_by, COUNT(*) FROM deliveries WHERE edition_id = $1 AND claimed_by != '' GROUP BY claimed_by`, editionID)
	if err != nil {
		f.t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		rows.Scan(&id, &n)
		out[id] = n
	}
	return out
}

// holding returns the pid of an instance that holds unsent claims.
func (f *fleet) holding(editionID string) int {
	var id string
	err := f.db.QueryRow(`SELECT claimed_by FROM deliveries WHERE edition_id = $1 AND claimed_by != ''
		AND status IN ('pending', 'sending') ORDER BY subscriber_id LIMIT 1`, editionID).Scan(&id)
	if err != nil {
		return 0
	}
	var pid int
	parts := strings.Split(id, "-")
	fmt.Sscan(parts[len(parts)-2], &pid)
	return pid
}

// dups sums the copies subscribers received beyond their first, and fails
// the test for anyone who got none.
func (f *fleet) dups() int {
	f.t.Helper()
	got := map[string]int{}
	for _, m := range f.server.Messages() {
		for _, to := range m.To {
			got[to]++
		}
	}
	dups := 0
	for i := range f.subs {
		addr := fmt.Sprintf("reader%05d@example.net", i)
		if got[addr] == 0 {
			f.t.Errorf("%s never received the edition", addr)
		}
		dups += max(0, got[addr]-1)
	}
	return dups
}

// sendingWithHelpers waits until the slot's edition is sending with rows claimed
// by at least two instances, and returns its id.
func (f *fleet) sendingWithHelpers() string {
	f.t.Helper()
	var id string
	f.waitFor("two instances sending", 2*time.Minute, func() bool {
		for _, e := range f.scheduled() {
			if e.Status == digest.EditionSending && len(f.claimers(e.ID)) >= 2 {
				id = e.ID
				return true
			}
		}
		return false
	})
	return id
}

// Three instances, 3,000 subscribers: each gets exactly one copy, and the
// sending was shared.
func TestInstancesSendEachMessageOnce(t *testing.T) {
	f := newFleet(t, 3000, 20*time.Millisecond)
	f.dueSlot()
	for _, name := range []string{"a", "b", "c"} {
		f.start(name)
	}
	f.waitFor("three live instances", time.Minute, func() bool {
		live, _ := f.st.Instances(context.Background(), time.Now())
		return len(live) == 3
	})
	status := exec.Command(binary, "status", "--config", f.cfg, "--data-dir", filepath.Join(f.dir, "admin"))
	status.Env = f.env
	out, err := status.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Scheduler: 3 instances alive") || strings.Count(string(out), "; sends") < 2 {
		t.Errorf("digest status (%v) does not list the three instances:\n%s", err, out)
	}
	e := f.waitSent()
	if d := f.dups(); d != 0 {
		t.Errorf("%d duplicates, want none", d)
	}
	if n := len(f.server.Messages()); n != f.subs {
		t.Errorf("server received %d messages, want %d", n, f.subs)
	}
	by := f.claimers(e.ID)
	t.Logf("messages per instance: %v", by)
	if len(by) < 2 {
		t.Errorf("only %d instance sent; every instance should help", len(by))
	}
	f.checkOneEditionPerSlot(e)
}

// signalMidSend starts three instances on a due slot and, once at least
// two share its sending, signals one that holds unsent claims; it returns
// the fleet and what the signalled instance's exit was.
func signalMidSend(t *testing.T, sig syscall.Signal) (*fleet, error) {
	f := newFleet(t, 3000, 20*time.Millisecond)
	f.dueSlot()
	for _, name := range []string{"a", "b", "c"} {
		f.start(name)
	}
	id := f.sendingWithHelpers()
	victim := f.byPID(f.holding(id))
	if victim == "" {
		t.Fatal("no instance holds claims to signal")
	}
	err := f.stop(victim, sig)
	t.Logf("%s got %s with %d messages received", victim, sig, len(f.server.Messages()))
	return f, err
}

// SIGKILL one instance in the middle of a send: the others take over its
// claims after the lease; everyone gets the edition, and the duplicates
// are at most the killed instance's connections.
func TestInstanceKilledMidSend(t *testing.T) {
	f, _ := signalMidSend(t, syscall.SIGKILL)
	f.waitSent()
	d := f.dups()
	t.Logf("%d duplicates", d)
	if d > connections {
		t.Errorf("%d duplicates after one kill, want at most %d (its connections)", d, connections)
	}
}

// SIGTERM one instance in the middle of a send: it finishes what is in
// flight, frees its claims and exits 0; nobody gets two copies.
func TestInstanceStoppedMidSend(t *testing.T) {
	f, err := signalMidSend(t, syscall.SIGTERM)
	if err != nil {
		t.Errorf("exit %v after SIGTERM, want 0", err)
	}
	f.waitSent()
	if d := f.dups(); d != 0 {
		t.Errorf("%d duplicates after SIGTERM, want none", d)
	}
}

// The leader is killed right as a slot falls due: another instance takes
// the lead, the slot gets exactly one edition, and it is sent.
func TestLeaderKilledAtSlot(t *testing.T) {
	f := newFleet(t, 1000, 5*time.Millisecond)
	for _, name := range []string{"a", "b", "c"} {
		f.start(name)
	}
	var leader string
	f.waitFor("a leader", time.Minute, func() bool {
		live, _ := f.st.Instances(context.Background(), time.Now())
		for _, in := range live {
			if in.Leader {
				leader = f.byPID(in.PID)
			}
		}
		return leader != ""
	})
	f.dueSlot()
	// Its next reconcile (every 5 s) starts on the slot: kill it within
	// that window, before, while or just after it builds.
	time.Sleep(time.Duration(time.Now().UnixNano()%4000) * time.Millisecond)
	f.stop(leader, syscall.SIGKILL)
	t.Logf("killed the leader %s; %d scheduled editions so far", leader, len(f.scheduled()))
	e := f.waitSent()
	f.checkOneEditionPerSlot(e)
	d := f.dups()
	t.Logf("edition %s sent; %d duplicates", e.ID, d)
	if d > connections {
		t.Errorf("%d duplicates, want at most %d", d, connections)
	}
}

// syncBuffer is a bytes.Buffer safe for a process's two output streams.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
