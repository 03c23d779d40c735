package store

import (
	"context"
	"testing"
	"time"
)

// A webhook id is new once; the same id from another provider is its
// own; a forgotten one is new again; one older than the window is pruned.
func TestRememberWebhook(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s := openTest(t, db)
		t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		remember := func(provider, id string, now time.Time) bool {
			t.Helper()
			fresh, err := s.RememberWebhook(ctx, provider, id, now, now.Add(-time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			return fresh
		}
		if !remember("mailgun", "tok1", t0) {
			t.Fatal("first id not new")
		}
		if remember("mailgun", "tok1", t0.Add(time.Minute)) {
			t.Fatal("replayed id taken as new")
		}
		if !remember("sendgrid", "tok1", t0) {
			t.Fatal("another provider's id taken as a replay")
		}
		if err := s.ForgetWebhook(ctx, "sendgrid", "tok1"); err != nil {
			t.Fatal(err)
		}
		if !remember("sendgrid", "tok1", t0) {
			t.Fatal("forgotten id not new")
		}
		if !remember("mailgun", "tok1", t0.Add(2*time.Hour)) {
			t.Fatal("id past the window not pruned")
		}
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM webhook_receipts`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Fatalf("%d receipts kept, want 1 (the others are past the window)", n)
		}
	})
}
