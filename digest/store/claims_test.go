package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// sendingEdition stores an edition with n active subscribers and starts
// sending it, so its n delivery rows are pending.
func sendingEdition(t *testing.T, s *Store, n int, now time.Time) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		if _, err := s.AddSubscriber(ctx, fmt.Sprintf("r%05d@example.net", i), "", now); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.InsertEdition(ctx, &digest.EditionRecord{ID: "e", Key: "k", Kind: "manual", Status: digest.EditionDraft, CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.StartSending(ctx, "e", now); err != nil || got != n {
		t.Fatalf("start sending: %d rows, %v; want %d", got, err, n)
	}
}

// A live instance's claims are its own until its heartbeat is older than
// the lease; released rows are free at once. On SQLite one process owns
// the file, so another claimer is never alive and takes over at once.
func TestClaimsFollowTheLease(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
		sendingEdition(t, s, 3, now)
		if err := s.Register(ctx, Instance{ID: "a", Host: "h", PID: 1, StartedAt: now, Heartbeat: now}); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.ClaimDeliveries(ctx, "e", "a", now, 2); len(got) != 2 {
			t.Fatalf("a claimed %d, want 2", len(got))
		}
		soon := now.Add(DefaultLease / 2)
		got, _ := s.ClaimDeliveries(ctx, "e", "b", soon, 10)
		wantB := 1 // only the row nobody claimed
		if !s.db.d.shared {
			wantB = 3
		}
		if len(got) != wantB {
			t.Fatalf("b claimed %d while a is alive, want %d", len(got), wantB)
		}
		if !s.db.d.shared {
			return
		}
		if more, err := s.HasClaimable(ctx, "e", "b", soon); more || err != nil {
			t.Fatalf("b finds work (%v, %v) while a holds the rest", more, err)
		}
		if more, _ := s.HasClaimable(ctx, "e", "b", now.Add(DefaultLease+time.Second)); !more {
			t.Fatal("b finds no work once a's lease ran out")
		}
		if live, _ := s.Instances(ctx, soon); len(live) != 1 || live[0].ID != "a" {
			t.Fatalf("live instances %+v, want a", live)
		}
		late := now.Add(DefaultLease + time.Second)
		if got, _ := s.ClaimDeliveries(ctx, "e", "b", late, 10); len(got) != 2 {
			t.Fatalf("b took over %d of a's rows after its lease, want 2", len(got))
		}
		if err := s.ReleaseClaims(ctx, "e", "b"); err != nil {
			t.Fatal(err)
		}
		if err := s.Heartbeat(ctx, "a", false, late); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.ClaimDeliveries(ctx, "e", "a", late, 10); len(got) != 3 {
			t.Fatalf("a claimed %d released rows, want 3", len(got))
		}
	})
}

// Instances claiming one edition at once on PostgreSQL get disjoint
// batches that cover every row: SKIP LOCKED passes over rows another
// claim holds instead of waiting or taking them too. (SQLite has one
// process by design, so there is nothing to race there.)
func TestConcurrentClaimsAreDisjoint(t *testing.T) {
	for _, db := range backends {
		if db.name != "postgres" {
			continue
		}
		t.Run(db.name, func(t *testing.T) {
			s := openTest(t, db)
			ctx := context.Background()
			now := time.Now()
			const rows, instances = 2000, 6
			sendingEdition(t, s, rows, now)
			var mu sync.Mutex
			owner := map[int64]string{}
			var wg sync.WaitGroup
			for i := range instances {
				id := fmt.Sprintf("i%d", i)
				if err := s.Register(ctx, Instance{ID: id, Host: "h", PID: i, StartedAt: now, Heartbeat: now}); err != nil {
					t.Fatal(err)
				}
				wg.Go(func() {
					for {
						batch, err := s.ClaimDeliveries(ctx, "e", id, now, 37)
						if err != nil {
							t.Error(err)
							return
						}
						if len(batch) == 0 {
							return
						}
						mu.Lock()
						for _, d := range batch {
							if prev, ok := owner[d.Subscriber.ID]; ok {
								t.Errorf("row %d claimed by %s and %s", d.Subscriber.ID, prev, id)
							}
							owner[d.Subscriber.ID] = id
						}
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			if len(owner) != rows {
				t.Fatalf("%d rows claimed, want %d", len(owner), rows)
			}
			per := map[string]int{}
			for _, id := range owner {
				per[id]++
			}
			t.Logf("rows per instance: %v", per)
		})
	}
}

// A sender whose rows another instance claimed (it was frozen past its
// lease, then thawed) changes none of them: every change is fenced by the
// claim's instance and token, so it neither starts sending them nor marks
// them sent, failed or deferred. Its bounce is not recorded either.
func TestStaleClaimChangesNothing(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now, err := s.LeaseTime(ctx, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		sendingEdition(t, s, 3, now)
		for _, id := range []string{"a", "b"} {
			if err := s.Register(ctx, Instance{ID: id, Host: "h", StartedAt: now, Heartbeat: now}); err != nil {
				t.Fatal(err)
			}
		}
		old, _ := s.ClaimDeliveries(ctx, "e", "a", now, 3)
		w, err := s.NewDeliveryWriter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		if err := w.MarkSending(old[0].Claim(), now); err != nil {
			t.Fatalf("a's own row: %v", err)
		}
		// a freezes; b finds its lease run out and takes every row.
		late := now.Add(s.Lease() + time.Second)
		taken, _ := s.ClaimDeliveries(ctx, "e", "b", late, 10)
		if len(taken) != 3 {
			t.Fatalf("b took %d rows, want 3", len(taken))
		}
		for _, d := range taken {
			if d.Token <= old[0].Token && d.Subscriber.ID == old[0].Subscriber.ID {
				t.Errorf("takeover kept token %d", d.Token)
			}
		}
		// a thaws: its heartbeat resumes, and it tries to go on.
		s.Heartbeat(ctx, "a", false, now)
		checks := map[string]error{
			"sending": w.MarkSending(old[1].Claim(), now),
			"sent":    w.MarkSent(old[0].Claim(), "m@x", now),
			"failed":  w.MarkFailed(old[2].Claim(), "550 no such user", true, now),
		}
		sentErr, nextErr := w.MarkSentThenSending(old[0].Claim(), "m@x", old[1].Claim(), now)
		checks["sent, then sending: sent"], checks["sent, then sending: sending"] = sentErr, nextErr
		checks["deferred"] = w.MarkDeferred(old[1].Claim(), "451", now)
		for what, err := range checks {
			if !errors.Is(err, digest.ErrClaimLost) {
				t.Errorf("a marking %s a row b holds: %v, want digest.ErrClaimLost", what, err)
			}
		}
		rows, _ := s.Deliveries(ctx, "e", 0)
		for _, r := range rows {
			if r.Status != digest.DeliveryPending || r.MessageID != "" || r.Subscriber.Status != digest.SubscriberActive {
				t.Errorf("row %d changed by a stale claim: %+v", r.Subscriber.ID, r)
			}
		}
		// b's claims hold.
		if err := w.MarkSending(taken[1].Claim(), now); err != nil {
			t.Errorf("b's own row: %v", err)
		}
		// Dropping a batch releases only rows still the dropper's.
		if err := s.ReleaseRows(ctx, old); err != nil {
			t.Fatal(err)
		}
		var held int
		s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM deliveries WHERE claimed_by = 'b'`).Scan(&held)
		if held != 3 {
			t.Errorf("b holds %d rows after a released its stale claims, want 3", held)
		}
	})
}

// On PostgreSQL the sending update checks the sender's own lease on the
// server's clock: a sender whose heartbeat is older than the lease may
// not start a transaction even when nobody has taken its row yet, since
// anybody may take it at any moment.
func TestSendingNeedsALiveLease(t *testing.T) {
	db := backends[len(backends)-1]
	if db.name != "postgres" {
		t.Fatal("the last backend should be postgres")
	}
	s := openTest(t, db)
	ctx := context.Background()
	now, err := s.LeaseTime(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	sendingEdition(t, s, 2, now)
	if err := s.Register(ctx, Instance{ID: "a", Host: "h", StartedAt: now, Heartbeat: now}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.ClaimDeliveries(ctx, "e", "a", now, 2)
	w, err := s.NewDeliveryWriter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.MarkSending(got[0].Claim(), now); err != nil {
		t.Fatalf("with a live lease: %v", err)
	}
	// Its last heartbeat, as the database sees it, is a lease and a
	// second ago.
	if err := s.Heartbeat(ctx, "a", false, now.Add(-s.Lease()-time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := w.MarkSending(got[1].Claim(), now); !errors.Is(err, digest.ErrClaimLost) {
		t.Errorf("with a lapsed lease: %v, want digest.ErrClaimLost", err)
	}
	// What was sent before the lease lapsed is still recorded.
	if err := w.MarkSent(got[0].Claim(), "m@x", now); err != nil {
		t.Errorf("recording a message sent in time: %v", err)
	}
}

// A claim takes at most its limit, whatever plan the database chooses. On
// a just-inserted edition PostgreSQL may join the rows to the claim's
// "SELECT … LIMIT n FOR UPDATE SKIP LOCKED" as the inner side of a nested
// loop, re-running it for every row: each run locks the next n rows, and
// one claim takes nearly the whole edition in quadratic time. The planner
// settings below force that plan, which the materialized CTE must survive.
func TestClaimHonoursItsLimitOnAnyPlan(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		dsn := db.dsn(t)
		if isPostgresURL(dsn) {
			sep := "?"
			if strings.Contains(dsn, "?") {
				sep = "&"
			}
			dsn += sep + "enable_hashagg=off&enable_sort=off&enable_hashjoin=off&enable_mergejoin=off&enable_material=off"
		}
		s, err := Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		ctx := context.Background()
		now := time.Now()
		if _, err := s.db.ExecContext(ctx, `INSERT INTO subscribers (address, name, status, created_at, updated_at)
			SELECT 'r' || s.g || '@example.net', '', 'active', ?, ? FROM (`+series(2000)+`) AS s`,
			formatTime(now), formatTime(now)); err != nil {
			t.Fatal(err)
		}
		if err := s.InsertEdition(ctx, &digest.EditionRecord{ID: "e", Key: "k", Kind: "manual", Status: digest.EditionDraft, CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StartSending(ctx, "e", now); err != nil {
			t.Fatal(err)
		}
		for i, id := range []string{"a", "b", "c"} {
			got, err := s.ClaimDeliveries(ctx, "e", id, now, 256)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 256 {
				t.Errorf("claim %d took %d rows, want its limit of 256", i+1, len(got))
			}
		}
	})
}

// series is a query of the numbers 1…n in column g, on both databases.
func series(n int) string {
	return fmt.Sprintf(`WITH RECURSIVE n(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM n WHERE g < %d) SELECT g FROM n`, n)
}
