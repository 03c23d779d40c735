// Package feed reads RSS, Atom and JSON Feed documents that the fetcher has
// already downloaded and turns their entries into digest documents. It never
// touches the network: fetching, caching and politeness belong to the
// fetcher, so a feed here is just bytes and the URL they came from.
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// Errors callers can tell apart: an HTML page is worth feed autodiscovery,
// an empty body is worth a retry, anything else is a broken feed.
var (
	ErrEmpty    = errors.New("empty body")
	ErrHTMLPage = errors.New("not a feed: looks like an HTML page")
)

// Entry is one feed item, ready to become a document.
type Entry struct {
	GUID      string // the entry's id/guid, or "" when the feed gives none
	URL       string // canonical link (see CanonicalURL), "" when none is absolute
	Title     string
	Authors   []string
	Published time.Time // zero when unknown
	Text      string    // plain text of the content: paragraphs separated by blank lines
	// Excerpt says the feed gave only a summary, or so little text that it
	// is probably a teaser: the caller should fetch the page itself.
	Excerpt bool
}

// Feed is a parsed feed: its title (the publication name of its entries)
// and its entries in feed order.
type Feed struct {
	Title   string
	Entries []Entry
}

// Parse parses RSS, Atom or JSON Feed bytes. Relative links resolve against
// feedURL, which also names the feed in errors. The bytes are handed to
// gofeed as a reader so it can never fetch anything on its own.
func Parse(data []byte, feedURL string) (feed *Feed, err error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("parse feed %s: %w", feedURL, ErrEmpty)
	}
	// gofeed is a third-party parser fed with bytes from the open web; a
	// panic deep inside it must not take the whole run down.
	defer func() {
		if r := recover(); r != nil {
			feed, err = nil, fmt.Errorf("parse feed %s: parser panic: %v", feedURL, r)
		}
	}()
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		if looksLikeHTML(data) {
			return nil, fmt.Errorf("parse feed %s: %w", feedURL, ErrHTMLPage)
		}
		return nil, fmt.Errorf("parse feed %s: %w", feedURL, err)
	}
	base, err := url.Parse(feedURL)
	if err != nil || !base.IsAbs() {
		base = nil
	}
	feed = &Feed{Title: inlineText(parsed.Title)}
	for _, item := range parsed.Items {
		if item == nil {
			continue
		}
		entry := newEntry(item, parsed, base)
		if entry.isBlank() {
			continue
		}
		feed.Entries = append(feed.Entries, entry)
	}
	return feed, nil
}

// looksLikeHTML reports whether the document's root is an HTML page, so a
// site URL configured as a feed gets an error that says so instead of an
// XML complaint. Prolog, comments and processing instructions are skipped.
func looksLikeHTML(data []byte) bool {
	const sniffLen = 2048
	if len(data) > sniffLen {
		data = data[:sniffLen]
	}
	s := strings.ToLower(string(data))
	for {
		s = strings.TrimLeft(s, " \t\r\n\ufeff")
		switch {
		case strings.HasPrefix(s, "<?"):
			s = skipPast(s, "?>")
		case strings.HasPrefix(s, "<!--"):
			s = skipPast(s, "-->")
		case strings.HasPrefix(s, "<!doctype"):
			decl, _, _ := strings.Cut(s, ">")
			return strings.Contains(decl, "html")
		default:
			for _, tag := range []string{"<html", "<head", "<body"} {
				if strings.HasPrefix(s, tag) {
					return true
				}
			}
			return false
		}
		if s == "" {
			return false
		}
	}
}

// skipPast returns what follows the first end marker, or "" when there is none.
func skipPast(s, end string) string {
	_, rest, found := strings.Cut(s, end)
	if !found {
		return ""
	}
	return rest
}
