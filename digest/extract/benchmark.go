package extract

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// BenchmarkPage is one page of the article extraction benchmark: its
// HTML and the hand-checked main text.
type BenchmarkPage struct {
	ID    string
	URL   string
	Truth string
	HTML  []byte
}

// maxBenchmarkPage bounds a decompressed page, so a corrupt or hostile
// archive cannot exhaust memory.
const maxBenchmarkPage = 64 << 20

// LoadBenchmark reads a benchmark folder laid out as the public article
// extraction benchmark is: ground-truth.json mapping each id to its
// articleBody and url, and html/<id>.html.gz. Pages come sorted by id,
// so splitting them into halves is the same on every run.
func LoadBenchmark(dir string) ([]BenchmarkPage, error) {
	truthPath := filepath.Join(dir, "ground-truth.json")
	raw, err := os.ReadFile(truthPath)
	if err != nil {
		return nil, fmt.Errorf("read ground truth: %w", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		return nil, fmt.Errorf("read ground truth %s: %w", truthPath, err)
	}
	if len(truth) == 0 {
		return nil, fmt.Errorf("read ground truth %s: no pages", truthPath)
	}
	pages := make([]BenchmarkPage, 0, len(truth))
	for id, t := range truth {
		if id == "" || filepath.Base(id) != id {
			return nil, fmt.Errorf("read ground truth %s: bad page id %q", truthPath, id)
		}
		html, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, fmt.Errorf("read page %s: %w", id, err)
		}
		pages = append(pages, BenchmarkPage{ID: id, URL: t.URL, Truth: t.ArticleBody, HTML: html})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer z.Close()
	data, err := io.ReadAll(io.LimitReader(z, maxBenchmarkPage+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > maxBenchmarkPage {
		return nil, fmt.Errorf("%s: %w", path, errTooLarge)
	}
	return data, nil
}

var errTooLarge = errors.New("page over 64 MB")

// Halves splits sorted pages into the half that tuning may look at (A,
// the first, larger when the count is odd) and the held-out half (B).
func Halves(pages []BenchmarkPage) (a, b []BenchmarkPage) {
	mid := (len(pages) + 1) / 2
	return pages[:mid], pages[mid:]
}

// Extractor is a named extraction function such as Page or Trafilatura.
type Extractor struct {
	Name    string
	Extract func(page []byte, pageURL string) (*Result, error)
}

// Outcome is one extractor's result on one benchmark page. A failed
// extraction scores as an empty text, as the benchmark counts it.
type Outcome struct {
	Counts    Counts
	Extractor string // the extractor Page chose, or the name given
	Err       error
}

// RunBenchmark runs every extractor on every page with the given number
// of workers and scores the texts. out[i][j] is extractor i on page j.
// Pages are shared read-only between workers; extractors copy what they
// change.
func RunBenchmark(ctx context.Context, pages []BenchmarkPage, extractors []Extractor, workers int) ([][]Outcome, error) {
	out := make([][]Outcome, len(extractors))
	for i := range out {
		out[i] = make([]Outcome, len(pages))
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				p := pages[j]
				for i, e := range extractors {
					o := Outcome{Extractor: e.Name}
					res, err := e.Extract(p.HTML, p.URL)
					text := ""
					if err != nil {
						o.Err = err
					} else {
						text = res.Text
						if res.Extractor != "" {
							o.Extractor = res.Extractor
						}
					}
					o.Counts = Compare(p.Truth, text)
					out[i][j] = o
				}
			}
		}()
	}
send:
	for j := range pages {
		select {
		case jobs <- j:
		case <-ctx.Done():
			break send
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("run benchmark: %w", err)
	}
	return out, nil
}
