package text

import (
	"math"
	"slices"
)

// Entry is one weight of a Sparse vector.
type Entry struct {
	Key uint64
	W   float64
}

// Sparse is a term-weight vector as entries sorted by key, where a key
// stands for a term (an interned id or a hash). It is the compact form of
// Vector for the many vectors a summarizer holds at once: sixteen bytes a
// term instead of a map's bucket, and products by a merge.
type Sparse []Entry

// SparseCounts counts keys: a raw frequency vector. It sorts keys.
func SparseCounts(keys []uint64) Sparse {
	slices.Sort(keys)
	var v Sparse
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j] == keys[i] {
			j++
		}
		v = append(v, Entry{keys[i], float64(j - i)})
		i = j
	}
	return slices.Clip(v)
}

// Norm is the Euclidean length of v.
func (v Sparse) Norm() float64 {
	var s float64
	for _, e := range v {
		s += e.W * e.W
	}
	return math.Sqrt(s)
}

// DotSparse is the inner product of a and b, by walking both together.
func DotSparse(a, b Sparse) float64 {
	var s float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].Key == b[j].Key:
			s += a[i].W * b[j].W
			i++
			j++
		case a[i].Key < b[j].Key:
			i++
		default:
			j++
		}
	}
	return s
}

// Dictionary numbers terms in the order it first meets them.
type Dictionary struct {
	ids   map[string]uint32
	terms []string
}

// NewDictionary starts an empty dictionary.
func NewDictionary() *Dictionary { return &Dictionary{ids: map[string]uint32{}} }

// ID is t's number, given now if t is new. Not safe for concurrent use
// with itself.
func (d *Dictionary) ID(t string) uint32 {
	if id, ok := d.ids[t]; ok {
		return id
	}
	id := uint32(len(d.terms))
	d.ids[t] = id
	d.terms = append(d.terms, t)
	return id
}

// Lookup is t's number if it has one; it only reads, so it is safe for
// concurrent use once no ID call adds terms.
func (d *Dictionary) Lookup(t string) (uint32, bool) {
	id, ok := d.ids[t]
	return id, ok
}

// Term is the term numbered id.
func (d *Dictionary) Term(id uint32) string { return d.terms[id] }

// Len is how many terms it numbers.
func (d *Dictionary) Len() int { return len(d.terms) }
