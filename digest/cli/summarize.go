package cli

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/ingest"
	"github.com/digest-newsletter/digest/digest/pipeline"
	"github.com/digest-newsletter/digest/digest/render"
	"github.com/digest-newsletter/digest/digest/summarize"
)

// runSummarize prints a multi-document summary of the given files and
// folders, from the same engine as the digest, for editors to use on any
// folder of articles.
func runSummarize(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("summarize", env)
	words := fs.Int("words", 120, "at most `N` words")
	sources := fs.Bool("sources", false, "mark each sentence with the file it comes from")
	verbose := fs.Bool("v", false, "log debug detail")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: digest summarize --words N FILE|DIR…", errUsage)
	}
	if *words < 1 {
		return fmt.Errorf("%w: --words must be at least 1", errUsage)
	}
	log := newLogger(env.Stderr, *verbose)
	var srcs []pipeline.Source
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return err
		}
		if info.IsDir() {
			srcs = append(srcs, pipeline.FSSource{Label: p, FS: os.DirFS(p), Dir: p,
				Origin: digest.OriginFile, MaxBytes: ingest.DefaultMaxBytes})
		} else {
			srcs = append(srcs, pipeline.FileSource{Path: p, Origin: digest.OriginFile, MaxBytes: ingest.DefaultMaxBytes})
		}
	}
	arts, problems := pipeline.Gather(ctx, srcs, digest.Theme{}, log)
	for _, p := range problems {
		fmt.Fprintf(env.Stderr, "digest summarize: skipped %v\n", p.Err)
	}
	if len(arts) == 0 {
		return fmt.Errorf("no readable articles in %s", strings.Join(paths, ", "))
	}
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	sents := summarize.New(arts, summarize.Options{}).Multi(ids, *words, nil)
	printSummary(env, sents, arts, *sources)
	return nil
}

// printSummary writes the sentences as one wrapped paragraph, or with
// --sources each on its own line with a numbered file list after.
func printSummary(env Env, sents []digest.Sentence, arts []*digest.Article, sources bool) {
	if !sources {
		texts := make([]string, len(sents))
		for i, s := range sents {
			texts[i] = s.Text
		}
		fmt.Fprintln(env.Stdout, render.Wrap(78, strings.Join(texts, " ")))
		return
	}
	byID := map[string]*digest.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	num := map[string]int{}
	var order []string
	for _, s := range sents {
		if num[s.ItemID] == 0 {
			order = append(order, s.ItemID)
			num[s.ItemID] = len(order)
		}
		fmt.Fprintf(env.Stdout, "%s [%d]\n", s.Text, num[s.ItemID])
	}
	fmt.Fprintln(env.Stdout)
	for i, id := range order {
		fmt.Fprintf(env.Stdout, "[%d] %s\n", i+1, byID[id].Source)
	}
}
