// Package summarize writes extractive summaries: it picks whole sentences
// of cleaned articles, never rewording them, so every summary line can be
// traced to the article it quotes. Sentences are scored within their own
// article (centrality over its words and terms, names, length, title and
// query similarity), and multi-article summaries choose among a bounded
// pool of each article's best sentences, which keeps the cost near linear
// in the number of articles.
package summarize

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/text"
)

// Options tune an Engine.
type Options struct {
	// Query biases selection towards a topic, such as the digest theme's
	// description and keywords. Optional.
	Query string
	// Analyses, when set, keeps each article's analysis for the next
	// Engine over the same articles. Optional.
	Analyses *Analyses
	// Now is when the summary is read (an edition's date). A sentence
	// announcing as still to come something dated before it is never
	// chosen (see staleFuture). Zero turns the rule off.
	Now time.Time
}

// Engine summarizes a fixed set of cleaned articles. Inverse document
// frequencies are computed across the set, so words every article uses
// ("Japan" in a digest about Japan) count for less than distinctive ones.
// An Engine is read-only after New and safe for concurrent use; the Seen
// passed to it is not.
type Engine struct {
	docs    map[string]*document
	weights weights
	// concepts names every concept of the articles; queryShare is how
	// much of each the query names.
	concepts   conceptTable
	queryShare []float64
	// corpus numbers the articles' terms and counts their documents.
	corpus *corpus
	// noRules turns the readability rules off, so tests can show that a
	// fixture would break them.
	noRules bool
}

// document is one article split and scored.
type document struct {
	article   *digest.Article
	sentences []sentence
	// ranked lists the usable sentences, best first.
	ranked   []int
	maxScore float64
	// words counts the words of all its sentences.
	words int
	// year is the year the article speaks from: its date's, or the
	// latest it mentions; 0 when neither is known.
	year int
}

// sentence is one unit of an article as Sentences split it.
type sentence struct {
	text  string
	index int
	words int
	vec   text.Sparse
	norm  float64
	// print is what redundancy checks compare; only usable sentences
	// have one.
	print fingerprint
	// query is the cosine to Options.Query, 0 without one.
	query float64
	// salience is how much of the sentence belongs in a summary, about
	// the chance that it does; score adds the length prior to it.
	salience float64
	score    float64
	usable   bool
	leans    bool
	// parts is how many source sentences it holds: one, or more for a
	// quotation kept whole.
	parts int
	// concepts are its distinct concepts (Engine.concepts ids).
	concepts []int32
	// names is whom it introduces by full name or calls by surname.
	names nameUse
	// background marks a sentence about an earlier year than its
	// article's: context, not the news.
	background bool
	// flaw is why the quality filter refuses it (see flawOf), "" when
	// it does not.
	flaw string
	// antecedents are the earlier sentences that carry the referent its
	// opening points back to (see openingReference); one of them must be
	// chosen before it. Nil when it points to nothing or the title.
	antecedents []int
	// unanchored marks an opening reference whose head noun the article
	// never used before: away from its title it leans on the sentence
	// before it.
	unanchored bool
	// titleCut marks the sentence the article's title was cut from (see
	// isTitleCut). It is kept out wherever that title is printed too (an
	// item's blurb under it, an edition's lead and section summaries
	// above it, the swap list), where it would be read twice; a summary
	// printed without titles (Multi) may quote it, as it is often the
	// article's lead: what happened.
	titleCut bool
}

// New splits and scores the articles. Articles with an empty or repeated
// ID after the first are ignored, as are nil ones.
func New(articles []*digest.Article, opts Options) *Engine {
	e := &Engine{docs: make(map[string]*document, len(articles)), weights: defaultWeights(),
		concepts: conceptTable{ids: make(map[uint64]int32, 64*len(articles))}, corpus: newCorpus()}
	var kept []*digest.Article
	ids := map[string]bool{}
	for _, a := range articles {
		if a == nil || a.ID == "" || ids[a.ID] {
			continue
		}
		ids[a.ID] = true
		kept = append(kept, a)
	}
	// Articles are split and scored on every core; only the counts
	// across them (inverse frequencies, term and concept numbers) are
	// serial. They go in chunks, so the terms and concept names of only
	// one chunk are held as strings at a time before they are numbered;
	// numbering in article order keeps the ids what a serial pass would
	// give.
	docs := make([]*document, len(kept))
	terms := make([][][]uint32, len(kept))
	chunk := 16 * runtime.GOMAXPROCS(0)
	words := make([][][]string, min(chunk, len(kept)))
	names := make([][][]string, min(chunk, len(kept)))
	c := e.corpus
	for from := 0; from < len(kept); from += chunk {
		to := min(from+chunk, len(kept))
		parallel(to-from, func(k int) {
			i := from + k
			docs[i], words[k], names[k] = opts.Analyses.split(kept[i])
		})
		for i := from; i < to; i++ {
			d := docs[i]
			e.docs[d.article.ID] = d
			terms[i] = c.addDoc(words[i-from])
			words[i-from] = nil
			for j := range d.sentences {
				for _, name := range names[i-from][j] {
					a, b, _ := strings.Cut(name, " ")
					pair := uint64(c.id(a))<<32 | uint64(c.id(b))
					d.sentences[j].concepts = append(d.sentences[j].concepts, e.concepts.id(pair))
				}
			}
			names[i-from] = nil
		}
	}
	// Numbering is done: only the names of the concepts are needed now.
	e.concepts.ids = nil
	query, queryNorm := c.vectorOf(text.Terms(opts.Query))
	parallel(len(docs), func(i int) {
		d := docs[i]
		for j := range d.sentences {
			s := &d.sentences[j]
			if s.usable && (staleFuture(s.text, d.year, opts.Now) || staleRelative(s.text, d.article.Published, d.year, opts.Now)) {
				s.usable, s.flaw = false, FlawStale
			}
			s.vec, s.norm = c.vector(terms[i][j])
			s.query = cosine(s.vec, s.norm, query, queryNorm)
		}
		markFiller(d, c.dict)
		title, titleNorm := c.vectorOf(text.Terms(d.article.Title))
		e.score(d, terms[i], title, titleNorm)
		terms[i] = nil
	})
	qt := queryTerms(opts.Query)
	e.queryShare = make([]float64, len(e.concepts.pairs))
	if len(qt) > 0 {
		for k := range e.concepts.pairs {
			e.queryShare[k] = queryConcept(e.conceptName(int32(k)), qt)
		}
	}
	return e
}

// parallel calls f(0) … f(n-1) on every core and waits for them.
func parallel(n int, f func(int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

// count is how many source sentences s holds, at least one.
func (s *sentence) count() int { return max(1, s.parts) }

// split breaks an article into sentences and marks which may be quoted
// and which lean on the sentence before them. It returns each sentence's
// terms and concept names too, from one tokenising of the sentence.
func split(a *digest.Article) (*document, [][]string, [][]string) {
	var units []string
	var wholeLine []bool
	var parts []int
	for _, p := range a.Paragraphs {
		us, ps := joinQuotes(p, text.Sentences(p))
		units = append(units, us...)
		parts = append(parts, ps...)
		wholeLine = append(wholeLine, wholeLines(p, us)...)
	}
	items := listItems(units, wholeLine)
	title := newFingerprint(a.Title)
	titleWords := len(strings.Fields(a.Title))
	d := &document{article: a, sentences: make([]sentence, len(units)), year: articleYear(a, units)}
	people := personNames(units)
	titleTerms := text.Terms(a.Title)
	terms := make([][]string, len(units))
	concepts := make([][]string, len(units))
	stems := text.StemCache{}
	for i, s := range units {
		words := len(strings.Fields(s))
		d.sentences[i] = sentence{
			text:     s,
			index:    i,
			parts:    parts[i],
			words:    words,
			usable:   !items[i] && usable(s, words, a.Authors, &title, titleWords) && !announcesList(s),
			leans:    leansOnPrevious(s),
			names:    namesIn(s, people),
			flaw:     flawOf(s, people),
			titleCut: isTitleCut(s, &title, titleWords),
		}
		y := text.EarliestYear(s)
		d.sentences[i].background = d.year > 0 && y > 0 && y < d.year
		folded := quoteStyles.Replace(s)
		split := text.Words(folded)
		foldedTerms := text.TermsOf(split, stems)
		if d.sentences[i].usable {
			d.sentences[i].print = fingerprintOf(split, foldedTerms)
		}
		concepts[i] = conceptsOf(split, stems)
		// Similarity keeps hyphenated words whole ("dual-use"), which
		// folding splits; where folding changed nothing, the terms are
		// the same.
		if folded == s {
			terms[i] = foldedTerms
		} else {
			terms[i] = text.TermsOf(text.Words(s), stems)
		}
		if head, the := openingReference(s); head != "" && !(the && i == 0) && d.sentences[i].flaw == "" {
			at, found := antecedents(head, i, terms, titleTerms)
			switch {
			case found:
				d.sentences[i].antecedents = at
			case i > 0:
				// Named otherwise just before ("TimeWarner … The
				// firm"): in a lead or section summary it goes only
				// with that sentence (see readable); an item's blurb
				// stands under its title, which names the story's
				// subject.
				d.sentences[i].unanchored = true
			default:
				d.sentences[i].flaw = FlawReference
			}
		}
		if d.sentences[i].flaw != "" {
			d.sentences[i].usable = false
		}
		d.words += words
	}
	return d, terms, concepts
}

// Sentences returns the sentences of one article as the engine split
// them, or nil for an unknown id.
func (e *Engine) Sentences(id string) []string {
	d := e.docs[id]
	if d == nil {
		return nil
	}
	out := make([]string, len(d.sentences))
	for i, s := range d.sentences {
		out[i] = s.text
	}
	return out
}

// Ranked returns the sentences of one article a summary may use, best
// first: what an editor is offered to swap a summary sentence for.
// Sentences that lean on one before them are left out, as they cannot
// stand where another stood.
func (e *Engine) Ranked(id string) []string {
	d := e.docs[id]
	if d == nil {
		return nil
	}
	out := make([]string, 0, len(d.ranked))
	for _, i := range d.ranked {
		if s := &d.sentences[i]; !s.leans && !s.unanchored && !s.titleCut {
			out = append(out, s.text)
		}
	}
	return out
}
