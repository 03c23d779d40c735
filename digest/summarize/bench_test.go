package summarize

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// synthetic makes n articles of made-up sentences drawn from a shared
// vocabulary, so articles overlap as real news on one theme does.
func synthetic(n int) []*digest.Article {
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 3000)
	endings := []string{"ed", "s", "ing", "al", "ion"}
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%d%s", i, endings[i%len(endings)])
	}
	arts := make([]*digest.Article, n)
	for a := range arts {
		art := &digest.Article{ID: fmt.Sprintf("a%d", a), Title: "Title " + vocab[rng.IntN(len(vocab))]}
		for p := 0; p < 6; p++ {
			var para []string
			for s := 0; s < 4; s++ {
				words := make([]string, 8+rng.IntN(25))
				for w := range words {
					// Zipf-like: low indices are common.
					words[w] = vocab[int(float64(len(vocab))*rng.Float64()*rng.Float64())]
				}
				words[0] = "The " + words[0]
				para = append(para, strings.Join(words, " ")+".")
			}
			art.Paragraphs = append(art.Paragraphs, strings.Join(para, " "))
		}
		arts[a] = art
	}
	return arts
}

func BenchmarkMulti(b *testing.B) {
	for _, n := range []int{10, 100, 2000} {
		arts := synthetic(n)
		ids := make([]string, n)
		for i, a := range arts {
			ids[i] = a.ID
		}
		e := New(arts, Options{Query: "w1ed w2s w3ing"})
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			for b.Loop() {
				e.Multi(ids, 250, NewSeen())
			}
		})
	}
}

func BenchmarkNew(b *testing.B) {
	arts := synthetic(500)
	for b.Loop() {
		New(arts, Options{})
	}
}
