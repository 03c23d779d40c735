package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// An import is written only as previewed: a subscriber changed since the
// plan was made refuses the whole batch, rows before it included.
func TestApplyImportOnlyAsPlanned(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s := openTest(t, db)
		t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		on, err := s.AddSubscriber(ctx, "on@example.net", "", t0)
		if err != nil {
			t.Fatal(err)
		}
		plan := []digest.ImportRow{
			{Line: 2, Address: "new@example.net", Status: digest.SubscriberActive, Action: digest.ImportAdd},
			{Line: 3, Address: "on@example.net", Status: digest.SubscriberBounced, Action: digest.ImportUpdate, Was: digest.SubscriberActive},
			{Line: 4, Address: "skip@example.net", Action: digest.ImportRefused},
		}
		// Someone unsubscribes between the preview and the apply.
		if err := s.SetSubscriberStatus(ctx, on.ID, digest.SubscriberUnsubscribed, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.ApplyImport(ctx, plan, t0); !errors.Is(err, digest.ErrListChanged) {
			t.Fatalf("apply over a changed list: %v", err)
		}
		if _, err := s.Subscriber(ctx, "new@example.net"); !errors.Is(err, digest.ErrNotFound) {
			t.Errorf("a refused import wrote its first row: %v", err)
		}
		if err := s.SetSubscriberStatus(ctx, on.ID, digest.SubscriberActive, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.ApplyImport(ctx, plan, t0); err != nil {
			t.Fatal(err)
		}
		for addr, want := range map[string]digest.SubscriberStatus{"new@example.net": "active", "on@example.net": "bounced"} {
			if sub, err := s.Subscriber(ctx, addr); err != nil || sub.Status != want {
				t.Errorf("%s: %v %v, want %s", addr, sub, err, want)
			}
		}
		if _, err := s.Subscriber(ctx, "skip@example.net"); err == nil {
			t.Error("a refused row was written")
		}
	})
}

// An erasure leaves the address nowhere the catalog lists, keeps it off
// the list afterwards, and Mentions finds what is there before.
func TestEraseAndMentions(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s := openTest(t, db)
		s.SetErasureKey(digest.ErasureKey([]byte("a secret of the app, long enough")))
		t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		if _, err := s.AddSubscriber(ctx, "Who@Example.net", "Who Ever", t0); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportFromConfig(ctx, []digest.Subscriber{{Address: "who@example.net"}}, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.QueueSignup(ctx, "who@example.net", "Who Ever", nil, t0); err != nil {
			t.Fatal(err)
		}
		before, err := s.Mentions(ctx, "WHO@example.net")
		if err != nil || len(before) < 3 {
			t.Fatalf("before erasure Mentions found %v (%v)", before, err)
		}
		rows, err := s.Erase(ctx, "who@example.net", t0)
		if err != nil {
			t.Fatal(err)
		}
		if rows["subscribers"] != 1 || rows["notices"] != 1 || rows["config_imports"] != 1 {
			t.Errorf("erased rows: %v", rows)
		}
		for _, text := range []string{"who@example.net", "Who Ever"} {
			if left, err := s.Mentions(ctx, text); err != nil || len(left) > 0 {
				t.Errorf("after erasure %q is in %v (%v)", text, left, err)
			}
		}
		if _, err := s.AddSubscriber(ctx, "WHO@example.net", "", t0); !errors.Is(err, digest.ErrErased) {
			t.Errorf("add after erasure: %v", err)
		}
		if n, err := s.ImportFromConfig(ctx, []digest.Subscriber{{Address: "who@example.net"}}, t0); err != nil || n != 0 {
			t.Errorf("config import after erasure: %d %v", n, err)
		}
		if err := s.QueueSignup(ctx, "who@example.net", "Who Ever", nil, t0); err != nil {
			t.Fatal(err)
		}
		if left, _ := s.Mentions(ctx, "who@example.net"); len(left) > 0 {
			t.Errorf("the config or a sign-up wrote the address again: %v", left)
		}
		// Another key does not know the hash: the key matters.
		s.SetErasureKey(digest.ErasureKey([]byte("another secret, just as long....")))
		if erased, _ := s.Erased(ctx, "who@example.net"); erased {
			t.Error("the hash matched under another key")
		}
	})
}
