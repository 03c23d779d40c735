package digest

import (
	"strings"
	"time"
)

// Theme is what a digest is about. Articles are scored against its
// description and keywords; those scoring under MinRelevance are left out.
type Theme struct {
	Name         string
	Description  string
	Keywords     []string
	MinRelevance float64
}

// Query is the theme as one text, for the stages that read it as a
// query: summaries lean towards it and cleaning keeps paragraphs that
// share its terms. Relevance weighs the same parts apart (the theme
// package), so keywords count most there.
func (t Theme) Query() string {
	return t.Name + ". " + t.Description + " " + strings.Join(t.Keywords, " ")
}

// SectionSpec is a section as the config defines it. Articles are placed
// in the section whose title, description and keywords they match best.
type SectionSpec struct {
	Title       string
	Description string
	Keywords    []string
}

// Limits keep an edition readable and its email under Gmail's clipping
// size however many articles arrive.
type Limits struct {
	ItemsPerSection        int
	SentencesPerItem       int
	WordsPerItemSummary    int
	WordsPerSectionSummary int
	WordsPerLead           int
	MaxEmailBytes          int
	// MaxAge leaves out fetched articles older than this; 0 keeps all.
	MaxAge time.Duration
}
