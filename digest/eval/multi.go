package eval

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/summarize"
)

// MultiSystem is one multi-document summarizer under evaluation.
type MultiSystem struct {
	Name      string
	Summarize func(c *Cluster, limit int) []string
}

// Engine returns the digest engine as a MultiSystem: all the cluster's
// articles, oldest first, through summarize's multi-article selector,
// with the topic statement as the theme when topic is set.
func Engine(topic bool) MultiSystem {
	name := "digest"
	if topic {
		name = "digest (topic)"
	}
	return MultiSystem{Name: name, Summarize: func(c *Cluster, limit int) []string {
		opts := summarize.Options{}
		if topic {
			opts.Query = c.Topic
		}
		ids := make([]string, len(c.Articles))
		for i, a := range c.Articles {
			ids[i] = a.ID
		}
		var out []string
		for _, s := range summarize.New(c.Articles, opts).Multi(ids, limit, nil) {
			out = append(out, s.Text)
		}
		return out
	}}
}

// Baselines are the published systems every DUC figure is read against.
func Baselines() []MultiSystem {
	wrap := func(name string, f func([]*digest.Article, int) []string) MultiSystem {
		return MultiSystem{Name: name, Summarize: func(c *Cluster, limit int) []string { return f(c.Articles, limit) }}
	}
	return []MultiSystem{
		wrap("NIST baseline", NISTBaseline),
		wrap("Lead", LeadMulti),
		wrap("LexRank", LexRankMulti),
		wrap("Centroid", Centroid),
	}
}

// MultiReport holds each system's recall on each cluster.
type MultiReport struct {
	Limit    int
	Systems  []string
	Clusters []*Cluster
	// Tuning is how many clusters, from the first, settings were chosen
	// on; the rest are held out.
	Tuning int
	scores map[string][]Recall
}

// Multi summarizes every cluster with every system, limit words, and
// scores each against the cluster's models. Clusters run in parallel.
func Multi(ctx context.Context, d *DUC, systems []MultiSystem, limit int) (*MultiReport, error) {
	tune, _ := d.Halves()
	r := &MultiReport{Limit: limit, Clusters: d.Clusters, Tuning: len(tune), scores: map[string][]Recall{}}
	for _, s := range systems {
		r.Systems = append(r.Systems, s.Name)
		r.scores[s.Name] = make([]Recall, len(d.Clusters))
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range jobs {
				c := d.Clusters[i]
				scorer := NewScorer(c.Models, limit)
				row := make([]Recall, len(systems))
				for k, s := range systems {
					row[k] = scorer.Score(s.Summarize(c, limit))
				}
				mu.Lock()
				for k, s := range systems {
					r.scores[s.Name][i] = row[k]
				}
				mu.Unlock()
			}
		})
	}
	var err error
feed:
	for i := range d.Clusters {
		select {
		case jobs <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return r, err
}

// Mean is a system's mean recall over clusters [from, to).
func (r *MultiReport) Mean(system string, from, to int) Recall {
	var sum Recall
	for _, s := range r.scores[system][from:to] {
		sum = sum.Plus(s)
	}
	if to <= from {
		return Recall{}
	}
	return sum.Times(1 / float64(to-from))
}

// WriteTable prints and SU4 recall in points for every system
// over all clusters, the tuning half and the held-out half, with NIST's
// figures for the systems named in extra (their official scores over all
// clusters).
func (r *MultiReport) WriteTable(w io.Writer, extra []Official) {
	n := len(r.Clusters)
	fmt.Fprintf(w, "%-22s %-22s %-22s %-22s\n", "", fmt.Sprintf("all (%d)", n),
		fmt.Sprintf("tuning (%d)", r.Tuning), fmt.Sprintf("held out (%d)", n-r.Tuning))
	fmt.Fprintf(w, "%-22s", "system")
	for range 3 {
		fmt.Fprintf(w, " %6s %6s %6s  ", "R-1", "R-2", "SU4")
	}
	fmt.Fprintln(w)
	for _, o := range extra {
		fmt.Fprintf(w, "%-22s %6.2f %6.2f %6.2f   (official, all clusters)\n", "NIST system "+o.System,
			100*o.Recall.R1, 100*o.Recall.R2, 100*o.Recall.SU4)
	}
	for _, s := range r.Systems {
		fmt.Fprintf(w, "%-22s", s)
		for _, span := range [][2]int{{0, n}, {0, r.Tuning}, {r.Tuning, n}} {
			m := r.Mean(s, span[0], span[1])
			fmt.Fprintf(w, " %6.2f %6.2f %6.2f  ", 100*m.R1, 100*m.R2, 100*m.SU4)
		}
		fmt.Fprintln(w)
	}
}

// WriteTSV writes one row per cluster and system, for inspection.
func (r *MultiReport) WriteTSV(w io.Writer) error {
	if _, err := fmt.Fprintln(w, "cluster\thalf\tsystem\tR1\tR2\tSU4"); err != nil {
		return err
	}
	for i, c := range r.Clusters {
		half := "tuning"
		if i >= r.Tuning {
			half = "held_out"
		}
		for _, s := range r.Systems {
			x := r.scores[s][i]
			if _, err := fmt.Fprintf(w, "%s\t%s\t%s\t%.5f\t%.5f\t%.5f\n", c.ID, half, s, x.R1, x.R2, x.SU4); err != nil {
				return err
			}
		}
	}
	return nil
}
