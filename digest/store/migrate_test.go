package store

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// A database from before sign-up (schema 9), with a subscriber who has a
// delivery, upgrades in place: the subscribers table is rebuilt for the
// new status and nothing is lost, the deliveries' references included.
func TestUpgradeKeepsSubscribersAndDeliveries(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(migrations, "migrations/sqlite/*.sql")
	sort.Strings(names)
	mustExec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	mustExec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`)
	for i, name := range names[:9] {
		body, _ := migrations.ReadFile(name)
		mustExec(string(body))
		mustExec(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, '2026-01-01T00:00:00Z')`, i+1)
	}
	mustExec(`INSERT INTO subscribers (id, address, name, status, created_at, updated_at)
		VALUES (7, 'ada@example.net', 'Ada', 'unsubscribed', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')`)
	mustExec(`INSERT INTO editions (id, key, kind, status, title, created_at, built_at)
		VALUES ('e1', 'manual:e1', 'manual', 'sent', 'One', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`)
	mustExec(`INSERT INTO deliveries (edition_id, subscriber_id, status, updated_at) VALUES ('e1', 7, 'sent', '2026-01-01T00:00:00Z')`)
	db.Close()

	s, err := Open(ctx, file)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	sub, err := s.SubscriberByID(ctx, 7)
	if err != nil || sub.Address != "ada@example.net" || sub.Name != "Ada" || sub.Status != digest.SubscriberUnsubscribed {
		t.Fatalf("after the upgrade: %+v, %v", sub, err)
	}
	counts, err := s.DeliveryCounts(ctx, "e1")
	if err != nil || counts["sent"] != 1 {
		t.Errorf("deliveries after the upgrade: %v, %v", counts, err)
	}
	var problems int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&problems); err != nil || problems != 0 {
		t.Errorf("foreign key check: %d problems, %v", problems, err)
	}
	if len(sub.PublicID) != 32 {
		t.Errorf("an upgraded subscriber's reference is %q, want 32 random hex digits", sub.PublicID)
	}
	if err := s.QueueSignup(ctx, "new@example.net", "", sub.UpdatedAt); err != nil {
		t.Fatal(err)
	}
	queued, err := s.ClaimNotices(ctx, "i", sub.UpdatedAt, 10)
	if err != nil || len(queued) != 1 {
		t.Fatalf("claimed %v, %v", queued, err)
	}
	if n, err := s.DecideSignup(ctx, queued[0], sub.UpdatedAt, 0, time.Hour); err != nil || n.Status != NoticeReady {
		t.Errorf("a pending subscriber after the upgrade: %+v, %v", n, err)
	}
}
