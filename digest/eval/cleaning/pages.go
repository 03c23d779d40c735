package cleaning

import (
	"context"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/clean"
	"github.com/digest-newsletter/digest/digest/extract"
	"github.com/digest-newsletter/digest/digest/pipeline"
)

// Benchmark halves, as `digest eval extraction` splits the sorted pages.
const (
	HalfA = "a" // the half tuning may look at
	HalfB = "b" // held out
)

// Page is one benchmark page made ready to score: its true text, its
// select-all text and which half it is in.
type Page struct {
	extract.BenchmarkPage
	Half      string
	InnerText string
}

// PageResult is what the drop-file path made of one page.
type PageResult struct {
	ID, Half string
	Lang     string // of the true text; see language
	// Cleaned scores the cleaned body, Whole the select-all text as it
	// is, both against the true text with the benchmark's metric.
	Cleaned, Whole extract.Counts
	Title          string // the cleaned article's title
	TitleRight     bool
	Titles         PageTitles
	// Err is why cleaning made no article (its text then scores as
	// empty, as the benchmark counts a failed extraction).
	Err error
}

// ScorePages runs every page's select-all text through the drop-file
// path, as a .txt file named by the page's id, and scores it. Pages are
// cleaned on every core; results keep the pages' order.
func ScorePages(ctx context.Context, pages []Page, opts clean.Options) ([]PageResult, error) {
	out := make([]PageResult, len(pages))
	if err := onEveryCore(ctx, len(pages), func(i int) { out[i] = scorePage(pages[i], opts) }); err != nil {
		return nil, fmt.Errorf("score pages: %w", err)
	}
	return out, nil
}

func scorePage(p Page, opts clean.Options) PageResult {
	e, err := pipeline.ExplainBytes(p.ID+".txt", []byte(p.InnerText), opts)
	return judgePage(p, e.Article, err)
}

// judgePage scores what cleaning made of a page's text (art, or err when
// it made nothing).
func judgePage(p Page, art *digest.Article, err error) PageResult {
	r := PageResult{ID: p.ID, Half: p.Half, Lang: language(p.Truth), Whole: extract.Compare(p.Truth, p.InnerText)}
	if titles, err := ReadPageTitles(p.HTML); err == nil {
		titles.ShownOnly(p.InnerText)
		r.Titles = titles
	}
	body := ""
	if err != nil {
		r.Err = err
	} else {
		body = art.Body()
		r.Title = art.Title
		r.TitleRight = r.Titles.TitleRight(r.Title)
	}
	r.Cleaned = extract.Compare(p.Truth, body)
	return r
}

// F1 is the page's own F1 of precision and recall.
func F1(c extract.Counts) float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
