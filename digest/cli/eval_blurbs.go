package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/config"
	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/eval"
	"github.com/digest-newsletter/digest/digest/pipeline"
)

// runEvalBlurbs checks that item blurbs are not leftovers: editions of a
// few same-topic BBC articles are planned as a build plans them, with the
// default configuration's limits, and each blurb is scored beside its
// article's standalone summary.
func runEvalBlurbs(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("eval blurbs", env)
	data := fs.String("data", sharedEval("bbc-news-summary"),
		"corpus `dir` with articles/<topic>/*.txt and summaries/<topic>/*.txt")
	size := fs.Int("size", 5, "articles per edition")
	if err := parse(fs, args, false); err != nil {
		return err
	}
	if *size < 1 {
		return fmt.Errorf("%w: --size must be at least 1", errUsage)
	}
	cfg, err := config.Default()
	if err != nil {
		return fmt.Errorf("eval blurbs: %w", err)
	}
	limits := cfg.DigestLimits()
	limits.ItemsPerSection = *size
	limits.MaxAge = 0
	start := time.Now()
	docs, err := eval.LoadBBC(*data, nil)
	if err != nil {
		return fmt.Errorf("%w (set --data to the corpus folder)", err)
	}
	at := time.Date(2026, 12, 7, 6, 0, 0, 0, time.UTC)
	build := func(topic string, arts []*digest.Article) *digest.Edition {
		b := &pipeline.Builder{Title: "BBC " + topic, Language: "en", Limits: limits,
			Theme:    digest.Theme{Name: topic, Keywords: []string{topic}},
			Sections: []digest.SectionSpec{{Title: topic}}}
		return b.Draft(arts, at)
	}
	report, err := eval.Blurbs(ctx, docs, *size, limits.SentencesPerItem, limits.WordsPerItemSummary, at, build)
	if err != nil {
		return err
	}
	if err := report.WriteTable(env.Stdout); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\ntook %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}
