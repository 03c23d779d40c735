package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestHostLimiterSpacesRequestsPerHost(t *testing.T) {
	type step struct {
		advance time.Duration
		host    string
		want    time.Duration
	}
	tests := []struct {
		name     string
		interval time.Duration
		steps    []step
	}{
		{
			name: "back to back to one host", interval: time.Second,
			steps: []step{{0, "a.example", 0}, {0, "a.example", time.Second}, {0, "a.example", 2 * time.Second}},
		},
		{
			name: "hosts are independent", interval: time.Second,
			steps: []step{{0, "a.example", 0}, {0, "b.example", 0}, {0, "a.example", time.Second}, {0, "b.example", time.Second}},
		},
		{
			name: "host names are case-insensitive", interval: time.Second,
			steps: []step{{0, "A.Example", 0}, {0, "a.example", time.Second}},
		},
		{
			name: "waiters catch up as time passes", interval: time.Second,
			steps: []step{{0, "a.example", 0}, {0, "a.example", time.Second}, {300 * time.Millisecond, "a.example", 1700 * time.Millisecond}},
		},
		{
			name: "idle time banks no burst", interval: time.Second,
			steps: []step{{0, "a.example", 0}, {time.Minute, "a.example", 0}, {0, "a.example", time.Second}},
		},
		{
			name: "negative interval is no limit", interval: -1,
			steps: []step{{0, "a.example", 0}, {0, "a.example", 0}, {0, "a.example", 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{now: epoch}
			l := newHostLimiter(tt.interval, clock.Now)
			for i, s := range tt.steps {
				clock.now = clock.now.Add(s.advance)
				if got := l.reserve(s.host); got != s.want {
					t.Errorf("step %d (%s): wait %v, want %v", i, s.host, got, s.want)
				}
			}
		})
	}
}

func TestHostLimiterQueuesConcurrentCallers(t *testing.T) {
	const callers = 8
	clock := &fakeClock{now: epoch}
	l := newHostLimiter(time.Second, clock.Now)
	waits := make([]time.Duration, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() { waits[i] = l.reserve("a.example") })
	}
	wg.Wait()
	slices.Sort(waits)
	for i, got := range waits {
		if want := time.Duration(i) * time.Second; got != want {
			t.Errorf("caller %d in line waits %v, want %v", i, got, want)
		}
	}
}

func TestHostLimiterForgetsPastHosts(t *testing.T) {
	clock := &fakeClock{now: epoch}
	l := newHostLimiter(time.Second, clock.Now)
	for i := range pruneAbove + 1 {
		l.reserve(fmt.Sprintf("host%d.example", i))
	}
	clock.now = clock.now.Add(time.Minute)
	l.reserve("late.example")
	if len(l.next) != 1 {
		t.Errorf("limiter remembers %d hosts, want only the one still waited on", len(l.next))
	}
}

func TestHostLimiterWaitEndsWithContext(t *testing.T) {
	clock := &fakeClock{now: epoch} // frozen: the second turn never comes
	l := newHostLimiter(time.Hour, clock.Now)
	if err := l.wait(context.Background(), "a.example"); err != nil {
		t.Fatalf("first wait: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := l.wait(ctx, "a.example"); !errors.Is(err, context.Canceled) {
		t.Errorf("second wait: %v, want context.Canceled", err)
	}
}

// The limiter is consulted by Get, for the first request and for each
// redirect hop: with a frozen clock a second turn at the host never comes.
func TestGetWaitsItsTurn(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed", http.StatusFound)
	})
	srv, hits := countingServer(t, mux.ServeHTTP)
	tests := []struct {
		name  string
		paths []string // fetched in turn; only the first gets through
	}{
		{name: "second request", paths: []string{"/feed", "/feed"}},
		{name: "redirect hop", paths: []string{"/moved"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits.Store(0)
			opts := testOptions()
			opts.PerHostInterval = time.Hour
			opts.Timeout = 200 * time.Millisecond
			opts.Clock = &fakeClock{now: epoch}
			f := New(opts)
			var err error
			for _, p := range tt.paths {
				ctx, cancel := context.WithTimeout(testContext(t), 200*time.Millisecond)
				_, err = f.Get(ctx, Request{URL: srv.URL + p})
				cancel()
			}
			if !isTimeout(err) {
				t.Errorf("last Get: %v, want a deadline while waiting for the host", err)
			}
			if n := hits.Load(); n != 1 {
				t.Errorf("server saw %d requests, want 1", n)
			}
		})
	}
}

// However many hosts the requests go to, at most MaxConcurrent are in
// flight at once.
func TestMaxConcurrentFetches(t *testing.T) {
	var inFlight, most atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n := inFlight.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		inFlight.Add(-1)
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	opts := testOptions()
	opts.MaxConcurrent = 3
	f := New(opts)
	var wg sync.WaitGroup
	for range 12 {
		wg.Go(func() {
			if _, err := f.Get(testContext(t), Request{URL: srv.URL}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if m := most.Load(); m > 3 || m < 2 {
		t.Errorf("%d requests in flight at once, want at most 3 (and the test to reach it)", m)
	}
}
