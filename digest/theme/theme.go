// Package theme scores articles against a digest's theme and places each
// on-theme article in one of the configured sections.
package theme

import (
	"fmt"
	"math"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/text"
)

// Weights of the parts of a theme or section description. Keywords are what
// an editor chose deliberately, so they count most; a title says more about
// an article than any one sentence of its body.
const (
	keywordWeight     = 3
	nameWeight        = 2
	descriptionWeight = 1
	articleTitleBoost = 3
)

// queryVector turns a name, description and keywords into one weighted
// term vector.
func queryVector(name, description string, keywords []string) text.Vector {
	v := text.Vector{}
	for _, t := range text.Terms(name) {
		v[t] += nameWeight
	}
	for _, t := range text.Terms(description) {
		v[t] += descriptionWeight
	}
	for _, k := range keywords {
		for _, t := range text.Terms(k) {
			v[t] += keywordWeight
		}
	}
	return v
}

// articleTerms is the article's title (repeated to weigh more) and body.
// An article repeats its words, so each is stemmed once.
func articleTerms(a *digest.Article) []string {
	stems := text.StemCache{}
	title := text.TermsOf(text.Words(a.Title), stems)
	terms := make([]string, 0, len(title)*articleTitleBoost+a.WordCount())
	for i := 0; i < articleTitleBoost; i++ {
		terms = append(terms, title...)
	}
	for _, p := range a.Paragraphs {
		terms = append(terms, text.TermsOf(text.Words(p), stems)...)
	}
	return terms
}

// sublinear damps raw counts, so an article that repeats one word a
// hundred times does not outscore one that covers the whole theme.
func sublinear(v text.Vector) text.Vector {
	for t, c := range v {
		v[t] = 1 + math.Log(c)
	}
	return v
}

// Profile is what this package reads of an article: the damped counts
// of its terms, its title's counting more (see articleTerms and
// sublinear). It is made once per article, so an article is tokenized
// once for both Relevance and Place, and never changed after.
type Profile struct {
	// terms are held as a list, not a map: a profile is kept for every
	// article of a build.
	terms []termWeight
	norm  float64
}

type termWeight struct {
	t string
	w float64
}

// NewProfile reads an article.
func NewProfile(a *digest.Article) *Profile {
	v := sublinear(text.Counts(articleTerms(a)))
	p := &Profile{terms: make([]termWeight, 0, len(v)), norm: v.Norm()}
	for t, w := range v {
		p.terms = append(p.terms, termWeight{t, w})
	}
	return p
}

// vector is the profile as a Vector of its own.
func (p *Profile) vector() text.Vector {
	v := make(text.Vector, len(p.terms))
	for _, x := range p.terms {
		v[x.t] = x.w
	}
	return v
}

// Relevance scores an article against the theme in [0, 1]: the cosine of
// its damped term vector and the theme's weighted vector.
func Relevance(a *digest.Article, th digest.Theme) float64 {
	return NewProfile(a).Relevance(NewQuery(th))
}

// Query is the theme's weighted term vector, for Profile.Relevance.
type Query struct {
	v text.Vector
}

// NewQuery weighs the theme's parts: keywords most, then its name, then
// its description.
func NewQuery(th digest.Theme) Query {
	return Query{queryVector(th.Name, th.Description, th.Keywords)}
}

// Relevance is the article's relevance to the theme q stands for.
func (p *Profile) Relevance(q Query) float64 {
	var dot float64
	for _, x := range p.terms {
		dot += x.w * q.v[x.t]
	}
	if dot == 0 {
		return 0
	}
	return dot / (p.norm * q.v.Norm())
}

// ReasonOffTheme is the left-out reason for an article under the bar.
func ReasonOffTheme(score float64) string {
	return fmt.Sprintf("off theme (score %.2f)", score)
}
