package runner_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/app"
	"github.com/digest-newsletter/digest/digest/runner"
	"github.com/digest-newsletter/digest/digest/store"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
	"github.com/digest-newsletter/digest/digest/testkit/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// Two instances on one PostgreSQL database reconcile the same slot at the
// same instant, slot after slot: each slot gets one edition, whether it is
// built or skipped, and each subscriber one message of each edition sent.
// Leadership normally keeps the second instance out; this leaves it in,
// because the slot key's uniqueness is what must hold when leadership
// changes hands mid-reconcile.
func TestRacingReconcilesBuildOnce(t *testing.T) {
	for i := range 4 { // a fresh database each time: each seed builds once
		t.Run(fmt.Sprint(i), raceReconciles)
	}
}

func raceReconciles(t *testing.T) {
	url := pgtest.URL(t)
	base := t.TempDir()
	drop := filepath.Join(base, "drop")
	os.MkdirAll(drop, 0o755)
	seeds, _ := filepath.Glob("../../seeds/*.txt")
	if len(seeds) == 0 {
		t.Fatal("no seeded articles found")
	}
	clock := &desktest.Clock{}
	start := time.Date(2026, 12, 7, 0, 30, 0, 0, time.UTC)
	clock.Set(start)
	var runners []*runner.Runner
	var outboxes []string
	for i := range 2 {
		dir := filepath.Join(base, fmt.Sprint(i))
		cfg := fmt.Sprintf("data_dir: %s\nsubscribers: [{address: ada@example.net}, {address: grace@example.net}]\n"+
			"database:\n  url: %q\nsources:\n  seeds: false\n  drop_folders: [%q]\n"+
			"schedule:\n  spec: \"0 * * * *\"\n  time_zone: UTC\n  catch_up: 2h\n  min_new_articles: 1\n"+
			"brand:\n  cadence: every hour\n", dir, url, drop)
		path := filepath.Join(base, fmt.Sprintf("digest%d.yaml", i))
		os.WriteFile(path, []byte(cfg), 0o600)
		a, err := app.Open(context.Background(), app.Options{ConfigPath: path, Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		r, err := a.Runner()
		if err != nil {
			t.Fatal(err)
		}
		runners = append(runners, r)
		outboxes = append(outboxes, a.Config.ResolveDataPath(a.Config.Outbox))
	}
	ctx := context.Background()
	if _, err := runners[0].Reconcile(ctx); err != nil { // the first start: slots from now on
		t.Fatal(err)
	}
	st := mustStore(t, url)
	const rounds = 10
	sentEditions := 0
	for round := range rounds {
		if round < len(seeds) { // news for this slot, else it is skipped
			body, _ := os.ReadFile(seeds[round])
			file := filepath.Join(drop, filepath.Base(seeds[round]))
			os.WriteFile(file, body, 0o644)
			// A drop folder reads a file once it has settled.
			settled := time.Now().Add(-time.Hour)
			os.Chtimes(file, settled, settled)
		}
		clock.Set(start.Add(time.Duration(round+1) * time.Hour))
		var wg sync.WaitGroup
		reports := make([]*runner.Report, len(runners))
		errs := make([]error, len(runners))
		gate := make(chan struct{})
		for i, r := range runners {
			wg.Go(func() {
				<-gate
				reports[i], errs[i] = r.Reconcile(ctx)
			})
		}
		close(gate)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, instance %d: %v", round, i, err)
			}
		}
		slot := clock.Now().Truncate(time.Hour)
		eds, err := st.Editions(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		slots := 0
		for _, e := range eds {
			if e.Kind == digest.ScheduledEdition && e.SlotAt.Equal(slot) {
				slots++
				if e.Status == digest.EditionSent {
					sentEditions++
				}
			}
		}
		if slots != 1 {
			t.Fatalf("round %d (%s): %d editions for the slot, want 1; reports %+v %+v", round, slot, slots, reports[0], reports[1])
		}
	}
	msgs := 0
	for _, dir := range outboxes {
		files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
		msgs += len(files)
	}
	t.Logf("%d rounds: %d editions sent, %d messages", rounds, sentEditions, msgs)
	if sentEditions == 0 {
		t.Fatal("no slot built an edition: the race was never run on a build")
	}
	if msgs != 2*sentEditions {
		t.Errorf("%d messages for %d sent editions and 2 subscribers, want %d", msgs, sentEditions, 2*sentEditions)
	}
}

func mustStore(t *testing.T, url string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
