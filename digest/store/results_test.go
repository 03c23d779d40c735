package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Clicks are counted per edition and item and nothing else: the table
// has no column that could say who clicked, from where or with what.
func TestClicksAreAggregates(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
		for _, id := range []string{"e1", "e2"} {
			if err := s.InsertEdition(ctx, &digest.EditionRecord{ID: id, Key: "manual:" + id, Kind: "manual",
				Status: digest.EditionSent, CreatedAt: now}); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct {
			ed   string
			item string
		}{{"e1", "a"}, {"e1", "a"}, {"e1", "c"}, {"e2", "a"}} {
			if err := s.CountClick(ctx, c.ed, c.item); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.EditionClicks(ctx, "e1")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got["a"] != 2 || got["c"] != 1 {
			t.Errorf("clicks of e1 = %v, want map[a:2 c:1]", got)
		}
		if err := s.CountClick(ctx, "e1", ""); err == nil {
			t.Error("a click on no item was counted")
		}
		if err := s.CountClick(ctx, "nope", "a"); err == nil {
			t.Error("a click on an edition that does not exist was counted")
		}
		q := `SELECT name FROM pragma_table_info('edition_clicks') ORDER BY name`
		if db.name == "postgres" {
			q = `SELECT column_name FROM information_schema.columns WHERE table_name = 'edition_clicks' ORDER BY column_name`
		}
		rows, err := s.db.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var cols []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			cols = append(cols, c)
		}
		if want := []string{"clicks", "edition_id", "item_id"}; !slices.Equal(cols, want) {
			t.Errorf("edition_clicks columns = %v, want %v and nothing about the reader", cols, want)
		}
	})
}
