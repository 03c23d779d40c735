package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

func TestConfigSubscribersAreImportedOnce(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now := time.Now()
		cfg := []digest.Subscriber{{Address: "ann@example.com", Name: "Ann"}, {Address: "Bob@Example.com", Name: "Müller, Bob"}}
		if n, err := s.ImportFromConfig(ctx, cfg, now); err != nil || n != 2 {
			t.Fatalf("first import: %d, %v", n, err)
		}
		bob, err := s.Subscriber(ctx, "bob@example.com") // addresses compare case-insensitively
		if err != nil || bob.Name != "Müller, Bob" {
			t.Fatalf("bob: %+v, %v", bob, err)
		}
		if err := s.SetSubscriberStatus(ctx, bob.ID, digest.SubscriberUnsubscribed, now); err != nil {
			t.Fatal(err)
		}
		// The config still lists Bob, and adds Cy.
		cfg = append(cfg, digest.Subscriber{Address: "cy@example.com"})
		if n, err := s.ImportFromConfig(ctx, cfg, now); err != nil || n != 1 {
			t.Fatalf("second import: %d, %v; want only cy", n, err)
		}
		bob, _ = s.Subscriber(ctx, "bob@example.com")
		if bob.Status != digest.SubscriberUnsubscribed {
			t.Errorf("the config brought bob back: %s", bob.Status)
		}
		if _, err := s.AddSubscriber(ctx, "BOB@example.com", "", now); !errors.Is(err, digest.ErrExists) {
			t.Errorf("adding bob again: %v, want digest.ErrExists", err)
		}
		bob, _ = s.Subscriber(ctx, "bob@example.com")
		if bob.Status != digest.SubscriberUnsubscribed {
			t.Errorf("add resubscribed bob: %s", bob.Status)
		}
		active, _ := s.Subscribers(ctx, digest.SubscriberActive)
		if len(active) != 2 {
			t.Errorf("%d active, want ann and cy", len(active))
		}
	})
}

func TestDeliveryLifecycle(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now := time.Now()
		var ids []int64
		for _, a := range []string{"a@x.org", "b@x.org", "c@x.org", "d@x.org"} {
			sub, err := s.AddSubscriber(ctx, a, "", now)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, sub.ID)
		}
		s.SetSubscriberStatus(ctx, ids[3], digest.SubscriberBounced, now)
		if err := s.InsertEdition(ctx, &digest.EditionRecord{ID: "e", Key: "k", Kind: "manual", Status: digest.EditionDraft, CreatedAt: now}); err != nil {
			t.Fatal(err)
		}
		if n, err := s.StartSending(ctx, "e", now); err != nil || n != 3 {
			t.Fatalf("start: %d rows, %v; want 3 (the bounced one left out)", n, err)
		}
		// A subscriber who joins mid-send is not added to this edition.
		s.AddSubscriber(ctx, "late@x.org", "", now)
		if n, err := s.StartSending(ctx, "e", now); err != nil || n != 0 {
			t.Fatalf("resume: %d rows, %v; want 0", n, err)
		}
		// Both instances are alive by the database's clock, which the
		// sending update checks; "one" then dies (it stops beating).
		live, err := s.LeaseTime(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"one", "two"} {
			if err := s.Register(ctx, Instance{ID: id, Host: "h", StartedAt: live, Heartbeat: live}); err != nil {
				t.Fatal(err)
			}
		}
		due, err := s.ClaimDeliveries(ctx, "e", "one", now, 2)
		if err != nil || len(due) != 2 || due[0].Subscriber.ID != ids[0] {
			t.Fatalf("first claim: %+v, %v", due, err)
		}
		next, _ := s.ClaimDeliveries(ctx, "e", "one", now, 2)
		if len(next) != 1 || next[0].Subscriber.ID != ids[2] {
			t.Fatalf("second claim: %+v", next)
		}
		if again, _ := s.ClaimDeliveries(ctx, "e", "one", now, 2); len(again) != 0 {
			t.Fatalf("an instance claimed its own rows twice: %+v", again)
		}
		w, err := s.NewDeliveryWriter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(w.MarkSending(due[0].Claim(), now))
		must(w.MarkSent(due[0].Claim(), "m0@x.org", now))
		must(w.MarkSending(due[1].Claim(), now)) // killed here: stays sending
		must(w.MarkSending(next[0].Claim(), now))
		must(w.MarkFailed(next[0].Claim(), "550 5.1.1 no such user", true, now))
		if done, _ := s.FinishIfDone(ctx, "e"); done {
			t.Fatal("finished with a row still sending")
		}
		// "one" beats no more: after the lease another instance takes
		// over the row it left in sending, to send it again.
		taken, _ := s.ClaimDeliveries(ctx, "e", "two", now.Add(s.Lease()+time.Second), 10)
		if len(taken) != 1 || taken[0].Subscriber.ID != ids[1] || taken[0].Status != digest.DeliveryPending {
			t.Fatalf("takeover: %+v, want only the row left sending, pending again", taken)
		}
		c := taken[0].Claim()
		must(w.MarkSending(c, now))
		must(w.MarkDeferred(c, "451 try later", now))
		if done, _ := s.FinishIfDone(ctx, "e"); done {
			t.Fatal("finished with a deferred row")
		}
		must(w.MarkSending(c, now))
		must(w.MarkSent(c, "m1@x.org", now))
		if done, err := s.FinishIfDone(ctx, "e"); !done || err != nil {
			t.Fatalf("not finished: %v", err)
		}
		counts, _ := s.DeliveryCounts(ctx, "e")
		if counts["sent"] != 2 || counts["failed"] != 1 || len(counts) != 2 {
			t.Errorf("counts %v", counts)
		}
		rows, _ := s.Deliveries(ctx, "e", 0)
		if rows[1].Attempts != 3 || rows[2].Subscriber.Status != digest.SubscriberBounced || rows[2].LastError == "" {
			t.Errorf("rows %+v", rows)
		}
		if _, err := s.StartSending(ctx, "e", now); !errors.Is(err, digest.ErrAlreadySent) {
			t.Errorf("sending a sent edition: %v", err)
		}
	})
}

func TestSecretIsStable(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		a, err := s.Secret(context.Background(), "unsubscribe", 32)
		if err != nil || len(a) != 32 {
			t.Fatal(len(a), err)
		}
		b, _ := s.Secret(context.Background(), "unsubscribe", 32)
		if string(a) != string(b) {
			t.Error("secret changed between calls")
		}
	})
}
