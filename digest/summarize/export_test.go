package summarize

import "github.com/digest-newsletter/digest/digest"

// CoverWeights exposes the multi-article weights to external tests.
type CoverWeights = coverWeights

// DefaultCoverWeights is defaultCoverWeights for external tests.
func DefaultCoverWeights() CoverWeights { return defaultCoverWeights() }

// NewWithCover builds an engine with other multi-article weights.
func NewWithCover(arts []*digest.Article, opts Options, cw CoverWeights) *Engine {
	e := New(arts, opts)
	e.weights.cover = cw
	return e
}

// Set changes one weight by name, for tuning from external tests.
func (w *coverWeights) Set(name string, x float64) {
	switch name {
	case "query":
		w.query = x
	case "querySentence":
		w.querySentence = x
	case "salience":
		w.salience = x
	case "position":
		w.position = x
	case "early":
		w.early = int(x)
	case "minShare":
		w.minShare = x
	case "costPower":
		w.costPower = x
	default:
		panic("no weight " + name)
	}
}
