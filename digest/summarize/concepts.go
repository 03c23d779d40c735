package summarize

import (
	"strings"

	"github.com/digest-newsletter/digest/digest/text"
)

// A concept is a unit of information a multi-article summary can
// cover: a pair of adjacent stemmed words, not both stop words ("missil
// defens", "prime minist"). Following Gillick and Favre (2009), a
// concept that many of the articles repeat is what the group is about,
// and a summary is worth the concepts it covers, each counted once
// however many of its sentences state it. Counting each once is what
// keeps the summary from repeating itself.

// conceptTable interns concepts while an Engine is built.
// A concept is held as the corpus ids of its two stems, first in the
// high half, so the table keeps no string per concept.
type conceptTable struct {
	ids   map[uint64]int32
	pairs []uint64
}

func (t *conceptTable) id(pair uint64) int32 {
	if id, ok := t.ids[pair]; ok {
		return id
	}
	id := int32(len(t.pairs))
	t.ids[pair] = id
	t.pairs = append(t.pairs, pair)
	return id
}

// conceptName is the name of concept k: its two stems, space between.
func (e *Engine) conceptName(k int32) string {
	p := e.concepts.pairs[k]
	return e.corpus.dict.Term(uint32(p>>32)) + " " + e.corpus.dict.Term(uint32(p))
}

// conceptNames lists a text's concepts, distinct: its pairs of
// neighbouring words (stemmed), but for pairs of stop words. A word alone
// is no concept: the articles of one story share most of their words
// whatever each says, but a pair ("talks collapsed") mostly where they
// report the same fact.
func conceptNames(s string) []string { return conceptsOf(text.Words(quoteStyles.Replace(s)), nil) }

// conceptsOf is conceptNames of a text already split into words, with
// quote styles folded, stemming through c (which may be nil).
func conceptsOf(words []string, c text.StemCache) []string {
	stems := make([]string, len(words))
	stop := make([]bool, len(words))
	for i, w := range words {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		stop[i] = text.IsStopWord(w)
		stems[i] = c.Stem(w)
	}
	var out []string
	seen := map[string]bool{}
	for i := 0; i+1 < len(stems); i++ {
		if stop[i] && stop[i+1] {
			continue
		}
		name := stems[i] + " " + stems[i+1]
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// queryConcept reports how much of a concept the query names: the share
// of its two words that are query terms.
func queryConcept(name string, query map[string]bool) float64 {
	a, b, _ := strings.Cut(name, " ")
	share := 0.0
	if query[a] {
		share += 0.5
	}
	if query[b] {
		share += 0.5
	}
	return share
}

// queryTerms is the set of stemmed content words of the query.
func queryTerms(q string) map[string]bool {
	m := map[string]bool{}
	for _, w := range text.Words(quoteStyles.Replace(q)) {
		if !text.IsStopWord(w) && !instructionWords[w] {
			m[text.Stem(w)] = true
		}
	}
	return m
}

// instructionWords are the words a request is phrased in ("Discuss …,
// include …") rather than what it asks about; they say nothing of the
// topic.
var instructionWords = wordSet(`discuss describe include including identify explain specify report reports
	information detail details details mention provide give what which how why who when where whether
	address consider regarding concerning related relating`)
