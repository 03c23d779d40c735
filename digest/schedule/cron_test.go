package schedule

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// patience bounds every wait on a tick; tests never assert how long a wait
// took, only that the awaited thing happened.
const patience = 30 * time.Second

func await(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(patience):
		t.Fatalf("gave up waiting for %s", what)
	}
}

// signal sends on ch without blocking; ch is buffered.
func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

func TestCronPanickingJobTicksAgain(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	c := New(slog.New(rec), time.UTC)
	var calls atomic.Int32
	again := make(chan struct{}, 1)
	if err := c.Every(time.Second, "flaky", func(context.Context) {
		if calls.Add(1) == 1 {
			panic("boom")
		}
		signal(again)
	}); err != nil {
		t.Fatal(err)
	}
	c.Start()
	t.Cleanup(func() { _ = c.Stop(context.Background()) })

	await(t, again, "the tick after the panic")
	panics := rec.find("cron panic", "flaky")
	if len(panics) != 1 {
		t.Fatalf("logged %d panics for job flaky, want 1", len(panics))
	}
	if err, ok := panics[0].attrs["error"].(error); !ok || !strings.Contains(err.Error(), "boom") {
		t.Errorf("panic logged with error %#v, want boom", panics[0].attrs["error"])
	}
}

func TestCronNeverOverlapsAJob(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	c := New(slog.New(rec), time.UTC)
	var running, most atomic.Int32
	started := make(chan struct{}, 1)
	release := make(chan struct{})
	if err := c.Every(time.Second, "slow", func(context.Context) {
		n := running.Add(1)
		defer running.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		signal(started)
		<-release
	}); err != nil {
		t.Fatal(err)
	}
	c.Start()
	await(t, started, "the slow job")
	skipped := make(chan struct{})
	go func() {
		defer close(skipped)
		for len(rec.find("cron skip", "slow")) == 0 {
			time.Sleep(10 * time.Millisecond)
		}
	}()
	await(t, skipped, "a skipped tick")
	close(release)
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := most.Load(); got != 1 {
		t.Errorf("%d runs of the job overlapped, want 1 at a time", got)
	}
	if skips := rec.find("cron skip", "slow"); skips[0].level != slog.LevelInfo {
		t.Errorf("skip logged at %s, want INFO", skips[0].level)
	}
}

func TestCronStopWaitsForRunningJob(t *testing.T) {
	t.Parallel()
	c := New(nil, time.UTC)
	started := make(chan struct{}, 1)
	cancelled := make(chan struct{}, 1)
	proceed := make(chan struct{})
	var finished atomic.Bool
	if err := c.Every(time.Second, "send", func(ctx context.Context) {
		signal(started)
		<-ctx.Done() // Stop tells the job to start no new work...
		signal(cancelled)
		<-proceed // ...and waits while it finishes what is in flight.
		finished.Store(true)
	}); err != nil {
		t.Fatal(err)
	}
	c.Start()
	await(t, started, "the job")

	// Stop gives up when its own context ends first, and says so.
	hurry, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- c.Stop(hurry) }()
	await(t, cancelled, "the job's context to be cancelled")
	cancel()
	if err := <-stopped; !errors.Is(err, context.Canceled) {
		t.Fatalf("Stop with an expired context = %v, want context.Canceled", err)
	}
	if finished.Load() {
		t.Fatal("the job finished before it was allowed to")
	}

	// Stop with time to spare returns once the job has finished.
	type result struct {
		err      error
		finished bool
	}
	done := make(chan result, 1)
	go func() {
		err := c.Stop(context.Background())
		done <- result{err, finished.Load()}
	}()
	close(proceed)
	select {
	case got := <-done:
		if got.err != nil || !got.finished {
			t.Errorf("Stop = %v with job finished %v, want nil after the job finished", got.err, got.finished)
		}
	case <-time.After(patience):
		t.Fatal("Stop did not return after the job finished")
	}
}

func TestCronAdd(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	c := New(nil, ny)
	noop := func(context.Context) {}
	tests := []struct {
		spec    string
		wantErr string
	}{
		{"30 2 * * *", ""},
		{"CRON_TZ=Asia/Tokyo 0 8 * * 1", ""},
		{"@every 1m", "@every is not supported"},
		{"61 * * * *", `"61 * * * *"`},
	}
	for _, tt := range tests {
		err := c.Add(tt.spec, "edition", noop)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("Add(%q) = %v", tt.spec, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "edition")):
			t.Errorf("Add(%q) = %v, want an error naming the job and saying %q", tt.spec, err, tt.wantErr)
		}
	}
	for _, d := range []time.Duration{0, -time.Second, 999 * time.Millisecond} {
		if err := c.Every(d, "heartbeat", noop); err == nil {
			t.Errorf("Every(%s) accepted", d)
		}
	}
	// Spec entries tick on the slots' instants, not robfig's own schedule.
	for _, e := range c.cron.Entries() {
		if _, ok := e.Schedule.(slotTicks); !ok {
			t.Errorf("entry %d ticks on %T, want slotTicks", e.ID, e.Schedule)
		}
	}
	if got := len(c.cron.Entries()); got != 2 {
		t.Errorf("%d entries, want 2", got)
	}
}

func TestSlotTicks(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	tests := []struct {
		spec  string
		after string
		want  string
	}{
		// robfig alone would tick next on 2025-03-10.
		{"30 2 * * *", "2025-03-09T01:00:00-05:00", "2025-03-09T03:00:00-04:00"},
		// robfig alone would tick again at 01:30 EST.
		{"30 1 * * *", "2025-11-02T01:30:00-04:00", "2025-11-03T01:30:00-05:00"},
	}
	for _, tt := range tests {
		ticks := slotTicks{mustParse(t, tt.spec, ny)}
		if got, want := ticks.Next(mustTime(t, tt.after)), mustTime(t, tt.want); !got.Equal(want) {
			t.Errorf("%s: next tick after %s = %s, want %s", tt.spec, tt.after, got, want)
		}
	}
}
