// Package extract finds the main text of a web page: the article without
// navigation, footers, comments or ads, as plain-text paragraphs, with the
// metadata the page states (title, authors, date, site name).
//
// No single extractor is best on every page, so Page runs several
// (go-trafilatura in two modes, go-readability, DOM Distiller), keeps the
// text the others agree with most and drops the paragraphs most of them
// leave out; see choose.go. Trafilatura is plain go-trafilatura, the
// reference Page is measured against (digest eval extraction).
package extract

import (
	"errors"
	"fmt"
	nurl "net/url"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest/ingest"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// ErrNoText is returned for a page with no main text to extract: an
// empty page, or one that is all navigation and boilerplate.
var ErrNoText = errors.New("no main text")

// Result is what an extractor found on a page. Unknown fields stay empty.
type Result struct {
	Title     string
	Text      string // plain-text paragraphs separated by blank lines
	SiteName  string
	Authors   []string
	Published time.Time
	// Extractor names the extractor whose text was kept.
	Extractor string
}

// Page extracts the main text and metadata of a page, choosing per page
// among several extractors. pageURL may be empty; when given it helps
// resolve links and dates.
func Page(page []byte, pageURL string) (*Result, error) {
	doc, u, err := parse(page, pageURL)
	if err != nil {
		return nil, err
	}
	cands, meta := readings(doc, u)
	best, ok := choose(cands)
	if !ok {
		return nil, ErrNoText
	}
	res := &Result{Text: strings.Join(vote(best, cands), "\n\n"), Extractor: best.extractor}
	res.setMetadata(meta)
	return res, nil
}

// Trafilatura extracts a page with go-trafilatura as it comes, with its
// fallback extractors on (the configuration of its published benchmark
// score), so Page can be measured against it. The one change is to date
// finding, which does not affect the text: only dates the page states
// (in markup or URL) are taken, never one guessed from, say, a copyright
// line.
func Trafilatura(page []byte, pageURL string) (*Result, error) {
	doc, u, err := parse(page, pageURL)
	if err != nil {
		return nil, err
	}
	res, err := guard(func() (*trafilatura.ExtractResult, error) {
		return trafilatura.ExtractDocument(doc, trafilatura.Options{OriginalURL: u, EnableFallback: true, HtmlDateMode: trafilatura.Fast})
	})
	if err != nil || res == nil {
		return nil, fmt.Errorf("%w: %v", ErrNoText, err)
	}
	c := newCandidate(extractorTrafilatura, res.ContentNode)
	if c.words == 0 {
		return nil, ErrNoText
	}
	out := &Result{Text: c.text(), Extractor: c.extractor}
	out.setMetadata(&res.Metadata)
	return out, nil
}

// parse decodes the page with the charset it declares (or UTF-8 when its
// bytes say so) and parses it.
func parse(page []byte, pageURL string) (*html.Node, *nurl.URL, error) {
	text, _, err := ingest.DecodeHTML(page)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrNoText, err)
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		// Only pathological markup fails to parse (elements nested
		// over 512 deep); there is no text to be had from it.
		return nil, nil, fmt.Errorf("%w: parse html: %v", ErrNoText, err)
	}
	var u *nurl.URL
	if pageURL != "" {
		if u, err = nurl.Parse(pageURL); err != nil || !u.IsAbs() {
			u = nil
		}
	}
	return doc, u, nil
}
