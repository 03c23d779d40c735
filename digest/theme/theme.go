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
func articleTerms(a *digest.Article) []string {
	title := text.Terms(a.Title)
	terms := make([]string, 0, len(title)*articleTitleBoost+a.WordCount())
	for i := 0; i < articleTitleBoost; i++ {
		terms = append(terms, title...)
	}
	for _, p := range a.Paragraphs {
		terms = append(terms, text.Terms(p)...)
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

// Relevance scores an article against the theme in [0, 1]: the cosine of
// its damped term vector and the theme's weighted vector.
func Relevance(a *digest.Article, th digest.Theme) float64 {
	q := queryVector(th.Name, th.Description, th.Keywords)
	return text.Cosine(sublinear(text.Counts(articleTerms(a))), q)
}

// ReasonOffTheme is the left-out reason for an article under the bar.
func ReasonOffTheme(score float64) string {
	return fmt.Sprintf("off theme (score %.2f)", score)
}
