package summarize

import (
	"math"

	"github.com/digest-newsletter/digest/digest/text"
)

// corpus numbers the terms of an Engine's articles and counts how many
// articles use each, for inverse document frequencies. Sentences hold
// their terms as these numbers, so the strings of a term are held once.
// It is written while New numbers the articles, in order, and only read
// after.
type corpus struct {
	dict *text.Dictionary
	docs int32
	df   []int32
	// last is the document (1-based) that last counted each term.
	last []int32
}

func newCorpus() *corpus { return &corpus{dict: text.NewDictionary()} }

// id numbers t.
func (c *corpus) id(t string) uint32 {
	id := c.dict.ID(t)
	for int(id) >= len(c.df) {
		c.df = append(c.df, 0)
		c.last = append(c.last, 0)
	}
	return id
}

// addDoc numbers one article's terms, sentence by sentence, and counts
// each distinct one once.
func (c *corpus) addDoc(terms [][]string) [][]uint32 {
	c.docs++
	out := make([][]uint32, len(terms))
	for j, ts := range terms {
		ids := make([]uint32, len(ts))
		for k, t := range ts {
			id := c.id(t)
			ids[k] = id
			if c.last[id] != c.docs {
				c.last[id] = c.docs
				c.df[id]++
			}
		}
		out[j] = ids
	}
	return out
}

// weight is the smoothed IDF of a term used by df articles:
// log((1+N)/(1+df)) + 1.
func (c *corpus) weight(df int32) float64 {
	return math.Log(float64(1+c.docs)/float64(1+df)) + 1
}

// vector weighs the counts of numbered terms by IDF, with its norm.
func (c *corpus) vector(ids []uint32) (text.Sparse, float64) {
	v := text.SparseCounts(keysOf(ids))
	for k := range v {
		v[k].W *= c.weight(c.df[v[k].Key])
	}
	return v, v.Norm()
}

// vectorOf is vector of terms that may be new to the corpus: a new term
// weighs as one no article uses, which counts in the norm though it
// matches no sentence. It only reads, so it is safe for concurrent use.
func (c *corpus) vectorOf(terms []string) (text.Sparse, float64) {
	var ids []uint32
	unknown := map[string]int{}
	for _, t := range terms {
		if id, ok := c.dict.Lookup(t); ok {
			ids = append(ids, id)
		} else {
			unknown[t]++
		}
	}
	v, _ := c.vector(ids)
	sq := 0.0
	for _, e := range v {
		sq += e.W * e.W
	}
	for _, n := range unknown {
		w := float64(n) * c.weight(0)
		sq += w * w
	}
	return v, math.Sqrt(sq)
}

// keysOf widens ids to Sparse keys.
func keysOf(ids []uint32) []uint64 {
	keys := make([]uint64, len(ids))
	for i, id := range ids {
		keys[i] = uint64(id)
	}
	return keys
}
