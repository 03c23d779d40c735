// Package dedupe finds the same article read from two places: an exact
// copy, a copy with different boilerplate, or a shortened copy of it.
package dedupe

import (
	"hash/fnv"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/text"
)

const (
	// shingleWords is the length of the word runs compared. Five words
	// rarely repeat by chance between different stories but survive small
	// edits.
	shingleWords = 5
	// minContainment is the share of the shorter article's shingles that
	// must appear in the longer one for the two to be the same article.
	minContainment = 0.8
	// maxPosting skips shingles found in very many articles (stock
	// phrases) when looking for candidates, which keeps the search near
	// linear in the number of articles.
	maxPosting = 50
)

// Duplicate is an article dropped because it is the same as Kept.
type Duplicate struct {
	Dropped    *digest.Article
	Kept       *digest.Article
	Similarity float64
}

// Articles returns the articles with duplicates removed, keeping the
// fuller copy of each pair (the longer body) and filling its empty
// metadata from the copy dropped. Order of the kept articles follows the
// input.
func Articles(arts []*digest.Article) ([]*digest.Article, []Duplicate) {
	sets := make([]map[uint64]struct{}, len(arts))
	index := map[uint64][]int{}
	for i, a := range arts {
		sets[i] = shingles(a)
		for h := range sets[i] {
			index[h] = append(index[h], i)
		}
	}
	parent := make([]int, len(arts)) // the article each one folds into
	for i := range parent {
		parent[i] = i
	}
	var dups []Duplicate
	for i := range arts {
		if parent[i] != i {
			continue
		}
		shared := map[int]int{}
		for h := range sets[i] {
			if posting := index[h]; len(posting) <= maxPosting {
				for _, j := range posting {
					if j > i && parent[j] == j {
						shared[j]++
					}
				}
			}
		}
		for j, n := range shared {
			smaller := min(len(sets[i]), len(sets[j]))
			if smaller == 0 {
				continue
			}
			sim := float64(n) / float64(smaller)
			if sim < minContainment {
				continue
			}
			keep, drop := i, j
			if arts[j].WordCount() > arts[i].WordCount() {
				keep, drop = j, i
			}
			merge(arts[keep], arts[drop])
			parent[drop] = keep
			dups = append(dups, Duplicate{Dropped: arts[drop], Kept: arts[keep], Similarity: sim})
			if drop == i {
				break
			}
		}
	}
	kept := make([]*digest.Article, 0, len(arts))
	for i, a := range arts {
		if parent[i] == i {
			kept = append(kept, a)
		}
	}
	return kept, dups
}

// shingles hashes every run of shingleWords words of the body. A body
// shorter than that is one shingle of all its words.
func shingles(a *digest.Article) map[uint64]struct{} {
	words := text.Words(a.Body())
	set := make(map[uint64]struct{}, len(words))
	n := shingleWords
	if len(words) < n {
		n = len(words)
	}
	for i := 0; i+n <= len(words) && n > 0; i++ {
		h := fnv.New64a()
		h.Write([]byte(strings.Join(words[i:i+n], " ")))
		set[h.Sum64()] = struct{}{}
	}
	return set
}

// merge fills the kept article's unknown fields from the dropped copy,
// which may have come with a URL, a date or a byline the other lacked.
func merge(kept, dropped *digest.Article) {
	if kept.URL == "" {
		kept.URL = dropped.URL
	}
	if kept.Publication == "" {
		kept.Publication = dropped.Publication
	}
	if kept.Published.IsZero() {
		kept.Published = dropped.Published
	}
	if len(kept.Authors) == 0 {
		kept.Authors = dropped.Authors
	}
}
