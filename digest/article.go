// Package digest holds the domain types of the digest newsletter: articles as
// they are gathered and cleaned, and editions as they are built and rendered.
// It imports no subpackage; the stages under digest/ import it.
package digest

import (
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest/text"
)

// Origin says where an article came from, so editors can tell a seeded
// article from one dropped in a folder or fetched from the web.
type Origin string

const (
	OriginSeed Origin = "seed"
	OriginFile Origin = "file"
	OriginFeed Origin = "feed"
	OriginWeb  Origin = "web"
)

// Document is raw text as read from a source, before any cleaning. Name is
// what error messages and logs use to point at it (a path or a URL).
type Document struct {
	Name   string
	Origin Origin
	URL    string
	Text   string
	// Format is "html" for a web page or HTML file not yet extracted,
	// otherwise empty (plain text or Markdown).
	Format string
	// Extracted is set when Text is an extractor's main text of a page:
	// the page's menus, headers and footers are already gone, found on
	// the page's structure, which says more than its text. Cleaning then
	// does not look for the main text again.
	Extracted bool
	// Metadata the source states outright (a feed entry, an HTML page's
	// meta tags). Cleaning trusts these over what it infers from the
	// text; empty fields are inferred as usual.
	Title       string
	Authors     []string
	Published   time.Time
	Publication string
	// GUID is a feed entry's identifier, used to store an entry once.
	GUID string
	// Warnings are non-fatal findings made while reading, such as a
	// charset that had to be guessed.
	Warnings []string
}

// Article is one cleaned article. Unknown fields stay empty: a zero
// Published, no Authors, no Publication. Nothing is invented.
type Article struct {
	ID          string
	Origin      Origin
	Source      string // where it came from: a path or a URL
	URL         string
	Title       string
	Publication string
	Published   time.Time
	Authors     []string
	// Paragraphs is the cleaned body. Every summary sentence is a
	// sentence of one of these paragraphs.
	Paragraphs []string
	// ContentHash identifies the cleaned body, so the same article read
	// from two places is stored once.
	ContentHash string
	// GUID is the feed entry's identifier, if it came from a feed.
	GUID string
	// SectionHint is the section its source asks for, if any.
	SectionHint string
	// Removed records what cleaning took out and why, for editors.
	Removed []Removal
}

// Removal is one piece of text cleaning took out of an article.
type Removal struct {
	Text   string
	Reason string
}

// Body is the cleaned text with paragraphs separated by blank lines.
func (a *Article) Body() string { return strings.Join(a.Paragraphs, "\n\n") }

// WordCount counts the words of the cleaned body (see text.WordCount).
func (a *Article) WordCount() int {
	n := 0
	for _, p := range a.Paragraphs {
		n += text.WordCount(p)
	}
	return n
}

// Date formats Published as YYYY-MM-DD, or "" when it is unknown.
func (a *Article) Date() string {
	if a.Published.IsZero() {
		return ""
	}
	return a.Published.Format(time.DateOnly)
}
