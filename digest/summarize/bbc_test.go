package summarize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/text"
)

// TestBBCRouge measures three-sentence summaries of the BBC News Summary
// corpus against its reference extracts, and checks they beat the first
// three sentences (Lead-3) measured the same way. It needs the corpus:
// set DIGEST_BBC_DIR to its folder (with articles/ and summaries/).
func TestBBCRouge(t *testing.T) {
	dir := os.Getenv("DIGEST_BBC_DIR")
	if dir == "" {
		t.Skip("DIGEST_BBC_DIR not set")
	}
	arts, refs := loadBBC(t, dir)
	e := New(arts, Options{})
	var ours, lead rougeSum
	for _, a := range arts {
		ref := refs[a.ID]
		ours.add(rouge(strings.Join(e.Article(a.ID, 3, 1<<20, nil), " "), ref))
		s := e.Sentences(a.ID)
		lead.add(rouge(strings.Join(s[:min(3, len(s))], " "), ref))
	}
	t.Logf("articles %d; ours R-1 %.1f R-2 %.1f; lead-3 R-1 %.1f R-2 %.1f",
		len(arts), ours.mean(0), ours.mean(1), lead.mean(0), lead.mean(1))
	if ours.mean(0) <= lead.mean(0) {
		t.Errorf("R-1 %.1f does not beat Lead-3 %.1f", ours.mean(0), lead.mean(0))
	}
}

func loadBBC(t *testing.T, dir string) ([]*digest.Article, map[string]string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "articles", "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no articles under %s: %v", dir, err)
	}
	var arts []*digest.Article
	refs := map[string]string{}
	for _, f := range files {
		rel, _ := filepath.Rel(filepath.Join(dir, "articles"), f)
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := os.ReadFile(filepath.Join(dir, "summaries", rel))
		if err != nil {
			t.Fatal(err)
		}
		title, rest, _ := strings.Cut(string(body), "\n")
		a := &digest.Article{ID: rel, Title: strings.TrimSpace(title)}
		for _, p := range strings.Split(rest, "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				a.Paragraphs = append(a.Paragraphs, p)
			}
		}
		arts = append(arts, a)
		refs[rel] = string(ref)
	}
	return arts, refs
}

// rouge returns ROUGE-1 and ROUGE-2 F-scores (in percent) of a candidate
// against a reference, on lower-cased, stemmed alphanumeric tokens as
// ROUGE-1.5.5 computes them.
func rouge(cand, ref string) [2]float64 {
	c, r := rougeTokens(cand), rougeTokens(ref)
	var out [2]float64
	for n := 1; n <= 2; n++ {
		cg, rg := ngrams(c, n), ngrams(r, n)
		var hit, ct, rt int
		for g, k := range rg {
			hit += min(k, cg[g])
			rt += k
		}
		for _, k := range cg {
			ct += k
		}
		if hit > 0 {
			p, rc := float64(hit)/float64(ct), float64(hit)/float64(rt)
			out[n-1] = 100 * 2 * p * rc / (p + rc)
		}
	}
	return out
}

func rougeTokens(s string) []string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	})
	for i, w := range words {
		if len(w) > 3 {
			words[i] = text.Stem(w)
		}
	}
	return words
}

func ngrams(tokens []string, n int) map[string]int {
	m := map[string]int{}
	for i := 0; i+n <= len(tokens); i++ {
		m[strings.Join(tokens[i:i+n], " ")]++
	}
	return m
}

type rougeSum struct {
	total [2]float64
	n     int
}

func (s *rougeSum) add(r [2]float64) {
	s.total[0] += r[0]
	s.total[1] += r[1]
	s.n++
}

func (s *rougeSum) mean(i int) float64 {
	if s.n == 0 {
		return 0
	}
	return s.total[i] / float64(s.n)
}
