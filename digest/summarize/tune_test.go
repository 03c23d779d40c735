package summarize_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/digest-newsletter/digest/digest/eval"
	"github.com/digest-newsletter/digest/digest/summarize"
)

// TestTuneCover is the coordinate search the multi-article weights were
// chosen by, on the DUC 2006 tuning half (HELD=1 scores the held-out
// half, GENERIC=1 leaves the topic out). It runs only when asked:
//
//	DIGEST_TUNE=1 DIGEST_DUC_DATA=~/.cache/digest/duc2006 \
//	  go test -run TuneCover -v ./digest/summarize/ [BASE="position=2 …"] [KNOBS="query early"] [ONLY=1]
func TestTuneCover(t *testing.T) {
	if os.Getenv("DIGEST_TUNE") == "" {
		t.Skip("set DIGEST_TUNE=1 (and DIGEST_DUC_DATA) to run the tuning search")
	}
	d, err := eval.LoadDUC(os.Getenv("DIGEST_DUC_DATA"))
	if err != nil {
		t.Skipf("SKIPPED: %v", err)
	}
	tune, held := d.Halves()
	set := tune
	if os.Getenv("HELD") != "" {
		set = held
	}
	run := func(cw summarize.CoverWeights, topic bool) eval.Recall {
		var mu sync.Mutex
		var sum eval.Recall
		words := 0
		defer func() { fmt.Printf("  avg words %.1f\n", float64(words)/float64(len(set))) }()
		var wg sync.WaitGroup
		ch := make(chan *eval.Cluster)
		for range 2 {
			wg.Go(func() {
				for c := range ch {
					opts := summarize.Options{}
					if topic {
						opts.Query = c.Topic
					}
					ids := []string{}
					for _, a := range c.Articles {
						ids = append(ids, a.ID)
					}
					var out []string
					for _, s := range summarize.NewWithCover(c.Articles, opts, cw).Multi(ids, 250, nil) {
						out = append(out, s.Text)
					}
					r := eval.NewScorer(c.Models, 250).Score(out)
					n := 0
					for _, x := range out {
						n += len(strings.Fields(x))
					}
					mu.Lock()
					words += n
					sum = sum.Plus(r)
					mu.Unlock()
				}
			})
		}
		for _, c := range set {
			ch <- c
		}
		close(ch)
		wg.Wait()
		return sum.Times(100 / float64(len(set)))
	}
	base := summarize.DefaultCoverWeights()
	for _, kv := range strings.Fields(os.Getenv("BASE")) {
		name, val, _ := strings.Cut(kv, "=")
		x, _ := strconv.ParseFloat(val, 64)
		base.Set(name, x)
	}
	type knob struct {
		name string
		vals []float64
	}
	knobs := []knob{
		{"query", []float64{0, 1, 2, 4, 8}},
		{"querySentence", []float64{0, 0.5, 1, 2}},
		{"salience", []float64{0, 0.25, 0.5, 1}},
		{"position", []float64{0, 0.5, 1, 2}},
		{"early", []float64{1, 3, 5}},
		{"minShare", []float64{0.04, 0.08, 0.12, 0.16}},
		{"costPower", []float64{0.5, 0.7, 1}},
	}
	topic := os.Getenv("GENERIC") == ""
	r := run(base, topic)
	fmt.Printf("base %+v -> %.2f %.2f\n", base, r.R1, r.R2)
	if os.Getenv("ONLY") != "" {
		return
	}
	for _, k := range knobs {
		if only := os.Getenv("KNOBS"); only != "" && !strings.Contains(only, k.name) {
			continue
		}
		for _, v := range k.vals {
			w := base
			w.Set(k.name, v)
			r := run(w, topic)
			fmt.Printf("%s=%v -> R1 %.2f R2 %.2f\n", k.name, v, r.R1, r.R2)
		}
	}
}
