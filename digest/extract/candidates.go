package extract

import (
	"fmt"
	nurl "net/url"
	"slices"
	"strings"
	"unicode"

	"codeberg.org/readeck/go-readability/v2"
	distiller "github.com/markusmobius/go-domdistiller"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// candidate is one extractor's reading of a page, with what choose and
// vote compare it by worked out once.
type candidate struct {
	extractor  string
	paragraphs []string
	words      int
	shingles   map[string]int // word 4-grams of the whole text
	joined     string         // its words, space-separated and -enclosed
	prose      bool           // has a paragraph of a sentence's length
}

// A paragraph of a sentence's length makes a text an article rather
// than boilerplate: menus, link lists, cookie notices and copyright lines
// come in shorter pieces. Length is counted in words or, for scripts
// written without spaces (Chinese, Japanese, Thai), where a "word" runs
// to the next punctuation mark, in letters.
const (
	minProseWords   = 12
	minProseLetters = 60
)

// isProse reports whether a paragraph is at least a sentence long.
func isProse(p string) bool {
	if len(wordPattern.FindAllStringIndex(p, minProseWords)) == minProseWords {
		return true
	}
	letters := 0
	for _, r := range p {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			if letters++; letters >= minProseLetters {
				return true
			}
		}
	}
	return false
}

func newCandidate(extractor string, n *html.Node) candidate {
	c := candidate{extractor: extractor, paragraphs: paragraphs(n)}
	for _, p := range c.paragraphs {
		if isProse(p) {
			c.prose = true
			break
		}
	}
	words := wordPattern.FindAllString(c.text(), -1)
	c.words = len(words)
	c.shingles = shingleCounts(words)
	c.joined = " " + strings.Join(words, " ") + " "
	return c
}

func (c candidate) text() string { return strings.Join(c.paragraphs, "\n\n") }

// Names of the extractors Page chooses among.
const (
	extractorTrafilatura = "trafilatura"           // balanced, with its fallbacks: the reference
	extractorPrecision   = "trafilatura-precision" // favours precision, with fallbacks
	extractorReadability = "readability"
	extractorDistiller   = "distiller"
)

// readings runs every extractor on one parsed page, in the order choose
// breaks ties in. Readability and DOM Distiller run once and are handed
// to each trafilatura mode as its fallback candidates, which is what
// trafilatura would compute for itself. The first mode also reads the
// metadata. An extractor that fails or panics is left out; the others
// still count.
func readings(doc *html.Node, pageURL *nurl.URL) ([]candidate, *trafilatura.Metadata) {
	var readable, distilled *html.Node
	if art, err := guard(func() (readability.Article, error) { return readability.FromDocument(doc, pageURL) }); err == nil {
		readable = art.Node
	}
	if res, err := guard(func() (*distiller.Result, error) {
		return distiller.Apply(cloneTree(doc), &distiller.Options{OriginalURL: pageURL, SkipPagination: true})
	}); err == nil && res != nil {
		distilled = res.Node
	}
	var out []candidate
	var meta *trafilatura.Metadata
	modes := []struct {
		name  string
		focus trafilatura.ExtractionFocus
	}{
		{extractorTrafilatura, trafilatura.Balanced},
		{extractorPrecision, trafilatura.FavorPrecision},
	}
	for i, m := range modes {
		opts := trafilatura.Options{
			OriginalURL:    pageURL,
			EnableFallback: true,
			Focus:          m.focus,
			HtmlDateMode:   trafilatura.Disabled,
			// A chosen fallback tree is changed in place, so each
			// mode gets its own copies.
			FallbackCandidates: &trafilatura.FallbackCandidates{
				Readability: cloneOrNil(readable),
				Distiller:   cloneOrNil(distilled),
			},
		}
		if i == 0 {
			// Only dates the page states (see Trafilatura).
			opts.HtmlDateMode = trafilatura.Fast
		}
		res, err := guard(func() (*trafilatura.ExtractResult, error) { return trafilatura.ExtractDocument(doc, opts) })
		if err != nil || res == nil {
			continue
		}
		if meta == nil {
			meta = &res.Metadata
		}
		out = append(out, newCandidate(m.name, res.ContentNode))
	}
	if readable != nil {
		out = append(out, newCandidate(extractorReadability, readable))
	}
	if distilled != nil {
		out = append(out, newCandidate(extractorDistiller, distilled))
	}
	return out, meta
}

func cloneOrNil(n *html.Node) *html.Node {
	if n == nil {
		return nil
	}
	return cloneTree(n)
}

// cloneTree deep-copies a tree, for extractors that change the tree
// they are given. Parsed trees are at most 512 elements deep, so the
// recursion is bounded.
func cloneTree(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace, Attr: slices.Clone(n.Attr)}
	for child := n.FirstChild; child != nil; child = child.NextSibling {
		c.AppendChild(cloneTree(child))
	}
	return c
}

// guard runs a third-party extractor and turns a panic into an error:
// they walk arbitrary markup, and one odd page must not stop the rest.
func guard[T any](f func() (T, error)) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extractor panicked: %v", r)
		}
	}()
	return f()
}
