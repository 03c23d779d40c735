package extract

import (
	"fmt"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/ingest"
)

// Document turns an HTML document (Format "html": a fetched page or an
// HTML file) into a text one that cleaning reads like any other: Text
// becomes the page's main text and Format is cleared. Title, Authors,
// Published and Publication are taken from the page's metadata only
// where the document does not already state them, because a feed entry
// or the caller knows better than a page's meta tags. Any other document
// is returned as it is. A page with no main text is an error naming the
// document.
func Document(doc digest.Document) (digest.Document, error) {
	if doc.Format != "html" {
		return doc, nil
	}
	// Decoding here too keeps the charset warnings; Page reads the
	// decoded text as the UTF-8 it now is.
	text, warnings, err := ingest.DecodeHTML([]byte(doc.Text))
	if err != nil {
		return doc, fmt.Errorf("extract %s: %w: %w", doc.Name, ErrNoText, err)
	}
	res, err := Page([]byte(text), doc.URL)
	if err != nil {
		return doc, fmt.Errorf("extract %s: %w", doc.Name, err)
	}
	out := doc
	out.Text, out.Format, out.Extracted = res.Text, "", true
	out.Warnings = append(append([]string(nil), doc.Warnings...), warnings...)
	if out.Title == "" {
		out.Title = res.Title
	}
	if len(out.Authors) == 0 && len(res.Authors) > 0 {
		out.Authors = append([]string(nil), res.Authors...)
	}
	if out.Published.IsZero() {
		out.Published = res.Published
	}
	if out.Publication == "" {
		out.Publication = res.SiteName
	}
	return out, nil
}
