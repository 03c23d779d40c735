package clean

import (
	"strings"

	"github.com/digest-newsletter/digest/digest/lazyre"
)

// maxFrontMatterLines bounds the search for the closing "---", so a file
// that merely opens with a rule is not read as metadata.
const maxFrontMatterLines = 40

var frontMatterLine = lazyre.New(`^([A-Za-z][A-Za-z _-]*):\s*(.*)$`)

// readFrontMatter reads a Markdown front matter block ("---", key: value
// lines, "---") into the article's metadata and returns the text after
// it. A block must name at least one field it knows (title, author,
// date, publication, url), so a note set between two rules is not taken
// for one. Text without a block is returned as it is.
func readFrontMatter(text string, m meta) string {
	text = strings.TrimLeft(strings.TrimPrefix(text, "\uFEFF"), " \t\r\n")
	lines := strings.Split(text, "\n")
	if len(lines) < 3 || strings.TrimSpace(lines[0]) != "---" {
		return text
	}
	var fields [][2]string
	for i := 1; i < len(lines) && i <= maxFrontMatterLines; i++ {
		s := strings.TrimSpace(lines[i])
		switch {
		case s == "---" || s == "...":
			known := 0
			for _, f := range fields {
				if _, ok := frontMatterField(f[0]); ok {
					known++
				}
			}
			if known == 0 {
				return text // text between two rules, not metadata
			}
			for _, f := range fields {
				if field, ok := frontMatterField(f[0]); ok && f[1] != "" {
					m.fill(field, f[1])
				}
			}
			return strings.Join(lines[i+1:], "\n")
		case s == "" || strings.HasPrefix(s, "#") || strings.HasPrefix(s, "- "):
			// blank lines, comments and list items of a key are allowed
		default:
			g := frontMatterLine.FindStringSubmatch(s)
			if g == nil {
				return text
			}
			fields = append(fields, [2]string{strings.ToLower(g[1]), unquote(g[2])})
		}
	}
	return text
}

// frontMatterField maps a front matter key to the field it fills.
func frontMatterField(key string) (string, bool) {
	switch key {
	case "title", "headline":
		return "title", true
	case "author", "authors", "by":
		return "author", true
	case "date", "published", "pubdate", "publish_date", "published_at":
		return "date", true
	case "publication", "source", "site", "publisher":
		return "publication", true
	case "url", "link", "canonical", "canonical_url":
		return "url", true
	}
	return "", false
}

// unquote strips YAML quotes and list brackets: `"A"` → A, [A, B] → A, B.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	return strings.Trim(s, `"'`)
}
