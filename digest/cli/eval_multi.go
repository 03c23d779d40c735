package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/digest-newsletter/digest/digest/eval"
)

// runEvalMulti scores multi-document summaries on DUC 2006: NIST's
// baseline, Lead, LexRank, a centroid system and the engine, generic
// and, with --topic, led by each cluster's topic statement. The scorer
// is first checked against NIST's own figures for the official peers, so
// a figure is only reported as counting when the scorer agrees.
func runEvalMulti(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("eval multi", env)
	data := fs.String("data", env.Getenv("DIGEST_DUC_DATA"), "converted DUC 2006 or DUC 2007 update `dir` (docs/, models/, topics/, peers/); default $DIGEST_DUC_DATA")
	words := fs.Int("words", 250, "summary length in `words` (the scorer is checked against NIST's figures at the set's own length: 250 for DUC 2006, 100 for DUC 2007)")
	topic := fs.Bool("topic", false, "also run the engine with each cluster's topic statement as the theme")
	tsv := fs.String("tsv", filepath.Join(os.TempDir(), "digest-eval-multi.tsv"), "per-cluster scores go to this `file`")
	if err := parse(fs, args, false); err != nil {
		return err
	}
	if *data == "" {
		return fmt.Errorf("%w: digest eval multi needs --data: %s", errUsage, eval.DUCHowTo)
	}
	if *words < 1 {
		return fmt.Errorf("%w: --words must be at least 1", errUsage)
	}
	start := time.Now()
	d, err := eval.LoadDUC(*data)
	if err != nil {
		return err
	}
	// NIST's figures are for the set's own length: the check of the
	// scorer compares at that length, whatever --words is.
	cal := eval.Calibrate(d, d.OfficialWords())
	systems := append(eval.Baselines(), eval.Engine(false))
	if *topic {
		systems = append(systems, eval.Engine(true))
	}
	report, err := eval.Multi(ctx, d, systems, *words)
	if err != nil {
		return err
	}
	w := env.Stdout
	fmt.Fprintf(w, "DUC multi-document summaries, %s: %d clusters, %d words, jackknifed ROUGE recall in points\n",
		*data, len(d.Clusters), *words)
	cal.WriteSummary(w)
	report.WriteTable(w, bestOfficial(d.Official))
	f, err := os.Create(*tsv)
	if err != nil {
		return err
	}
	if err := report.WriteTSV(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(w, "per-cluster scores: %s\ntook %s\n", *tsv, time.Since(start).Round(time.Millisecond))
	if !cal.OK() {
		return fmt.Errorf("eval multi: the scorer disagrees with NIST's figures; fix it before reading the table")
	}
	return nil
}

// bestOfficial is the NIST participant with the highest official R-2,
// the figure to beat.
func bestOfficial(all []eval.Official) []eval.Official {
	var best *eval.Official
	for i, o := range all {
		if o.System[0] < '0' || o.System[0] > '9' {
			continue // a human
		}
		if best == nil || o.Recall.R2 > best.Recall.R2 {
			best = &all[i]
		}
	}
	if best == nil {
		return nil
	}
	return []eval.Official{*best}
}
