package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// claimOne queues nothing; it claims the only due row for instance "w".
func claimOne(t *testing.T, s *Store, now time.Time) digest.Notice {
	t.Helper()
	got, err := s.ClaimNotices(context.Background(), "w", now, 10)
	if err != nil || len(got) != 1 {
		t.Fatalf("claimed %+v, %v; want one row", got, err)
	}
	return got[0]
}

// What a sign-up request causes is decided by the worker from the
// address's standing, not by the request: a link for a new, pending or
// unsubscribed address, none for an active or bounced one or one mailed
// within the interval. A new address is pending with no name until its
// link is used.
func TestDecideSignup(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
		for addr, st := range map[string]digest.SubscriberStatus{"active@example.net": digest.SubscriberActive,
			"left@example.net": digest.SubscriberUnsubscribed, "bounced@example.net": digest.SubscriberBounced} {
			if _, _, err := s.AddSubscribers(ctx, []digest.Subscriber{{Address: addr, Status: st}}, now); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			address, name string
			at            time.Duration
			want          digest.NoticeStatus
			detail        string
		}{
			{"new@example.net", "Ada", 0, digest.NoticeReady, ""},
			{"NEW@example.net", "", time.Minute, digest.NoticeSkipped, "within"},
			{"new@example.net", "Ada L.", 2 * time.Hour, digest.NoticeReady, ""},
			{"active@example.net", "Mallory", 0, digest.NoticeSkipped, "already active"},
			{"left@example.net", "", 0, digest.NoticeReady, ""},
			{"bounced@example.net", "", 0, digest.NoticeSkipped, "bounced"},
		}
		for _, tt := range tests {
			at := now.Add(tt.at)
			if err := s.QueueSignup(ctx, tt.address, tt.name, nil, at); err != nil {
				t.Fatal(err)
			}
			n, err := s.DecideSignup(ctx, claimOne(t, s, at), at, time.Hour, 48*time.Hour)
			if err != nil || n.Status != tt.want || !strings.Contains(n.Detail, tt.detail) {
				t.Fatalf("%s at +%s: %+v, %v; want %s %q", tt.address, tt.at, n, err, tt.want, tt.detail)
			}
			if n.Status == digest.NoticeReady && (n.Nonce == "" || !n.ExpiresAt.Equal(at.Add(48*time.Hour))) {
				t.Errorf("%s: ready without a link: %+v", tt.address, n)
			}
			if n.Status == digest.NoticeReady {
				if err := s.FinishNotice(ctx, n.ID, n.ClaimedBy, digest.NoticeSent, "", at); err != nil { // as the worker does once it sent
					t.Fatal(err)
				}
			}
			if n.Status == digest.NoticeSkipped {
				if got, _ := s.ClaimNotices(ctx, "w", at, 10); len(got) != 0 {
					t.Errorf("a skipped row is claimed again")
				}
			}
		}
		sub, err := s.Subscriber(ctx, "new@example.net")
		if err != nil || sub.Status != digest.SubscriberPending || sub.Name != "" {
			t.Fatalf("new address: %+v, %v; want pending with no name", sub, err)
		}
		if left, _ := s.Subscriber(ctx, "left@example.net"); left.Status != digest.SubscriberUnsubscribed {
			t.Errorf("signing up made an unsubscribed address %s before its link was used", left.Status)
		}
		// The last link mailed is the one that works, with its name.
		nonce, _ := s.ConfirmationNonce(ctx, sub.ID)
		if name, _ := s.ConfirmationName(ctx, sub.ID); name != "Ada L." {
			t.Errorf("name waiting for the link %q", name)
		}
		if ok, err := s.Confirm(ctx, sub.ID, nonce, now.Add(3*time.Hour)); !ok || err != nil {
			t.Fatalf("confirm: %v, %v", ok, err)
		}
		if ok, _ := s.Confirm(ctx, sub.ID, nonce, now.Add(3*time.Hour)); ok {
			t.Error("a link confirmed twice")
		}
		sub, _ = s.SubscriberByID(ctx, sub.ID)
		if sub.Status != digest.SubscriberActive || sub.Name != "Ada L." {
			t.Errorf("after confirming: %+v", sub)
		}
		welcome := claimOne(t, s, now.Add(3*time.Hour))
		if welcome.Kind != digest.NoticeWelcome || welcome.SubscriberID != sub.ID || welcome.Status != digest.NoticeReady {
			t.Errorf("queued welcome %+v", welcome)
		}
	})
}

// An address is mailed another confirmation link an hour after its first,
// a day after its second and a week after any more while it uses none,
// so a stranger's address cannot be mailed without end; using a link
// starts the count again.
func TestUnusedLinksWaitLonger(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		start := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
		var last digest.Notice
		ask := func(after time.Duration) digest.NoticeStatus {
			t.Helper()
			at := start.Add(after)
			if err := s.QueueSignup(ctx, "target@example.net", "", nil, at); err != nil {
				t.Fatal(err)
			}
			n, err := s.DecideSignup(ctx, claimOne(t, s, at), at, time.Hour, 48*time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			if n.Status == digest.NoticeReady {
				last = n
				if err := s.FinishNotice(ctx, n.ID, n.ClaimedBy, digest.NoticeSent, "", at); err != nil {
					t.Fatal(err)
				}
			}
			return n.Status
		}
		steps := []struct {
			after time.Duration
			want  digest.NoticeStatus
		}{
			{0, digest.NoticeReady},
			{30 * time.Minute, digest.NoticeSkipped},
			{61 * time.Minute, digest.NoticeReady}, // an hour after the first
			{3 * time.Hour, digest.NoticeSkipped},  // the second wants a day
			{26 * time.Hour, digest.NoticeReady},
			{5 * 24 * time.Hour, digest.NoticeSkipped}, // the third wants a week
			{9 * 24 * time.Hour, digest.NoticeReady},
		}
		for _, st := range steps {
			if got := ask(st.after); got != st.want {
				t.Fatalf("a request at +%s: %s, want %s", st.after, got, st.want)
			}
		}
		if ok, err := s.Confirm(ctx, last.SubscriberID, last.Nonce, start.Add(9*24*time.Hour)); !ok || err != nil {
			t.Fatalf("confirm: %v, %v", ok, err)
		}
		welcome := claimOne(t, s, start.Add(9*24*time.Hour))
		if err := s.FinishNotice(ctx, welcome.ID, welcome.ClaimedBy, digest.NoticeSent, "", start.Add(9*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.SetSubscriberStatus(ctx, last.SubscriberID, digest.SubscriberUnsubscribed, start.Add(10*24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got := ask(10*24*time.Hour + 2*time.Hour); got != digest.NoticeReady {
			t.Errorf("after a link was used, the next request an hour on: %s, want ready", got)
		}
	})
}

// A row is due at its next attempt, claimed by one instance at a time
// (another takes it over once the claimer's lease ran out), counted on
// each claim, and done once finished.
func TestNoticeClaims(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
		beat := func(at time.Time) { // a heartbeat, in the database's clock
			t.Helper()
			lease, err := s.LeaseTime(ctx, now)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Register(ctx, Instance{ID: "a", Host: "h", PID: 1, StartedAt: lease, Heartbeat: lease.Add(at.Sub(now))}); err != nil {
				t.Fatal(err)
			}
		}
		beat(now)
		if err := s.QueueSignup(ctx, "x@example.net", "", nil, now); err != nil {
			t.Fatal(err)
		}
		got, _ := s.ClaimNotices(ctx, "a", now, 10)
		if len(got) != 1 || got[0].Attempts != 1 {
			t.Fatalf("a claimed %+v", got)
		}
		if s.db.d.shared {
			if got, _ := s.ClaimNotices(ctx, "b", now, 10); len(got) != 0 {
				t.Fatalf("b claimed a row a holds: %+v", got)
			}
		}
		// a's own claim is its to take again (a pass that failed midway).
		if got, _ := s.ClaimNotices(ctx, "a", now, 10); len(got) != 1 || got[0].Attempts != 2 {
			t.Fatalf("a claimed its own row again: %+v", got)
		}
		if err := s.RetryNotice(ctx, got[0].ID, got[0].ClaimedBy, now.Add(time.Minute), "421 try later", now); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.ClaimNotices(ctx, "b", now.Add(59*time.Second), 10); len(got) != 0 {
			t.Fatalf("claimed before its next attempt: %+v", got)
		}
		late := now.Add(DefaultLease + time.Minute)
		beat(now.Add(-2 * DefaultLease)) // a has gone quiet since
		got, _ = s.ClaimNotices(ctx, "b", late, 10)
		if len(got) != 1 || got[0].Attempts != 3 || got[0].Detail != "421 try later" {
			t.Fatalf("b claimed %+v", got)
		}
		if err := s.FinishNotice(ctx, got[0].ID, got[0].ClaimedBy, digest.NoticeSent, "", late); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.ClaimNotices(ctx, "b", late.Add(time.Hour), 10); len(got) != 0 {
			t.Fatalf("a sent row claimed: %+v", got)
		}
		if n, err := s.ForgetNotices(ctx, late.Add(time.Second)); n != 1 || err != nil {
			t.Errorf("forgot %d, %v; want the sent row", n, err)
		}
	})
}

// Instances working through the outbox together on PostgreSQL claim
// disjoint rows that cover them all, and however many requests for one
// new address are decided at once, one link is mailed.
func TestConcurrentNoticeWorkers(t *testing.T) {
	for _, db := range backends {
		if db.name != "postgres" {
			continue
		}
		t.Run(db.name, func(t *testing.T) {
			s := openTest(t, db)
			ctx := context.Background()
			now := time.Now()
			const rows, instances = 300, 6
			for i := range rows {
				addr := fmt.Sprintf("r%03d@example.net", i%(rows/3)) // three requests per address
				if err := s.QueueSignup(ctx, addr, "", nil, now); err != nil {
					t.Fatal(err)
				}
			}
			var mu sync.Mutex
			owner := map[int64]string{}
			ready := map[int64]int{}
			var wg sync.WaitGroup
			for i := range instances {
				id := fmt.Sprintf("i%d", i)
				if err := s.Register(ctx, Instance{ID: id, Host: "h", PID: i, StartedAt: now, Heartbeat: now}); err != nil {
					t.Fatal(err)
				}
				wg.Go(func() {
					for {
						batch, err := s.ClaimNotices(ctx, id, now, 7)
						if err != nil || len(batch) == 0 {
							if err != nil {
								t.Error(err)
							}
							return
						}
						for _, n := range batch {
							d, err := s.DecideSignup(ctx, n, now, time.Hour, time.Hour)
							if err != nil {
								t.Error(err)
								return
							}
							mu.Lock()
							if prev, ok := owner[n.ID]; ok {
								t.Errorf("row %d claimed by %s and %s", n.ID, prev, id)
							}
							owner[n.ID] = id
							if d.Status == digest.NoticeReady {
								ready[d.SubscriberID]++
							}
							mu.Unlock()
							if err := s.FinishNotice(ctx, n.ID, n.ClaimedBy, digest.NoticeSent, "", now); err != nil {
								t.Error(err)
							}
						}
					}
				})
			}
			wg.Wait()
			if len(owner) != rows {
				t.Errorf("%d of %d rows claimed", len(owner), rows)
			}
			if len(ready) != rows/3 {
				t.Errorf("%d addresses got a link, want %d", len(ready), rows/3)
			}
			for id, n := range ready {
				if n != 1 {
					t.Errorf("subscriber %d got %d links, want 1", id, n)
				}
			}
		})
	}
}

// Every subscriber has a random reference of its own, however the row
// was made, and is found by it.
func TestPublicIDs(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
		seen := map[string]bool{}
		for i := range 5 {
			sub, err := s.AddSubscriber(ctx, fmt.Sprintf("p%d@example.net", i), "", now)
			if err != nil {
				t.Fatal(err)
			}
			if len(sub.PublicID) != 32 || seen[sub.PublicID] {
				t.Fatalf("reference %q: want 32 hex digits, unique", sub.PublicID)
			}
			seen[sub.PublicID] = true
			if got, err := s.SubscriberByPublicID(ctx, sub.PublicID); err != nil || got.ID != sub.ID {
				t.Errorf("by reference: %+v, %v", got, err)
			}
		}
		if _, err := s.SubscriberByPublicID(ctx, ""); err == nil {
			t.Error("found a subscriber by an empty reference")
		}
	})
}

// A notices claim takes at most its limit on any plan, as a deliveries
// claim does (TestClaimHonoursItsLimitOnAnyPlan forces the plan that
// re-runs the claim's subquery for every row).
func TestNoticeClaimHonoursItsLimitOnAnyPlan(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		dsn := db.dsn(t)
		if isPostgresURL(dsn) {
			dsn += "?enable_hashagg=off&enable_sort=off&enable_hashjoin=off&enable_mergejoin=off&enable_material=off"
			if strings.Count(dsn, "?") > 1 {
				dsn = strings.Replace(dsn, "?enable", "&enable", 1)
			}
		}
		s, err := Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		ctx := context.Background()
		now := time.Now()
		for i := range 500 {
			if err := s.QueueSignup(ctx, fmt.Sprintf("q%03d@example.net", i), "", nil, now); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.ClaimNotices(ctx, "a", now, 32)
		if err != nil || len(got) != 32 {
			t.Fatalf("claimed %d notices (%v), want the limit of 32", len(got), err)
		}
	})
}

// A claimer whose notice another instance took over (it was frozen past
// its lease) can neither finish nor free it: only the holder can.
func TestNoticeChangesAreFencedByTheClaim(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now, err := s.LeaseTime(ctx, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.QueueSignup(ctx, "fenced@example.net", "", nil, now); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"a", "b"} {
			if err := s.Register(ctx, Instance{ID: id, Host: "h", StartedAt: now, Heartbeat: now}); err != nil {
				t.Fatal(err)
			}
		}
		old, _ := s.ClaimNotices(ctx, "a", now, 1)
		// a goes quiet past its lease, on the database's clock.
		if err := s.Heartbeat(ctx, "a", false, now.Add(-s.Lease()-time.Second)); err != nil {
			t.Fatal(err)
		}
		taken, _ := s.ClaimNotices(ctx, "b", now, 1)
		if len(old) != 1 || len(taken) != 1 {
			t.Fatalf("a claimed %d, then b took %d; want 1 and 1", len(old), len(taken))
		}
		if err := s.RetryNotice(ctx, old[0].ID, old[0].ClaimedBy, now, "421 later", now); err != nil {
			t.Fatal(err)
		}
		if err := s.FinishNotice(ctx, old[0].ID, old[0].ClaimedBy, digest.NoticeSent, "", now); err != nil {
			t.Fatal(err)
		}
		rows, _ := s.Notices(ctx, 10)
		var by string
		s.db.QueryRowContext(ctx, `SELECT claimed_by FROM notices WHERE id = ?`, old[0].ID).Scan(&by)
		if rows[0].Status != digest.NoticeQueued || by != "b" {
			t.Errorf("after a's stale retry and finish: status %s, claimed by %q; want queued, b's", rows[0].Status, by)
		}
	})
}
