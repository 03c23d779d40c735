package summarize

import (
	"math"
	"slices"
	"strings"

	"github.com/digest-newsletter/digest/digest/text"
)

const (
	// nearCosine is the term cosine at which two sentences say the same
	// thing in nearly the same words.
	nearCosine = 0.8
	// quoteRun is how many consecutive words two sentences must share to
	// be quoting the same source. Eight words almost never repeat by
	// chance, yet a quote cut differently in two articles still shares
	// them.
	quoteRun = 8
)

// Seen tracks the sentences already used in a digest, so the same quote
// or fact is said once even when two articles word it slightly apart.
// The zero value is ready to use; a nil *Seen covers nothing and records
// nothing. It is not safe for concurrent use.
type Seen struct {
	keys     map[string]struct{}
	runs     map[uint64]struct{}
	captured []fingerprint
	// concepts are the concepts said, so a later summary in the same
	// digest is worth only what it adds.
	concepts map[string]struct{}
}

// NewSeen starts an empty record.
func NewSeen() *Seen { return &Seen{} }

// Add records a sentence as said.
func (s *Seen) Add(sentence string) {
	if s == nil {
		return
	}
	s.add(newFingerprint(sentence))
}

// Covers reports whether sentence repeats one already said: the same
// words, a high term cosine, or a shared run of quoteRun consecutive
// words (case, punctuation and quote styles ignored).
func (s *Seen) Covers(sentence string) bool {
	if s == nil {
		return false
	}
	return s.covers(newFingerprint(sentence))
}

func (s *Seen) add(fp fingerprint) {
	if s == nil || fp.key == "" {
		return
	}
	if s.keys == nil {
		s.keys = map[string]struct{}{}
		s.runs = map[uint64]struct{}{}
		s.concepts = map[string]struct{}{}
	}
	s.keys[fp.key] = struct{}{}
	for _, c := range conceptsOf(strings.Fields(fp.key), nil) {
		s.concepts[c] = struct{}{}
	}
	for _, h := range fp.runs {
		s.runs[h] = struct{}{}
	}
	s.captured = append(s.captured, fp)
}

func (s *Seen) covers(fp fingerprint) bool {
	if s.coversVerbatim(fp) {
		return true
	}
	if s == nil || fp.key == "" {
		return false
	}
	for i := range s.captured {
		if fp.similar(&s.captured[i]) {
			return true
		}
	}
	return false
}

// saidConcept reports whether a concept was said already.
func (s *Seen) saidConcept(name string) bool {
	if s == nil {
		return false
	}
	_, ok := s.concepts[name]
	return ok
}

// coversVerbatim is the cheap part of covers: the same words or a shared
// quote, found by hash lookups. The cosine part compares with every
// sentence seen, so callers leave it for the few sentences they pick.
func (s *Seen) coversVerbatim(fp fingerprint) bool {
	if s == nil || fp.key == "" {
		return false
	}
	if _, ok := s.keys[fp.key]; ok {
		return true
	}
	for _, h := range fp.runs {
		if _, ok := s.runs[h]; ok {
			return true
		}
	}
	return false
}

// fingerprint is what redundancy checks compare: normalised words, their
// quoteRun-word runs and stemmed term counts.
type fingerprint struct {
	key  string
	runs []uint64 // hashes, sorted
	// terms counts its terms, keyed by wordHash, so a fingerprint
	// needs no engine's numbering.
	terms text.Sparse
	norm  float64
}

// quoteStyles folds typographic quotes and dashes so "NATO’s" matches
// "NATO's" and "Indo-Pacific" matches "Indo Pacific".
var quoteStyles = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "-", " ", "‐", " ", "‑", " ", "–", " ", "—", " ")

func newFingerprint(sentence string) fingerprint {
	folded := quoteStyles.Replace(sentence)
	words := text.Words(folded)
	return fingerprintOf(words, text.TermsOf(words, nil))
}

// fingerprintOf is newFingerprint of a sentence whose quote styles are
// folded, from its words and their terms.
func fingerprintOf(words, terms []string) fingerprint {
	keys := make([]uint64, len(terms))
	for i, t := range terms {
		keys[i] = wordHash(t)
	}
	fp := fingerprint{key: strings.Join(words, " "), terms: text.SparseCounts(keys)}
	fp.norm = fp.terms.Norm()
	if len(words) < quoteRun {
		return fp
	}
	hashes := make([]uint64, len(words))
	for i, w := range words {
		hashes[i] = wordHash(w)
	}
	fp.runs = make([]uint64, 0, len(words)-quoteRun+1)
	for i := 0; i+quoteRun <= len(words); i++ {
		var h uint64 = 14695981039346656037
		for _, wh := range hashes[i : i+quoteRun] {
			h = (h ^ wh) * 1099511628211
		}
		fp.runs = append(fp.runs, h)
	}
	slices.Sort(fp.runs)
	return fp
}

// wordHash is 64-bit FNV-1a of one word.
func wordHash(w string) uint64 {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(w); i++ {
		h = (h ^ uint64(w[i])) * 1099511628211
	}
	return h
}

// duplicates reports whether a and b say the same thing by any of the
// rules Covers uses.
func (a *fingerprint) duplicates(b *fingerprint) bool {
	if a.key == "" || b.key == "" {
		return false
	}
	if a.key == b.key || a.similar(b) {
		return true
	}
	// Both run lists are sorted: walk them together.
	for i, j := 0, 0; i < len(a.runs) && j < len(b.runs); {
		switch {
		case a.runs[i] == b.runs[j]:
			return true
		case a.runs[i] < b.runs[j]:
			i++
		default:
			j++
		}
	}
	return false
}

// similar reports a term cosine of at least nearCosine.
func (a *fingerprint) similar(b *fingerprint) bool {
	if a.norm == 0 || b.norm == 0 {
		return false
	}
	return text.DotSparse(a.terms, b.terms)/(a.norm*b.norm) >= nearCosine-1e-9
}

// cosine divides by norms computed once, since the same vectors are
// compared many times.
func cosine(a text.Sparse, na float64, b text.Sparse, nb float64) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	return math.Min(1, text.DotSparse(a, b)/(na*nb))
}
