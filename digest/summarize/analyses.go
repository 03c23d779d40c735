package summarize

import (
	"slices"
	"sync"

	"github.com/digest-newsletter/digest/digest"
)

// Analyses keeps what an Engine makes of each article on its own (its
// sentences and their rules, terms, concepts and fingerprints) for the
// next Engine over some of the same articles: an edition's size-limit
// retries and preference variants summarize subsets of one selection,
// and only the counts across the set differ between them. It is safe
// for concurrent use. Articles are held by pointer, so one must not
// change while held; keep an Analyses for one edition's build.
type Analyses struct {
	mu sync.Mutex
	m  map[*digest.Article]*analysis
}

// NewAnalyses starts an empty store.
func NewAnalyses() *Analyses { return &Analyses{m: map[*digest.Article]*analysis{}} }

// analysis is split's result for one article, never changed once made.
type analysis struct {
	doc          *document
	terms, names [][]string
}

// split is split(a), made once per article when c is not nil. The
// document is a copy each Engine may change.
func (c *Analyses) split(a *digest.Article) (*document, [][]string, [][]string) {
	if c == nil {
		return split(a)
	}
	c.mu.Lock()
	an := c.m[a]
	c.mu.Unlock()
	if an == nil {
		d, terms, names := split(a)
		an = &analysis{doc: d, terms: terms, names: names}
		c.mu.Lock()
		c.m[a] = an
		c.mu.Unlock()
	}
	d := *an.doc
	d.sentences = slices.Clone(an.doc.sentences)
	return &d, an.terms, an.names
}
