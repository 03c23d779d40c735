package cli

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/config"
	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/pipeline"
	"github.com/digest-newsletter/digest/digest/theme"
)

// runEvalSections measures section placement on a corpus laid out as
// articles/<topic>/*.txt: each article should land in the section whose
// title is its topic.
func runEvalSections(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("eval sections", env)
	data := fs.String("data", sharedEval("bbc-news-summary"), "corpus `dir` with articles/<topic>/*.txt")
	cfgPath := fs.String("config", filepath.Join("bench", "bbc.yaml"), "config `file` whose section titles are the topics")
	if err := parse(fs, args, false); err != nil {
		return err
	}
	cfg, err := config.Load(*cfgPath)
	if err != nil {
		return err
	}
	start := time.Now()
	arts, topics, err := readTopics(ctx, filepath.Join(*data, "articles"), cfg, newLogger(env.Stderr, false))
	if err != nil {
		return err
	}
	specs := cfg.SectionSpecs()
	index := map[string]int{}
	for i, s := range specs {
		index[strings.ToLower(s.Title)] = i
	}
	for _, t := range topics {
		if _, ok := index[t]; !ok {
			return fmt.Errorf("config %s: no section titled %q for topic %q", cfg.Path(), t, t)
		}
	}
	type tally struct{ right, total int }
	per := map[string]*tally{}
	var all tally
	for i, p := range theme.Place(arts.list, specs) {
		topic := arts.topic[i]
		if per[topic] == nil {
			per[topic] = &tally{}
		}
		ok := p.Section == index[topic]
		for _, t := range []*tally{per[topic], &all} {
			t.total++
			if ok {
				t.right++
			}
		}
	}
	w := env.Stdout
	fmt.Fprintf(w, "section placement on %s (%d articles)\n", *data, all.total)
	sort.Strings(topics)
	for _, t := range topics {
		fmt.Fprintf(w, "  %-14s %4d / %4d  %5.1f%%\n", t, per[t].right, per[t].total, pct(per[t].right, per[t].total))
	}
	fmt.Fprintf(w, "  %-14s %4d / %4d  %5.1f%%\n", "all", all.right, all.total, pct(all.right, all.total))
	fmt.Fprintf(w, "  took %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}

type topicArticles struct {
	list  []*digest.Article
	topic []string
}

// readTopics reads and cleans every article the way a build does,
// remembering each one's topic folder.
func readTopics(ctx context.Context, dir string, cfg *config.Config, log *slog.Logger) (topicArticles, []string, error) {
	var out topicArticles
	entries, err := os.ReadDir(dir)
	if err != nil {
		return out, nil, fmt.Errorf("corpus: %w", err)
	}
	var topics []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		topic := e.Name()
		topics = append(topics, topic)
		path := filepath.Join(dir, topic)
		src := pipeline.FSSource{Label: path, FS: os.DirFS(path), Dir: path, Origin: digest.OriginFile,
			MaxBytes: cfg.Limits.MaxArticleBytes}
		arts, problems := pipeline.Gather(ctx, []pipeline.Source{src}, cfg.DigestTheme(), log)
		if len(problems) > 0 {
			return out, nil, fmt.Errorf("corpus: %w", problems[0])
		}
		for _, a := range arts {
			out.list = append(out.list, a)
			out.topic = append(out.topic, topic)
		}
	}
	if len(out.list) == 0 {
		return out, nil, fmt.Errorf("corpus: no articles under %s", dir)
	}
	return out, topics, nil
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
