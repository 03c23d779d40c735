package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// BenchmarkClaimOnAFreshEdition claims 256 rows of a just-inserted
// 100,000-row edition, with no statistics gathered since the insert, and
// logs the claim's plan (EXPLAIN ANALYZE, rolled back) on PostgreSQL:
//
//	go test -run '^$' -bench ClaimOnAFresh -benchtime 20x -v ./digest/store
func BenchmarkClaimOnAFreshEdition(b *testing.B) {
	for _, db := range backends {
		b.Run(db.name, func(b *testing.B) {
			s, err := Open(context.Background(), db.dsn(b))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			ctx := context.Background()
			now := time.Now()
			if _, err := s.db.ExecContext(ctx, `INSERT INTO subscribers (address, name, status, created_at, updated_at)
				SELECT 'r' || s.g || '@example.net', '', 'active', ?, ? FROM (`+series(100000)+`) AS s`,
				formatTime(now), formatTime(now)); err != nil {
				b.Fatal(err)
			}
			if err := s.InsertEdition(ctx, &digest.EditionRecord{ID: "e", Key: "k", Kind: "manual", Status: digest.EditionDraft, CreatedAt: now}); err != nil {
				b.Fatal(err)
			}
			if _, err := s.StartSending(ctx, "e", now); err != nil {
				b.Fatal(err)
			}
			if s.db.d.shared {
				b.Logf("plan of a claim of 256 rows:\n%s", explainClaim(b, s, now))
			}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				got, err := s.ClaimDeliveries(ctx, "e", "i"+string(rune('a'+i%26))+strings.Repeat("x", i/26), now, 256)
				if err != nil || len(got) != 256 {
					b.Fatalf("claimed %d rows (%v), want 256", len(got), err)
				}
			}
		})
	}
}

// explainClaim runs the claim under EXPLAIN ANALYZE in a transaction it
// rolls back.
func explainClaim(b *testing.B, s *Store, now time.Time) string {
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "EXPLAIN ANALYZE "+s.db.d.claimQuery(),
		"e", "explain", s.liveAfter(now), 256, "explain", formatTime(now), "e")
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var line string
		rows.Scan(&line)
		plan = append(plan, line)
	}
	return strings.Join(plan, "\n")
}
