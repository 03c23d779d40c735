package main

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These tests freeze instances the way a VM pause, a cgroup freeze or a
// long GC stop does (SIGSTOP), past the lease, while others take over
// their claims. Every change of a delivery row is fenced by its claim, so
// a thawed sender sends none of the rows it lost: the duplicates are at
// most the messages it had in flight, one per connection.

// freeze stops an instance (SIGSTOP) until the others have taken over
// every row it held unfinished, which takes at least the lease, then lets
// it go on (SIGCONT). It returns how long it was frozen.
func (f *fleet) freeze(name, editionID string) time.Duration {
	f.t.Helper()
	f.mu.Lock()
	cmd := f.procs[name]
	f.mu.Unlock()
	start := time.Now()
	cmd.Process.Signal(syscall.SIGSTOP)
	defer cmd.Process.Signal(syscall.SIGCONT)
	f.waitFor(name+"'s rows taken over", 2*time.Minute, func() bool {
		var n int
		f.db.QueryRow(`SELECT COUNT(*) FROM deliveries WHERE edition_id = $1 AND claimed_by LIKE $2
			AND status IN ('pending', 'sending')`, editionID, fmt.Sprintf("%%-%d-%%", cmd.Process.Pid)).Scan(&n)
		return n == 0
	})
	return time.Since(start)
}

// victim names a running instance that holds unsent claims of the
// edition, or any running one.
func (f *fleet) victim(editionID string, rng *rand.Rand) string {
	if name := f.byPID(f.holding(editionID)); name != "" {
		return name
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	names := make([]string, 0, len(f.procs))
	for name := range f.procs {
		names = append(names, name)
	}
	sort.Strings(names)
	return names[rng.IntN(len(names))]
}

// mostPending names the running instance holding the most claimed rows of
// the edition it has not begun to send, with their count.
func (f *fleet) mostPending(editionID string) (string, int) {
	var id string
	var n int
	err := f.db.QueryRow(`SELECT claimed_by, COUNT(*) FROM deliveries WHERE edition_id = $1 AND claimed_by != ''
		AND status = 'pending' GROUP BY claimed_by ORDER BY COUNT(*) DESC LIMIT 1`, editionID).Scan(&id, &n)
	if err != nil {
		return "", 0
	}
	var pid int
	parts := strings.Split(id, "-")
	fmt.Sscan(parts[len(parts)-2], &pid)
	return f.byPID(pid), n
}

// One instance holding claims is frozen past the 10 s lease until the
// others have taken its rows over, then thawed: it goes on without
// sending any row it lost.
func TestFrozenInstanceSendsNothingItLost(t *testing.T) {
	f := newFleet(t, 3000, 20*time.Millisecond)
	f.dueSlot()
	for _, name := range []string{"a", "b", "c"} {
		f.start(name)
	}
	id := f.sendingWithHelpers()
	// Freeze one that holds many rows it has not begun to send: those
	// are what it would send again after the others took them over.
	var victim string
	var held int
	f.waitFor("an instance holding 100 unsent rows", time.Minute, func() bool {
		victim, held = f.mostPending(id)
		return victim != "" && held >= 100
	})
	before := len(f.server.Messages())
	frozen := f.freeze(victim, id)
	t.Logf("froze %s holding %d unsent rows for %s after %d messages, until the others took them over",
		victim, held, frozen.Round(time.Second), before)
	f.waitSent()
	d := f.dups()
	t.Logf("%d duplicates", d)
	if d > connections {
		t.Errorf("%d duplicates after one freeze, want at most %d (its connections)", d, connections)
	}
}

// Twenty events, each a SIGKILL (and a new instance started in its place)
// or a freeze past the lease, spread over a 5,000-subscriber send by
// three instances with a 3 s lease: nobody is missed, and the duplicates
// are at most one per connection per event.
func TestFleetSurvivesTwentyKillsAndFreezes(t *testing.T) {
	const subscribers, events = 5000, 20
	const lease = 3 * time.Second
	f := newFleet(t, subscribers, 30*time.Millisecond)
	f.env = append(f.env, fmt.Sprintf("DIGEST_TEST_LEASE=%s", lease))
	f.dueSlot()
	for _, name := range []string{"a", "b", "c"} {
		f.start(name)
	}
	id := f.sendingWithHelpers()
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 23))
	t.Logf("seed %d", seed)
	type event struct {
		kind string
		at   int // messages the server had received when it happened
	}
	var done []event
	for i := range events {
		// Events are paced by the send's progress, so all twenty fall
		// within it whatever the machine's speed.
		due := (i + 1) * subscribers / (events + 2)
		f.waitFor(fmt.Sprintf("%d messages before event %d", due, i+1), 2*time.Minute, func() bool {
			return len(f.server.Messages()) >= due
		})
		victim := f.victim(id, rng)
		at := len(f.server.Messages())
		if rng.IntN(2) == 0 {
			f.stop(victim, syscall.SIGKILL)
			f.start(fmt.Sprintf("r%02d", i))
			done = append(done, event{"kill", at})
		} else {
			f.freeze(victim, id)
			done = append(done, event{"freeze", at})
		}
	}
	f.waitSent()
	d := f.dups()
	// Each duplicate is put down to the last event before its first copy
	// arrived: a rough split, for the record.
	first, per := map[string]int{}, map[string]int{}
	for i, m := range f.server.Messages() {
		for _, to := range m.To {
			if at, seen := first[to]; !seen {
				first[to] = i
			} else {
				kind := "none"
				for _, e := range done {
					if e.at <= at+connections*3 {
						kind = e.kind
					}
				}
				per[kind]++
			}
		}
	}
	kinds := map[string]int{}
	for _, e := range done {
		kinds[e.kind]++
	}
	t.Logf("%d events %v; %d duplicates, by the event before them %v", len(done), kinds, d, per)
	if d > events*connections {
		t.Errorf("%d duplicates after %d events, want at most %d (one per connection per event)", d, events, events*connections)
	}
}
