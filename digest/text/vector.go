package text

import "math"

// Vector is a sparse term-weight vector.
type Vector map[string]float64

// Counts builds a raw term-frequency vector.
func Counts(terms []string) Vector {
	v := make(Vector, len(terms))
	for _, t := range terms {
		v[t]++
	}
	return v
}

// Norm is the Euclidean length of v.
func (v Vector) Norm() float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

// Dot is the inner product of a and b, iterating over the smaller.
func Dot(a, b Vector) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	var s float64
	for t, x := range a {
		s += x * b[t]
	}
	return s
}

// Cosine is the cosine similarity of a and b, 0 when either is empty.
func Cosine(a, b Vector) float64 {
	dot := Dot(a, b)
	if dot == 0 {
		return 0
	}
	return dot / (a.Norm() * b.Norm())
}

// Add adds w times u into v.
func (v Vector) Add(u Vector, w float64) {
	for t, x := range u {
		v[t] += x * w
	}
}

// IDF holds inverse document frequencies over a corpus, so common terms
// weigh less than distinctive ones.
type IDF struct {
	docs int
	df   map[string]int
}

// NewIDF starts an empty corpus.
func NewIDF() *IDF { return &IDF{df: make(map[string]int)} }

// AddDoc counts each distinct term of one document once.
func (f *IDF) AddDoc(terms []string) {
	f.docs++
	seen := make(map[string]struct{}, len(terms))
	for _, t := range terms {
		if _, ok := seen[t]; ok {
			continue
		}
		seen[t] = struct{}{}
		f.df[t]++
	}
}

// Weight is the smoothed IDF of term t: log((1+N)/(1+df)) + 1.
func (f *IDF) Weight(t string) float64 {
	return math.Log(float64(1+f.docs)/float64(1+f.df[t])) + 1
}

// TFIDF weighs the term counts of terms by IDF.
func (f *IDF) TFIDF(terms []string) Vector {
	v := Counts(terms)
	for t, c := range v {
		v[t] = c * f.Weight(t)
	}
	return v
}
