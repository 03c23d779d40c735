package eval

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/digest-newsletter/digest/digest/summarize"
)

// ducDir is where the converted DUC 2006 data is: $DIGEST_DUC_DATA, or
// the cache folder DUCHowTo suggests.
func ducDir() string {
	if d := os.Getenv("DIGEST_DUC_DATA"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "digest", "duc2006")
}

func loadDUC(tb testing.TB) *DUC {
	tb.Helper()
	d, err := LoadDUC(ducDir())
	if err != nil {
		tb.Skipf("SKIPPED: no DUC 2006 data at %s (%v). To run: %s", ducDir(), err, DUCHowTo)
	}
	return d
}

// TestCalibrationAgreesWithNIST: our ROUGE must reproduce NIST's official
// figures for the participants, at each set's own length, before any of
// its figures count: DUC 2006 (250 words) and, beside it in the same
// cache folder, the DUC 2007 update sets (100 words).
func TestCalibrationAgreesWithNIST(t *testing.T) {
	d := loadDUC(t)
	sets := map[string]*DUC{"DUC 2006": d}
	if d7, err := LoadDUC(filepath.Join(filepath.Dir(ducDir()), "duc2007_update")); err == nil {
		sets["DUC 2007 update"] = d7
	} else {
		t.Logf("SKIPPED the DUC 2007 update sets: %v. To run: %s", err, DUCHowTo)
	}
	want := map[string]int{"DUC 2006": 250, "DUC 2007 update": 100}
	for name, d := range sets {
		t.Run(name, func(t *testing.T) {
			if got := d.OfficialWords(); got != want[name] {
				t.Errorf("official length %d words, want %d", got, want[name])
			}
			c := Calibrate(d, d.OfficialWords())
			if len(c.Rows) < 20 {
				t.Fatalf("calibrated %d systems, want NIST's participants", len(c.Rows))
			}
			if !c.OK() {
				t.Errorf("mean |R-2 diff| %.3f points, over %.1f", c.MeanAbs.R2, maxCalibrationGap)
			}
			if c.Spearman.R2 < 0.95 {
				t.Errorf("R-2 rank correlation %.3f", c.Spearman.R2)
			}
		})
	}
}

// TestEngineBeatsBaselinesOnDUC holds the engine to what the closing note
// reports, on the held-out half: generic above LexRank and centroid on
//
func TestEngineBeatsBaselinesOnDUC(t *testing.T) {
	d := loadDUC(t)
	r, err := Multi(context.Background(), d, append(Baselines(), Engine(false)), 250)
	if err != nil {
		t.Fatal(err)
	}
	from, to := r.Tuning, len(r.Clusters)
	ours := r.Mean("digest", from, to)
	for _, b := range []string{"LexRank", "Centroid"} {
		m := r.Mean(b, from, to)
		if ours.R1 <= m.R1 || ours.R2 <= m.R2 {
			t.Errorf("held out: digest %.2f/%.2f, %s %.2f/%.2f", 100*ours.R1, 100*ours.R2, b, 100*m.R1, 100*m.R2)
		}
	}
}

// BenchmarkEngineDUCCluster summarizes one 25-article DUC cluster in 250
// words with the topic: building the engine and choosing the sentences.
func BenchmarkEngineDUCCluster(b *testing.B) {
	d := loadDUC(b)
	c := d.Clusters[0]
	ids := make([]string, len(c.Articles))
	for i, a := range c.Articles {
		ids[i] = a.ID
	}
	b.ReportMetric(float64(len(c.Articles)), "articles")
	for b.Loop() {
		summarize.New(c.Articles, summarize.Options{Query: c.Topic}).Multi(ids, 250, nil)
	}
}

// BenchmarkEvalMulti is `digest eval multi --topic` less the loading:
// every system on all 50 clusters.
func BenchmarkEvalMulti(b *testing.B) {
	d := loadDUC(b)
	systems := append(Baselines(), Engine(false), Engine(true))
	for b.Loop() {
		if _, err := Multi(context.Background(), d, systems, 250); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEngineDUCClusterSelect is the selection alone, on an engine
// built once, as an edition builds one engine for all its summaries.
func BenchmarkEngineDUCClusterSelect(b *testing.B) {
	d := loadDUC(b)
	c := d.Clusters[0]
	ids := make([]string, len(c.Articles))
	for i, a := range c.Articles {
		ids[i] = a.ID
	}
	e := summarize.New(c.Articles, summarize.Options{Query: c.Topic})
	for b.Loop() {
		e.Multi(ids, 250, nil)
	}
}
