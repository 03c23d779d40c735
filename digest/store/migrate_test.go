package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
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
	if err := s.QueueSignup(ctx, "new@example.net", "", nil, sub.UpdatedAt); err != nil {
		t.Fatal(err)
	}
	queued, err := s.ClaimNotices(ctx, "i", sub.UpdatedAt, 10)
	if err != nil || len(queued) != 1 {
		t.Fatalf("claimed %v, %v", queued, err)
	}
	if n, err := s.DecideSignup(ctx, queued[0], sub.UpdatedAt, 0, time.Hour); err != nil || n.Status != digest.NoticeReady {
		t.Errorf("a pending subscriber after the upgrade: %+v, %v", n, err)
	}
}

// A database from before superseded editions (SQLite's schema 13,
// PostgreSQL's 2) upgrades in place: a draft that shares an article with
// a newer edition already sent becomes superseded by it, and nothing
// else changes.
func TestUpgradeSupersedesWhatWasSentOver(t *testing.T) {
	eachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		dsn := b.dsn(t)
		driver, source, before := "pgx", dsn, 3
		if b.name == "sqlite" {
			driver, source, before = "sqlite", "file:"+dsn+"?_pragma=foreign_keys(1)", 14
		}
		db, err := sql.Open(driver, source)
		if err != nil {
			t.Fatal(err)
		}
		mustExec := func(q string) {
			t.Helper()
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%.60s: %v", q, err)
			}
		}
		mustExec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`)
		names, _ := fs.Glob(migrations, "migrations/"+b.name+"/*.sql")
		sort.Strings(names)
		for _, name := range names {
			var version int
			fmt.Sscanf(path.Base(name), "%d_", &version)
			if version >= before {
				continue
			}
			body, _ := migrations.ReadFile(name)
			mustExec(string(body))
			mustExec(fmt.Sprintf(`INSERT INTO schema_migrations (version, applied_at) VALUES (%d, '2026-01-01T00:00:00Z')`, version))
		}
		mustExec(`INSERT INTO articles (id, content_hash, origin, source, title, paragraphs, first_seen, last_seen)
			VALUES ('a', 'ha', 'file', 'a.txt', 'A', '[]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
			       ('b', 'hb', 'file', 'b.txt', 'B', '[]', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`)
		for _, e := range []struct {
			id, status string
			issue      int
			article    string
		}{{"e1", "draft", 1, "a"}, {"e2", "sent", 2, "a"}, {"e3", "approved", 3, "b"}} {
			mustExec(fmt.Sprintf(`INSERT INTO editions (id, key, kind, status, issue, created_at) VALUES ('%s', '%[1]s', 'manual', '%s', %d, '2026-01-01T00:00:00Z')`,
				e.id, e.status, e.issue))
			mustExec(fmt.Sprintf(`INSERT INTO edition_items (edition_id, article_id, section, position) VALUES ('%s', '%s', 'S', 0)`, e.id, e.article))
		}
		db.Close()

		s, err := Open(ctx, dsn)
		if err != nil {
			t.Fatalf("upgrade: %v", err)
		}
		defer s.Close()
		for id, want := range map[string]digest.EditionStatus{"e1": digest.EditionSuperseded, "e2": digest.EditionSent, "e3": digest.EditionApproved} {
			e, err := s.Edition(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			superseded := want == digest.EditionSuperseded
			if e.Status != want || superseded != (e.SupersededBy == "e2") ||
				superseded != (e.Note == "superseded by e2 (No. 2), which carries the same articles") {
				t.Errorf("%s after the upgrade: %s, superseded by %q, note %q; want %s", id, e.Status, e.SupersededBy, e.Note, want)
			}
		}
	})
}
