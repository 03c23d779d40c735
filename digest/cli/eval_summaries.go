package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest/eval"
)

// runEvalSummaries scores the engine's article summaries against the
// reference extracts of the BBC News Summary corpus, beside Lead and
// LexRank baselines, split into the topics the engine is tuned on and
// those held out.
func runEvalSummaries(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("eval summaries", env)
	data := fs.String("data", sharedEval("bbc-news-summary"),
		"corpus `dir` with articles/<topic>/*.txt and summaries/<topic>/*.txt")
	sentences := fs.Int("sentences", 3, "sentences per summary")
	topicList := fs.String("topics", "", "comma-separated `topics` to score (default: all)")
	if err := parse(fs, args, false); err != nil {
		return err
	}
	if *sentences < 1 {
		return fmt.Errorf("%w: --sentences must be at least 1", errUsage)
	}
	var topics []string
	for _, t := range strings.Split(*topicList, ",") {
		if t = strings.TrimSpace(t); t != "" {
			topics = append(topics, t)
		}
	}
	start := time.Now()
	docs, err := eval.LoadBBC(*data, topics)
	if err != nil {
		return fmt.Errorf("%w (set --data to the corpus folder)", err)
	}
	report, err := eval.Summaries(ctx, docs, *sentences)
	if err != nil {
		return err
	}
	if err := report.WriteTable(env.Stdout); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\ntook %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}
