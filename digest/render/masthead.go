package render

import (
	"strconv"
	"strings"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/brand"
	"github.com/digest-newsletter/digest/digest/lazyre"
	"github.com/digest-newsletter/digest/digest/text"
)

// maxPreview is about what mail clients show of a preheader after the
// subject; a preview of the items' titles stops at a word before it.
const maxPreview = 100

// brandName is the list's name: the brand's, else as its editions are
// titled, the title up to " No. <issue>" (the pipeline titles an edition
// "<name> No. 7 — 7 December 2026"), or the whole title when it has no
// number. Editions built before brands have only the title.
func brandName(e *digest.Edition) string {
	if n := strings.TrimSpace(e.Brand.Name); n != "" {
		return n
	}
	title := strings.TrimSpace(e.Title)
	if name, _, ok := strings.Cut(title, " No. "); ok && strings.TrimSpace(name) != "" {
		return strings.TrimSpace(name)
	}
	if name, _, ok := strings.Cut(title, " — "); ok && strings.TrimSpace(name) != "" {
		return strings.TrimSpace(name)
	}
	return title
}

// defaultAccent is the templates' own accent, for editions without a
// brand colour.
const defaultAccent = "#1d4ed8"

// accent is the masthead's colour: the brand's, which the config checked
// for contrast on the email's backgrounds, else the templates' own.
func accent(e *digest.Edition) string {
	if c, err := brand.ParseColour(e.Brand.Accent); err == nil {
		return c.String()
	}
	return defaultAccent
}

// archiveURL is the public archive's index, from the edition's web copy
// URL (".../archive/<id>"), or "" when the edition has none.
func archiveURL(e *digest.Edition) string {
	base, _, ok := strings.Cut(e.WebURL, "/archive/")
	if !ok || base == "" {
		return ""
	}
	return base + "/archive"
}

// itemURL is where an "In this issue" entry leads: the article when it
// has a URL, else the item on the edition's public web copy
// (<public base>/archive/<id>#item-N). Never an in-message anchor, which
// Gmail on iOS ignores; "" when there is neither.
func itemURL(e *digest.Edition, it digest.Item) string {
	if it.URL != "" {
		return it.URL
	}
	if e.WebURL == "" {
		return ""
	}
	return e.WebURL + "#" + itemAnchor(it)
}

// itemAnchor is the id of an item's heading in the web copy.
func itemAnchor(it digest.Item) string {
	return "item-" + strconv.Itoa(it.Number)
}

// subscribeURL is the public face's sign-up page, beside the archive.
func subscribeURL(e *digest.Edition) string {
	base, _, ok := strings.Cut(e.WebURL, "/archive/")
	if !ok || base == "" {
		return ""
	}
	return base + "/subscribe"
}

// brandLine is the list's name for the text part, where the title does
// not already start with it; "" where it does.
func brandLine(e *digest.Edition) string {
	b := brandName(e)
	if strings.HasPrefix(strings.TrimSpace(e.Title), b) {
		return ""
	}
	return b
}

// hasItemLinks reports whether the text part's Links list has a line:
// an item with a URL of its own or one on the web copy.
func hasItemLinks(e *digest.Edition) bool {
	for _, s := range e.Sections {
		for _, it := range s.Items {
			if itemURL(e, it) != "" {
				return true
			}
		}
	}
	return false
}

// titleDate finds a date as titles write it, "7 December 2026" or
// "December 7, 2026". The dash before it may end a line: glued to the
// date, "— 21 November 2026" in the 26 px title is wider than a phone's
// column.
var titleDate = lazyre.New(`\b(?:\d{1,2} +\p{L}+\.? +\d{4}|\p{Lu}\p{Ll}+\.? +\d{1,2}, +\d{4})\b|\bNo\. +\d+`)

// glueDate puts glue in place of the spaces inside the title's date (and
// between "No." and its number), so no line breaks there.
func glueDate(s, glue string) string {
	return titleDate.ReplaceAllStringFunc(s, func(m string) string {
		return strings.Join(strings.Fields(m), glue)
	})
}

// nobreakTitle is the title for HTML, with no-break spaces inside its
// date: "7 December 2026" never wraps apart.
func nobreakTitle(s string) string { return glueDate(s, "\u00a0") }

// textGlue stands for a space that must not break while the text part's
// title is wrapped; it is a private-use rune no title holds.
const textGlue = "\ue000"

// wrapTitle wraps the title for the text part without breaking its date;
// the date comes out with plain spaces.
func wrapTitle(width int, s string) string {
	return strings.ReplaceAll(Wrap(width, glueDate(s, textGlue)), textGlue, " ")
}

// preheader is the edition's own preheader, as the pipeline or an
// editor wrote it and as it was approved; an edition stored before
// previews were written gets its preview.
func preheader(e *digest.Edition) string {
	if p := strings.TrimSpace(e.Preheader); p != "" {
		return p
	}
	return e.Preview(maxPreview)
}

// maxTeaser bounds the web copy's description: about what search
// results and link previews show.
const maxTeaser = 200

// teaser is the lead as one paragraph, cut at a word to fit maxTeaser
// runes: the web copy's description.
func teaser(e *digest.Edition) string {
	return text.CutAtWord(sentences(e.Lead), maxTeaser)
}
