package summarize

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/digest-newsletter/digest/digest/text"
)

// weights blend the signals a sentence is scored on. They are fields, not
// constants, so evaluation code can compare settings on a corpus.
type weights struct {
	salience salience
	// query scales a sentence's score by 1 + query·(cosine to
	// Options.Query), so a topical sentence wins however sure the
	// salience model is of the others.
	query float64
	// lengthPrior is the power of a sentence's length its salience is
	// multiplied by: of two sentences equally likely to matter, the
	// longer carries more of the article into the summary.
	lengthPrior float64
	// redundancy is how much similarity to an already picked sentence
	// costs a candidate (maximal marginal relevance) in an article
	// summary.
	redundancy float64
	// question scales questions down: summaries should state, not ask.
	question float64
	// cover values multi-article summaries.
	cover coverWeights
}

// salience is a logistic model of the chance that a sentence belongs in
// an extract of its article, on signals any news text has. Each weight
// multiplies one signal in the log-odds.
type salience struct {
	bias float64
	// words is centrality over the article's own words: the mean cosine
	// of a sentence's content-word counts to every other sentence's. A
	// sentence that repeats the names, figures and words the article
	// keeps coming back to states its main point.
	words float64
	// terms is the same centrality over stemmed terms weighted by how
	// few of the article's sentences use them, which favours the
	// article's distinctive vocabulary over its common words.
	terms float64
	// title is similarity to the headline.
	title float64
	// names is the share of a sentence's words, after the first, that
	// are capitalised: who and what the news is about.
	names float64
	// logWords is the natural log of the sentence's length in words.
	logWords float64
}

// defaultWeights were fitted on three topics of the BBC News Summary
// corpus, business, entertainment and politics (sport and tech are held
// out: no setting was chosen on them). First a logistic regression of
// "the sentence is in the reference extract" on the salience signals of
// every usable sentence of those topics, then a coordinate search over
// those weights, the length prior and the redundancy penalty that
// maximised R-1 + 1.5·R-2 + R-L of three-sentence summaries (see
// digest/eval and `digest eval summaries`). Position got no weight: once
// word centrality is in, the lead's place adds nothing, since a lead that
// states the point is central anyway. The query and multi-article
// weights are not fitted (the corpus has no query and no groups).
func defaultWeights() weights {
	return weights{
		salience: salience{
			bias:     -4.635,
			words:    5.416,
			terms:    1.5,
			title:    0.074,
			names:    0.272,
			logWords: 0.224,
		},
		query:       1,
		lengthPrior: 0.75,
		redundancy:  0.1,
		question:    0.6,
		cover:       defaultCoverWeights(),
	}
}

const (
	// typicalWords scales sentence lengths in the length prior, so
	// scores stay near 1 and comparable with the redundancy penalty.
	typicalWords = 20
	// maxPriorWords caps the length prior: a sentence longer than this
	// is more likely a run-on list than more of the point.
	maxPriorWords = 60
)

// score sets each sentence's salience within its article and ranks the
// usable ones. Centrality is computed over every unit of the article, so
// headings and captions still tell what the article keeps returning to,
// but only usable sentences are ranked. Corpus-weighted vectors serve
// the title, the query and comparisons across articles.
func (e *Engine) score(d *document, terms [][]uint32, title text.Sparse, titleNorm float64) {
	w := e.weights
	local, localNorms := localVectors(terms)
	byTerms := normalise(degreeCentrality(local, localNorms))
	words, wordNorms := wordVectors(d.sentences)
	byWords := normalise(degreeCentrality(words, wordNorms))
	for i := range d.sentences {
		s := &d.sentences[i]
		if !s.usable {
			continue
		}
		m := w.salience
		z := m.bias + m.words*byWords[i] + m.terms*byTerms[i] +
			m.title*cosine(s.vec, s.norm, title, titleNorm) + m.names*nameShare(s.text) +
			m.logWords*math.Log(float64(s.words))
		s.salience = (1 + w.query*s.query) / (1 + math.Exp(-z))
		if strings.HasSuffix(strings.TrimRight(s.text, `"'”’)`), "?") {
			s.salience *= w.question
		}
		v := s.salience * math.Pow(float64(min(s.words, maxPriorWords))/typicalWords, w.lengthPrior)
		s.score = v
		d.maxScore = math.Max(d.maxScore, v)
		d.ranked = append(d.ranked, i)
	}
	sort.SliceStable(d.ranked, func(a, b int) bool {
		return d.sentences[d.ranked[a]].score > d.sentences[d.ranked[b]].score
	})
}

// localVectors weighs each sentence's terms by inverse frequency among
// the sentences of its own article.
func localVectors(terms [][]uint32) ([]text.Sparse, []float64) {
	vecs := make([]text.Sparse, len(terms))
	df := map[uint64]int{}
	for i, t := range terms {
		vecs[i] = text.SparseCounts(keysOf(t))
		for _, x := range vecs[i] {
			df[x.Key]++
		}
	}
	norms := make([]float64, len(terms))
	for i, v := range vecs {
		for k := range v {
			v[k].W *= math.Log(float64(1+len(terms))/float64(1+df[v[k].Key])) + 1
		}
		norms[i] = v.Norm()
	}
	return vecs, norms
}

// wordVectors counts each sentence's words other than stop words, as
// written: exact forms, so a name or figure repeated verbatim counts
// more than a loose echo of it.
func wordVectors(sentences []sentence) ([]text.Sparse, []float64) {
	vecs := make([]text.Sparse, len(sentences))
	norms := make([]float64, len(sentences))
	ids := map[string]uint64{}
	for i, s := range sentences {
		var content []uint64
		for _, w := range text.Words(s.text) {
			if !text.IsStopWord(w) {
				id, ok := ids[w]
				if !ok {
					id = uint64(len(ids))
					ids[w] = id
				}
				content = append(content, id)
			}
		}
		vecs[i] = text.SparseCounts(content)
		norms[i] = vecs[i].Norm()
	}
	return vecs, norms
}

// degreeCentrality is each sentence's summed cosine to all the others:
// the degree of the sentence in the article's similarity graph, as in
// the degree variant of LexRank (Erkan and Radev, 2004). Summing unit
// vectors first makes it linear in the article's length rather than
// quadratic: Σ_j cos(i, j) = u_i · Σ_j u_j − 1.
func degreeCentrality(vecs []text.Sparse, norms []float64) []float64 {
	sum := map[uint64]float64{}
	for i, v := range vecs {
		if norms[i] > 0 {
			w := 1 / norms[i]
			for _, x := range v {
				sum[x.Key] += x.W * w
			}
		}
	}
	out := make([]float64, len(vecs))
	for i, v := range vecs {
		if norms[i] > 0 {
			var dot float64
			for _, x := range v {
				dot += x.W * sum[x.Key]
			}
			out[i] = math.Max(0, dot/norms[i]-1)
		}
	}
	return out
}

// nameShare is the share of a sentence's words, after the first, that
// start with a capital letter.
func nameShare(s string) float64 {
	fields := strings.Fields(s)
	if len(fields) < 2 {
		return 0
	}
	capitals := 0
	for _, f := range fields[1:] {
		if r, _ := utf8.DecodeRuneInString(f); unicode.IsUpper(r) {
			capitals++
		}
	}
	return float64(capitals) / float64(len(fields))
}

// normalise scales xs so its largest value is 1; all-zero input is left
// as is.
func normalise(xs []float64) []float64 {
	var top float64
	for _, x := range xs {
		top = math.Max(top, x)
	}
	if top > 0 {
		for i := range xs {
			xs[i] /= top
		}
	}
	return xs
}
