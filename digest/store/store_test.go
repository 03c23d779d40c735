package store

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/pgtest"
)

// backends are the databases every store test runs against.
var backends = []backend{
	{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "digest.db") }},
	{"postgres", pgtest.URL},
}

// backend makes new, empty databases of one kind.
type backend struct {
	name string
	dsn  func(t testing.TB) string // a new database each call
}

func eachBackend(t *testing.T, test func(t *testing.T, db backend)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { test(t, b) })
	}
}

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// openTest opens a new, empty store on db.
func openTest(t *testing.T, db backend) *Store {
	t.Helper()
	s, err := Open(context.Background(), db.dsn(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func article(id, title string) *digest.Article {
	return &digest.Article{ID: id, ContentHash: id + "-hash", Origin: digest.OriginFile, Source: id + ".txt",
		Title: title, Authors: []string{"Jane Doe"}, Published: time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC),
		Paragraphs: []string{"First paragraph.", "Second paragraph."}}
}

func TestMigrateTwice(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		dsn := db.dsn(t)
		s, err := Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		s2, err := Open(context.Background(), dsn)
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		defer s2.Close()
		files, _ := fs.Glob(migrations, "migrations/"+s2.db.d.name+"/*.sql")
		var n int
		if err := s2.db.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(files) || n == 0 {
			t.Fatalf("%d migrations recorded (err %v), want one per file (%d)", n, err, len(files))
		}
	})
}

func TestSaveArticlesKeepsWhatIsStored(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		n, err := s.SaveArticles(ctx, []*digest.Article{article("a", "Alpha"), article("b", "Beta")}, t0)
		if err != nil || n != 2 {
			t.Fatalf("first save: %d new, %v", n, err)
		}
		again := article("a", "Alpha rewritten")
		n, err = s.SaveArticles(ctx, []*digest.Article{again, article("c", "Gamma")}, t0.Add(time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("second save: %d new, %v; want 1", n, err)
		}
		arts, err := s.UnsentArticles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(arts) != 3 {
			t.Fatalf("%d articles stored, want 3", len(arts))
		}
		got := arts[0]
		if got.ID != "a" || got.Title != "Alpha" {
			t.Errorf("stored article was overwritten or reordered: %+v", got)
		}
		if got.Date() != "2023-05-01" || len(got.Authors) != 1 || len(got.Paragraphs) != 2 || got.Origin != digest.OriginFile {
			t.Errorf("round trip lost fields: %+v", got)
		}
	})
}

func TestUnsentExcludesSentEditions(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now := time.Now()
		if _, err := s.SaveArticles(ctx, []*digest.Article{article("a", "A"), article("b", "B"), article("c", "C")}, now); err != nil {
			t.Fatal(err)
		}
		draft := &digest.EditionRecord{ID: "e1", Key: "manual:e1", Kind: "manual", Status: digest.EditionDraft, CreatedAt: now,
			Items: []digest.Placement{{ArticleID: "a", Section: "S", Position: 0}}}
		sent := &digest.EditionRecord{ID: "e2", Key: "scheduled:2026-01-01", Kind: "scheduled", Status: digest.EditionSent, CreatedAt: now,
			Items: []digest.Placement{{ArticleID: "b", Section: "S", Position: 0}}}
		for _, e := range []*digest.EditionRecord{draft, sent} {
			if err := s.InsertEdition(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		arts, err := s.UnsentArticles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, a := range arts {
			ids = append(ids, a.ID)
		}
		if len(ids) != 2 || ids[0] != "a" || ids[1] != "c" {
			t.Errorf("unsent = %v, want [a c] (a draft does not use up an article, a sent edition does)", ids)
		}
	})
}

func TestEditionKeyIsUnique(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		e := &digest.EditionRecord{ID: "e1", Key: "scheduled:slot", Kind: "scheduled", Status: digest.EditionDraft, CreatedAt: time.Now(), Rendition: digest.Rendition{HTML: []byte("<p>x</p>")}}
		if err := s.InsertEdition(ctx, e); err != nil {
			t.Fatal(err)
		}
		dup := *e
		dup.ID = "e2"
		if err := s.InsertEdition(ctx, &dup); !errors.Is(err, digest.ErrKeyExists) {
			t.Fatalf("second edition with the same key: %v, want digest.ErrKeyExists", err)
		}
		got, err := s.Edition(ctx, "e1")
		if err != nil || string(got.HTML) != "<p>x</p>" || got.Status != digest.EditionDraft {
			t.Fatalf("edition e1 = %+v, %v", got, err)
		}
		if _, err := s.Edition(ctx, "e2"); !errors.Is(err, digest.ErrNotFound) {
			t.Fatalf("edition e2 should not exist: %v", err)
		}
		list, err := s.Editions(ctx, 10)
		if err != nil || len(list) != 1 {
			t.Fatalf("editions = %v, %v", list, err)
		}
	})
}

func TestBadItemRollsBackEdition(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		e := &digest.EditionRecord{ID: "e1", Key: "k", Kind: "manual", Status: digest.EditionDraft, CreatedAt: time.Now(),
			Items: []digest.Placement{{ArticleID: "missing", Section: "S"}}}
		if err := s.InsertEdition(ctx, e); err == nil {
			t.Fatal("an item naming an unknown article was accepted")
		}
		if _, err := s.Edition(ctx, "e1"); !errors.Is(err, digest.ErrNotFound) {
			t.Fatalf("half an edition was stored: %v", err)
		}
	})
}

// A PostgreSQL URL's password never reaches an error: neither a bad URL's
// nor an unreachable server's, in the user info or in the query.
func TestPostgresErrorsHideThePassword(t *testing.T) {
	for _, dsn := range []string{
		"postgres://digest:s3cretpw@127.0.0.1:1/digest?connect_timeout=2",
		"postgres://digest:s3cretpw@127.0.0.1:1/digest?sslmode=nonsense",
		"postgres://digest@127.0.0.1:1/digest?connect_timeout=2&password=s3cretpw",
		"postgres://digest@127.0.0.1:1/digest?password=s3cretpw&sslmode=nonsense",
		"postgres://digest@127.0.0.1:1/digest?connect_timeout=2&sslpassword=s3cretpw",
		"postgres://digest@127.0.0.1:1/digest?sslpassword=s3cretpw&connect_timeout=x",
	} {
		_, err := Open(context.Background(), dsn)
		if err == nil {
			t.Fatalf("%s: opened", digest.RedactURL(dsn))
		}
		if strings.Contains(err.Error(), "s3cretpw") || !strings.Contains(err.Error(), "127.0.0.1") {
			t.Errorf("error %q shows the password or hides the server", err)
		}
	}
}
