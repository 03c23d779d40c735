package store

import (
	"context"
	"fmt"
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
	if err := s.InsertEdition(ctx, &Edition{ID: "e", Key: "k", Kind: "manual", Status: digest.EditionDraft, CreatedAt: now}); err != nil {
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
		soon := now.Add(Lease / 2)
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
		if more, _ := s.HasClaimable(ctx, "e", "b", now.Add(Lease+time.Second)); !more {
			t.Fatal("b finds no work once a's lease ran out")
		}
		if live, _ := s.Instances(ctx, soon); len(live) != 1 || live[0].ID != "a" {
			t.Fatalf("live instances %+v, want a", live)
		}
		late := now.Add(Lease + time.Second)
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
