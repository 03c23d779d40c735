package synth

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/eval"
	"github.com/digest-newsletter/digest/digest/text"
)

// minParagraphs is the fewest paragraphs a corpus article needs to be
// used: furniture needs a body to sit in.
const minParagraphs = 3

// themeTerms is how many of a topic's commonest words make its theme.
const themeTerms = 15

// Corpus is the real prose the generator wraps: the articles of the BBC
// News Summary corpus, with a theme per topic.
type Corpus struct {
	docs    []source
	byTopic map[string][]int
	themes  map[string]digest.Theme
}

// source is one corpus article.
type source struct {
	id, topic, headline string
	paragraphs          []string
}

// LoadCorpus reads the BBC News Summary corpus in dir (laid out as
// eval.LoadBBC reads it).
func LoadCorpus(dir string) (*Corpus, error) {
	docs, err := eval.LoadBBC(dir, nil)
	if err != nil {
		return nil, fmt.Errorf("synthetic set: %w", err)
	}
	c := &Corpus{byTopic: map[string][]int{}, themes: map[string]digest.Theme{}}
	for _, d := range docs {
		a := d.Article
		if len(a.Paragraphs) < minParagraphs || strings.TrimSpace(a.Title) == "" {
			continue
		}
		c.byTopic[d.Topic] = append(c.byTopic[d.Topic], len(c.docs))
		c.docs = append(c.docs, source{id: a.ID, topic: d.Topic, headline: strings.TrimSpace(a.Title), paragraphs: a.Paragraphs})
	}
	if len(c.byTopic) < 2 {
		return nil, fmt.Errorf("synthetic set: corpus %s has %d topics, need two for off-topic paragraphs", dir, len(c.byTopic))
	}
	for topic, idx := range c.byTopic {
		c.themes[topic] = topicTheme(topic, c.docs, idx)
	}
	return c, nil
}

// topicTheme is the theme a digest about one topic would have: the
// topic's name and its commonest content words. Cleaning uses a theme to
// tell a paragraph pasted from another story.
func topicTheme(topic string, docs []source, idx []int) digest.Theme {
	counts := map[string]int{}
	for _, i := range idx {
		for _, p := range docs[i].paragraphs {
			for _, w := range text.Words(p) {
				if len(w) >= 4 && !text.IsStopWord(w) {
					counts[w]++
				}
			}
		}
	}
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b))
	})
	return digest.Theme{Name: topic, Keywords: words[:min(themeTerms, len(words))]}
}

// topics lists the corpus topics in order.
func (c *Corpus) topics() []string {
	var ts []string
	for t := range c.byTopic {
		ts = append(ts, t)
	}
	slices.Sort(ts)
	return ts
}
