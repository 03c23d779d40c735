package feed

import (
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/digest-newsletter/digest/digest"
)

// minFullWords is the length below which an entry's text is treated as a
// teaser: feeds that truncate content usually stop after a sentence or two,
// while even a short news article runs to more than this.
const minFullWords = 80

// newEntry reads one gofeed item. base is the feed URL relative links
// resolve against, or nil when the feed URL is not absolute.
func newEntry(item *gofeed.Item, parsed *gofeed.Feed, base *url.URL) Entry {
	entry := Entry{
		GUID:      strings.TrimSpace(item.GUID),
		URL:       entryURL(item, base),
		Title:     inlineText(item.Title),
		Authors:   entryAuthors(item, parsed),
		Published: entryDate(item),
	}
	// Full content wins; a feed that gives only a summary, or content that
	// is empty once sanitized (an image, an embed), leaves us an excerpt.
	entry.Text = contentText(item.Content)
	if entry.Text == "" {
		entry.Text = contentText(item.Description)
		entry.Excerpt = true
	}
	if len(strings.Fields(entry.Text)) < minFullWords {
		entry.Excerpt = true
	}
	return entry
}

// isBlank reports an item that carries nothing to identify or read.
func (e Entry) isBlank() bool {
	return e.GUID == "" && e.URL == "" && e.Title == "" && e.Text == ""
}

// Document turns an entry into a document for cleaning. The title leads the
// text, as it does in a page or a seed file, and the stated metadata rides
// along so cleaning trusts it over what it would infer.
func (e Entry) Document(feedTitle string) digest.Document {
	name := e.URL
	if name == "" {
		name = e.GUID
	}
	text := e.Text
	if e.Title != "" {
		text = strings.TrimSpace(e.Title + "\n\n" + e.Text)
	}
	return digest.Document{
		Name:        name,
		Origin:      digest.OriginFeed,
		URL:         e.URL,
		Text:        text,
		Title:       e.Title,
		Authors:     append([]string(nil), e.Authors...),
		Published:   e.Published,
		Publication: strings.TrimSpace(feedTitle),
		GUID:        e.GUID,
	}
}

// entryURL picks the entry's link, resolved against the feed URL and made
// canonical. An RSS guid is a permalink by default, so an absolute web guid
// stands in when the item has no link. A link that stays relative is
// dropped: a URL nobody can open is not one.
func entryURL(item *gofeed.Item, base *url.URL) string {
	candidates := append([]string{item.Link}, item.Links...)
	for _, raw := range candidates {
		if link := absoluteURL(raw, base); link != "" {
			return CanonicalURL(link)
		}
	}
	if guid := strings.TrimSpace(item.GUID); isWebURL(guid) {
		return CanonicalURL(guid)
	}
	return ""
}

// absoluteURL resolves raw against base and returns it only if the result
// is an http(s) URL.
func absoluteURL(raw string, base *url.URL) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	ref, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if base != nil {
		ref = base.ResolveReference(ref)
	}
	if link := ref.String(); isWebURL(link) {
		return link
	}
	return ""
}

func isWebURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	// A host of dots alone ("https://.") names no server: canonical
	// form drops a trailing root dot and would leave "https:///".
	return (scheme == "http" || scheme == "https") && strings.Trim(u.Hostname(), ".") != ""
}

// entryAuthors lists author names, first come first kept. RSS keeps only
// the first dc:creator in gofeed's item, so the rest are read from the
// extension. Atom entries inherit the feed's authors (RFC 4287, 4.2.1); RSS
// channel editors are not article authors, so RSS entries do not.
func entryAuthors(item *gofeed.Item, parsed *gofeed.Feed) []string {
	var names []string
	for _, p := range item.Authors {
		if p != nil {
			names = append(names, p.Name)
		}
	}
	if item.DublinCoreExt != nil {
		names = append(names, item.DublinCoreExt.Creator...)
	}
	if len(uniqueNames(names)) == 0 && parsed.FeedType == "atom" {
		for _, p := range parsed.Authors {
			if p != nil {
				names = append(names, p.Name)
			}
		}
	}
	return uniqueNames(names)
}

// uniqueNames trims names, drops empty ones and repeats (ignoring case).
func uniqueNames(names []string) []string {
	var out []string
	seen := make(map[string]bool)
	for _, name := range names {
		name = inlineText(name)
		key := strings.ToLower(name)
		if name == "" || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, name)
	}
	return out
}
