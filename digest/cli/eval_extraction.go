package cli

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/clean"
	"github.com/digest-newsletter/digest/digest/extract"
)

// runEvalExtraction scores main-text extraction on the public article
// extraction benchmark: plain go-trafilatura, the reference, beside our
// extractor, over all pages and over each half of the sorted pages. Half
// A is the one the extractor's selection rule was tuned on; half B is
// held out, so it shows whether the tuning carries over.
func runEvalExtraction(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("eval extraction", env)
	data := fs.String("data", sharedEval("article-extraction-benchmark"),
		"benchmark `dir` with ground-truth.json and html/<id>.html.gz")
	half := fs.String("half", "all", "pages to score: all, a (tuning half) or b (held-out half)")
	if err := parse(fs, args, false); err != nil {
		return err
	}
	*half = strings.ToLower(*half)
	if *half != "all" && *half != "a" && *half != "b" {
		return fmt.Errorf("%w: --half must be all, a or b, not %q", errUsage, *half)
	}
	start := time.Now()
	pages, err := extract.LoadBenchmark(*data)
	if err != nil {
		return fmt.Errorf("%w (set --data to the benchmark folder)", err)
	}
	total := len(pages)
	a, b := extract.Halves(pages)
	groups := []group{{"all", 0, len(pages)}, {"half A", 0, len(a)}, {"half B", len(a), len(a) + len(b)}}
	switch *half {
	case "a":
		pages, groups = a, []group{{"half A", 0, len(a)}}
	case "b":
		pages, groups = b, []group{{"half B", 0, len(b)}}
	}
	extractors := []extract.Extractor{
		{Name: "go-trafilatura", Extract: extract.Trafilatura},
		{Name: "ours", Extract: extract.Page},
		{Name: "ours, cleaned", Extract: pageCleaned},
	}
	workers := runtime.GOMAXPROCS(0)
	outcomes, err := extract.RunBenchmark(ctx, pages, extractors, workers)
	if err != nil {
		return err
	}
	w := env.Stdout
	fmt.Fprintf(w, "article extraction on %s (%d pages; half A = first %d ids, tuning; half B = last %d, held out)\n",
		*data, total, len(a), len(b))
	writeExtractionTable(w, extractors, outcomes, groups)
	for i, e := range extractors {
		writeExtractionNotes(w, e.Name, outcomes[i])
	}
	fmt.Fprintf(w, "took %s on %d workers\n", time.Since(start).Round(time.Millisecond), workers)
	return nil
}

// group is a range of pages scored together.
type group struct {
	name       string
	start, end int
}

func writeExtractionTable(w io.Writer, extractors []extract.Extractor, outcomes [][]extract.Outcome, groups []group) {
	line := fmt.Sprintf("%-16s", "")
	for _, g := range groups {
		line += fmt.Sprintf("   %-20s", fmt.Sprintf("%s (%d)", g.name, g.end-g.start))
	}
	fmt.Fprintln(w, strings.TrimRight(line, " "))
	line = fmt.Sprintf("%-16s", "extractor")
	for range groups {
		line += fmt.Sprintf("   %6s %6s %6s", "P", "R", "F1")
	}
	fmt.Fprintln(w, line)
	for i, e := range extractors {
		line = fmt.Sprintf("%-16s", e.Name)
		for _, g := range groups {
			counts := make([]extract.Counts, 0, g.end-g.start)
			for _, o := range outcomes[i][g.start:g.end] {
				counts = append(counts, o.Counts)
			}
			s := extract.Mean(counts)
			line += fmt.Sprintf("   %6.3f %6.3f %6.3f", s.Precision, s.Recall, s.F1)
		}
		fmt.Fprintln(w, line)
	}
}

// writeExtractionNotes says how often each underlying extractor was
// kept and how many pages failed, which the scores alone hide.
func writeExtractionNotes(w io.Writer, name string, outcomes []extract.Outcome) {
	kept := map[string]int{}
	failed := 0
	var errs []string
	for _, o := range outcomes {
		if o.Err != nil {
			failed++
			errs = append(errs, o.Err.Error())
			continue
		}
		kept[o.Extractor]++
	}
	names := make([]string, 0, len(kept))
	for n := range kept {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		return kept[names[i]] > kept[names[j]] || kept[names[i]] == kept[names[j]] && names[i] < names[j]
	})
	parts := make([]string, 0, len(names))
	for _, n := range names {
		parts = append(parts, fmt.Sprintf("%s %d", n, kept[n]))
	}
	fmt.Fprintf(w, "%s: kept %s; %d failed\n", name, strings.Join(parts, ", "), failed)
	for _, e := range errs {
		fmt.Fprintf(w, "  failed: %s\n", e)
	}
}

// pageCleaned is our extractor followed by digest/clean, as a fetched
// page is read in a build: the cleaner must not take the article's own
// text from what extraction found.
func pageCleaned(page []byte, pageURL string) (*extract.Result, error) {
	res, err := extract.Page(page, pageURL)
	if err != nil {
		return nil, err
	}
	doc := digest.Document{Name: pageURL, Origin: digest.OriginWeb, URL: pageURL, Text: res.Text, Title: res.Title, Extracted: true}
	art, err := clean.Article(doc, clean.Options{})
	if err != nil {
		return nil, fmt.Errorf("clean extracted text: %w", err)
	}
	out := *res
	out.Text = strings.Join(art.Paragraphs, "\n\n")
	return &out, nil
}
