package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/config"
	"github.com/digest-newsletter/digest/digest/clean"
	"github.com/digest-newsletter/digest/digest/eval/cleaning"
	"github.com/digest-newsletter/digest/digest/eval/pagetext"
	"github.com/digest-newsletter/digest/digest/eval/synth"
	"github.com/digest-newsletter/digest/digest/extract"
)

// evalCleaningFlags are the flags of `digest eval cleaning`.
type evalCleaningFlags struct {
	data, half, cache, tsv, cfg string
	verbose                     bool
	synthetic                   bool
	n                           int
	seed                        uint64
	bbc, dump                   string
}

// runEvalCleaning scores cleaning on text nobody tuned it for, through
// the drop-file path: the select-all text of the article extraction
// benchmark's pages, or with --synthetic a labelled set of generated
// articles with page furniture of many families.
func runEvalCleaning(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("eval cleaning", env)
	var f evalCleaningFlags
	fs.StringVar(&f.data, "data", sharedEval("article-extraction-benchmark"),
		"benchmark `dir` with ground-truth.json and html/<id>.html.gz")
	fs.StringVar(&f.half, "half", "all", "pages to score: all, a (tuning half) or b (held-out half)")
	fs.StringVar(&f.cache, "cache", "", "`dir` of cached page texts (default $XDG_CACHE_HOME/digest/innertext or ~/.cache/digest/innertext)")
	fs.StringVar(&f.tsv, "tsv", "", "write one row per page (or per synthetic article) to `file`")
	fs.StringVar(&f.cfg, "config", "", "clean benchmark pages with this config `file`'s theme (default: no theme, as pages are on every topic)")
	fs.BoolVar(&f.verbose, "v", false, "list every wrong title")
	fs.BoolVar(&f.synthetic, "synthetic", false, "score the synthetic labelled set instead of the benchmark")
	fs.IntVar(&f.n, "n", 300, "synthetic articles to generate")
	fs.Uint64Var(&f.seed, "seed", 1, "seed of the synthetic set")
	fs.StringVar(&f.bbc, "bbc", sharedEval("bbc-news-summary"), "BBC News Summary corpus `dir`, the synthetic set's prose")
	fs.StringVar(&f.dump, "dump", "", "also write the synthetic files and labels.tsv to `dir`")
	if err := parse(fs, args, false); err != nil {
		return err
	}
	if f.synthetic {
		return evalCleaningSynthetic(ctx, env, f)
	}
	return evalCleaningPages(ctx, env, f)
}

func evalCleaningPages(ctx context.Context, env Env, f evalCleaningFlags) error {
	half := strings.ToLower(f.half)
	if half != "all" && half != cleaning.HalfA && half != cleaning.HalfB {
		return fmt.Errorf("%w: --half must be all, a or b, not %q", errUsage, f.half)
	}
	start := time.Now()
	bench, err := extract.LoadBenchmark(f.data)
	if err != nil {
		return fmt.Errorf("%w (set --data to the benchmark folder)", err)
	}
	a, b := extract.Halves(bench)
	var pages []cleaning.Page
	for _, h := range []struct {
		name  string
		pages []extract.BenchmarkPage
	}{{cleaning.HalfA, a}, {cleaning.HalfB, b}} {
		if half != "all" && half != h.name {
			continue
		}
		for _, p := range h.pages {
			pages = append(pages, cleaning.Page{BenchmarkPage: p, Half: h.name})
		}
	}
	cacheDir := f.cache
	if cacheDir == "" {
		if cacheDir, err = pagetext.DefaultCacheDir(env.Getenv); err != nil {
			return err
		}
	}
	htmls := make([][]byte, len(pages))
	for i, p := range pages {
		htmls[i] = p.HTML
	}
	texts, err := pagetext.Texts(ctx, htmls, pagetext.Cache{Dir: cacheDir}, pagetext.FindChromium(), newLogger(env.Stderr, f.verbose))
	if err != nil {
		return err
	}
	for i := range pages {
		pages[i].InnerText = texts[i]
	}
	var opts clean.Options
	if f.cfg != "" {
		cfg, err := config.Load(f.cfg)
		if err != nil {
			return err
		}
		opts.Theme = cfg.DigestTheme()
	}
	results, err := cleaning.ScorePages(ctx, pages, opts)
	if err != nil {
		return err
	}
	w := env.Stdout
	fmt.Fprintf(w, "cleaning the select-all text of %s through the drop-file path (%d pages; half A = first %d ids, tuning; half B = last %d, held out)\n",
		f.data, len(pages), len(a), len(b))
	cleaning.WritePagesTable(w, cleaning.PageGroups(results))
	cleaning.WritePageNotes(w, results, f.verbose)
	if err := writeTSV(f.tsv, func(out io.Writer) error { return cleaning.WritePagesTSV(out, results) }); err != nil {
		return err
	}
	fmt.Fprintf(w, "took %s (page texts cached in %s)\n", time.Since(start).Round(time.Millisecond), cacheDir)
	return nil
}

func evalCleaningSynthetic(ctx context.Context, env Env, f evalCleaningFlags) error {
	if f.n < 1 {
		return fmt.Errorf("%w: --n must be at least 1", errUsage)
	}
	start := time.Now()
	corpus, err := synth.LoadCorpus(f.bbc)
	if err != nil {
		return fmt.Errorf("%w (set --bbc to the corpus folder)", err)
	}
	articles := corpus.Generate(synth.Options{N: f.n, Seed: f.seed})
	if f.dump != "" {
		if err := synth.WriteSet(f.dump, articles); err != nil {
			return err
		}
	}
	results, err := cleaning.ScoreSynthetic(ctx, articles)
	if err != nil {
		return err
	}
	held := 0
	for _, a := range articles {
		if a.Split == synth.SplitHeldOut {
			held++
		}
	}
	w := env.Stdout
	fmt.Fprintf(w, "cleaning a synthetic set through the drop-file path: %d articles (seed %d), %d tuned, %d held out\n",
		len(articles), f.seed, len(articles)-held, held)
	fmt.Fprintf(w, "families held out of tuning: %s (inspected since: %s)\n", strings.Join(synth.HeldOutFamilies(), ", "),
		strings.Join(synth.InspectedHeldOutFamilies(), ", "))
	fmt.Fprintf(w, "fresh held-out families, fixed 2026-12-06 and never tuned on: %s\n", strings.Join(synth.FreshHeldOutFamilies(), ", "))
	cleaning.WriteSynthFurniture(w, results)
	cleaning.WriteSynthArticles(w, results)
	if err := writeTSV(f.tsv, func(out io.Writer) error { return cleaning.WriteSynthTSV(out, results) }); err != nil {
		return err
	}
	fmt.Fprintf(w, "took %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}

// writeTSV writes to path with write, when a path is given.
func writeTSV(path string, write func(io.Writer) error) error {
	if path == "" {
		return nil
	}
	out, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("tsv: %w", err)
	}
	err = write(out)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}
