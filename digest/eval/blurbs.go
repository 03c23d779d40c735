package eval

import (
	"context"
	"fmt"
	"io"
	"math"
	"runtime"
	"sync"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/summarize"
)

// BlurbReport compares the blurbs items get in editions with the same
// articles' standalone summaries: if the lead and section summaries take
// an article's best sentences first, its blurb scores lower than its
// standalone summary.
type BlurbReport struct {
	// Size is the number of articles per edition, Sentences the length
	// of the standalone summaries.
	Size, Sentences int
	// Editions is how many editions were built; Items how many items
	// they showed, Empty how many of those had no blurb.
	Editions, Items, Empty int
	// Blurb and Standalone average ROUGE over the items shown;
	// Budgeted is the standalone summary within the blurb's word limit,
	// which tells the limit's cost from the plan's.
	Blurb, Standalone, Budgeted Mean
	MaxWords                    int
}

// Blurbs groups the docs of each topic into editions of size articles,
// in corpus order, builds each with build (the product's own planning,
// see pipeline.Builder.Draft, given the topic) and scores every item's blurb against its
// article's reference summary, beside the article's standalone summary
// of n sentences as Summaries makes it (one engine over all docs, no
// word limit, and within maxWords). The standalone summaries are read
// on the editions' date, at, as the blurbs are, so a sentence stale by
// then is left out of both and the gap is the plan's alone. Editions are
// built in parallel.
func Blurbs(ctx context.Context, docs []Doc, size, n, maxWords int, at time.Time, build func(topic string, arts []*digest.Article) *digest.Edition) (*BlurbReport, error) {
	if size < 1 {
		return nil, fmt.Errorf("blurbs: edition size %d", size)
	}
	byID := make(map[string]Doc, len(docs))
	arts := make([]*digest.Article, len(docs))
	var groups [][]*digest.Article
	var topics []string
	for i, d := range docs {
		byID[d.Article.ID] = d
		arts[i] = d.Article
		last := len(groups) - 1
		if last < 0 || len(groups[last]) == size || docs[i-1].Topic != d.Topic {
			groups = append(groups, nil)
			topics = append(topics, d.Topic)
			last++
		}
		groups[last] = append(groups[last], d.Article)
	}
	engine := summarize.New(arts, summarize.Options{Now: at})
	r := &BlurbReport{Size: size, Sentences: n, MaxWords: maxWords, Editions: len(groups)}
	var mu sync.Mutex
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for g := w; g < len(groups) && ctx.Err() == nil; g += workers {
				ed := build(topics[g], groups[g])
				for _, sec := range ed.Sections {
					for _, it := range sec.Items {
						d := byID[it.ID]
						blurb := Rouge(it.Summary, d.Reference)
						alone := Rouge(engine.Article(it.ID, n, math.MaxInt32, nil), d.Reference)
						budgeted := Rouge(engine.Article(it.ID, n, maxWords, nil), d.Reference)
						mu.Lock()
						r.Items++
						if len(it.Summary) == 0 {
							r.Empty++
						}
						r.Blurb.Add(blurb)
						r.Standalone.Add(alone)
						r.Budgeted.Add(budgeted)
						mu.Unlock()
					}
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// WriteTable prints both means as F-scores in percent and their gap.
func (r *BlurbReport) WriteTable(w io.Writer) error {
	b, s, l := r.Blurb.Scores(), r.Standalone.Scores(), r.Budgeted.Scores()
	row := "%-22s  %5.1f %5.1f %5.1f  %+5.1f\n"
	_, err := fmt.Fprintf(w, "%d editions of up to %d same-topic articles, %d items (%d with no blurb)\n\n"+
		"%-22s    R-1   R-2   R-L  R-1 gap\n"+row+row+row,
		r.Editions, r.Size, r.Items, r.Empty, "ROUGE F (%)",
		"blurb", 100*b.R1.F, 100*b.R2.F, 100*b.RL.F, 0.0,
		fmt.Sprintf("standalone-%d", r.Sentences), 100*s.R1.F, 100*s.R2.F, 100*s.RL.F, 100*(b.R1.F-s.R1.F),
		fmt.Sprintf("standalone-%d ≤%d words", r.Sentences, r.MaxWords), 100*l.R1.F, 100*l.R2.F, 100*l.RL.F, 100*(b.R1.F-l.R1.F))
	return err
}
