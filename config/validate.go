package config

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

type problem struct {
	field string // dotted path such as sections[1].title
	msg   string
}

// validate checks values the YAML decoder cannot: ranges, required fields
// and cross-field rules.
func (c *Config) validate() []problem {
	var ps []problem
	add := func(field, format string, args ...any) {
		ps = append(ps, problem{field, fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(c.Title) == "" {
		add("title", "must not be empty")
	}
	if _, err := language.Parse(c.Language); err != nil {
		add("language", "%q is not a language tag such as en or ja", c.Language)
	}
	if strings.TrimSpace(c.DataDir) == "" {
		add("data_dir", "must not be empty")
	}
	if strings.TrimSpace(c.Theme.Name) == "" {
		add("theme.name", "must not be empty")
	}
	if c.Theme.MinRelevance < 0 || c.Theme.MinRelevance > 1 {
		add("theme.min_relevance", "must be between 0 and 1, got %v", c.Theme.MinRelevance)
	}
	if len(c.Sections) == 0 {
		add("sections", "at least one section is needed")
	}
	seen := map[string]int{}
	for i, s := range c.Sections {
		f := fmt.Sprintf("sections[%d]", i)
		if strings.TrimSpace(s.Title) == "" {
			add(f+".title", "must not be empty")
			continue
		}
		if j, dup := seen[strings.ToLower(s.Title)]; dup {
			add(f+".title", "%q repeats sections[%d]", s.Title, j)
		}
		seen[strings.ToLower(s.Title)] = i
		if strings.TrimSpace(s.Description) == "" && len(s.Keywords) == 0 {
			add(f, "needs a description or keywords to place articles")
		}
	}
	for i, d := range c.Sources.DropFolders {
		if strings.TrimSpace(d) == "" {
			add(fmt.Sprintf("sources.drop_folders[%d]", i), "must not be empty")
		}
	}
	l := c.Limits
	positive := []struct {
		field string
		v     int64
		min   int64
	}{
		{"limits.items_per_section", int64(l.ItemsPerSection), 1},
		{"limits.sentences_per_item", int64(l.SentencesPerItem), 1},
		{"limits.words_per_item_summary", int64(l.WordsPerItemSummary), 10},
		{"limits.words_per_section_summary", int64(l.WordsPerSectionSummary), 0},
		{"limits.words_per_lead", int64(l.WordsPerLead), 0},
		{"limits.max_email_bytes", int64(l.MaxEmailBytes), 10_000},
		{"limits.max_article_bytes", l.MaxArticleBytes, 1_000},
	}
	for _, p := range positive {
		if p.v < p.min {
			add(p.field, "must be at least %d, got %d", p.min, p.v)
		}
	}
	return ps
}

// lineOf finds the line of a dotted field path such as sections[1].title in
// the parsed document, or 0 when the file does not set it.
func lineOf(root *yaml.Node, field string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := 0
	for _, part := range strings.Split(field, ".") {
		name, index := part, -1
		if i := strings.IndexByte(part, '['); i >= 0 && strings.HasSuffix(part, "]") {
			name = part[:i]
			index, _ = strconv.Atoi(part[i+1 : len(part)-1])
		}
		n = child(n, name)
		if n == nil {
			return line
		}
		line = n.Line
		if index >= 0 {
			if n.Kind != yaml.SequenceNode || index >= len(n.Content) {
				return line
			}
			n = n.Content[index]
			line = n.Line
		}
	}
	return line
}

func child(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
