// Package clean turns a raw document into an article: it finds the
// title, publication, date and authors, and strips what is not the story
// (site furniture, separators, FAQ tails, biographies, a paragraph pasted
// in from another story). Every rule is general; what each removes is
// recorded in Article.Removed so editors can check it.
//
// Cleaning changes spacing and typography but never a word: every word of
// a cleaned paragraph is a word of the document, in the same order.
package clean

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/text"
)

// ErrNoText is returned, wrapped with the document's name, when cleaning
// leaves nothing to read.
var ErrNoText = errors.New("no article text left after cleaning")

// minUsableWords is the fewest words a paragraph of prose needs for an
// article to be worth keeping.
const minUsableWords = 4

// Options tune cleaning.
type Options struct {
	// Theme is what the digest is about. It helps tell a paragraph pasted
	// in from an unrelated story from one that is merely unusual.
	Theme digest.Theme
	// Record, when set, is told of every line that leaves the body, with
	// why: each entry of Article.Removed as it is made, and each line
	// read as metadata (title, date, byline, publication, front matter).
	// It is for people asking where a line went (`digest clean -v`) and
	// for the cleaning evaluation; the article is the same with or
	// without it.
	Record func(digest.Removal)
}

// Article turns a raw document into a cleaned article with its metadata.
// It returns an error naming the document when nothing usable is left.
func Article(doc digest.Document, opts Options) (*digest.Article, error) {
	doc = stripDocumentControls(doc)
	art := &digest.Article{Origin: doc.Origin, Source: doc.Name, URL: doc.URL}
	m := meta{art: art, extracted: doc.Extracted}
	rec := recorder(opts.Record)
	body := readFrontMatter(doc.Text, m)
	rec.frontMatter(doc.Text, body)
	units := buildUnits(splitLines(body))

	// The classifier finds the main text (taking furniture known by its
	// words for furniture), the head above it gives the title before any
	// block rule could read a headline as a block's heading, and then the
	// blocks, the boilerplate, the tail and what the classifier found to
	// be no prose go, each with its reason.
	classes, b := findBody(units, doc.Extracted)
	if !m.readAbove(units, b) {
		dropAbove(units, b)
	}
	if !b.ok || art.Title == "" {
		m.readHead(units)
	}
	dropBlocks(units)
	dropBoilerplate(units)
	m.readTail(units)
	dropNotProse(units, classes, b)
	dropUnrelated(units, art.Title, opts.Theme)
	dropDetachedEdges(units, art.Title)
	dropTrailingHeadings(units)

	var kept []unit
	for _, u := range units {
		if u.label != "" {
			art.Removed = append(art.Removed, digest.Removal{Text: u.label, Reason: ReasonCalloutLabel})
			rec.add(u.label, ReasonCalloutLabel)
		}
		switch {
		case u.kept() && u.text != "":
			kept = append(kept, u)
		case u.drop != "":
			art.Removed = append(art.Removed, digest.Removal{Text: u.text, Reason: u.drop})
			rec.add(u.text, u.drop)
		case u.meta && rec != nil:
			rec.add(u.text, metaReason(u.text, art.Title))
		}
	}
	if !usable(kept) {
		return nil, fmt.Errorf("clean %s: %w", doc.Name, ErrNoText)
	}
	applyStated(art, doc)
	// The dateline goes before a title is derived, so a title cut from
	// the first sentence does not open with it.
	removed := len(art.Removed)
	kept = cutDateline(kept, art)
	for _, r := range art.Removed[removed:] {
		rec.add(r.Text, r.Reason)
	}
	if art.Title == "" {
		var from int
		if art.Title, from = deriveTitle(kept); from >= 0 {
			rec.add(kept[from].text, ReasonMetaDerivedTitle)
			kept = append(kept[:from], kept[from+1:]...)
		}
	}
	for _, u := range kept {
		art.Paragraphs = append(art.Paragraphs, u.text)
	}
	art.ContentHash = ContentHash(art.Paragraphs)
	art.ID = art.ContentHash[:16]
	return art, nil
}

// applyStated lets metadata the source states outright (a feed entry, a
// page's meta tags) win over what was inferred from the text.
func applyStated(art *digest.Article, doc digest.Document) {
	if t := strings.TrimSpace(doc.Title); t != "" {
		art.Title = t
	}
	if len(doc.Authors) > 0 {
		art.Authors = doc.Authors
	}
	if !doc.Published.IsZero() {
		art.Published = doc.Published
	}
	if doc.Publication != "" {
		art.Publication = doc.Publication
	}
	art.GUID = doc.GUID
}

// ContentHash is the hex SHA-256 of a body with case and spacing
// normalised, so the same text read from two places hashes the same.
func ContentHash(paragraphs []string) string {
	norm := strings.ToLower(strings.Join(strings.Fields(strings.Join(paragraphs, "\n\n")), " "))
	sum := sha256.Sum256([]byte(norm))
	return hex.EncodeToString(sum[:])
}

// usable reports whether any paragraph of prose is left.
func usable(units []unit) bool {
	for _, u := range units {
		if !u.headingLike() && text.WordCount(u.text) >= minUsableWords {
			return true
		}
	}
	return false
}
