package pipeline

import (
	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/clean"
	"github.com/digest-newsletter/digest/digest/extract"
	"github.com/digest-newsletter/digest/digest/ingest"
)

// The path a file dropped in a drop folder takes, from its bytes to an
// article, in one place: a build, `digest clean` and the cleaning
// evaluation all call it, so what they show is what a build makes.

// CleanDocument extracts an HTML document's main text first, as for a
// web page, then cleans it.
func CleanDocument(doc digest.Document, opts clean.Options) (*digest.Article, error) {
	if doc.Format == "html" {
		var err error
		if doc, err = extract.Document(doc); err != nil {
			return nil, err
		}
	}
	return clean.Article(doc, opts)
}

// CleanFile reads one article file as a drop folder does (size limit,
// charset, HTML or text by extension) and cleans it. The warnings are
// what reading found, such as a guessed charset, which a build logs.
func CleanFile(path string, maxBytes int64, opts clean.Options) (*digest.Article, []string, error) {
	doc, err := ingest.ReadFile(path, digest.OriginFile, maxBytes)
	if err != nil {
		return nil, nil, err
	}
	art, err := CleanDocument(doc, opts)
	return art, doc.Warnings, err
}

// CleanBytes cleans the bytes of a file named name as if it had been
// dropped in a drop folder: for evaluations that make their files in
// memory.
func CleanBytes(name string, data []byte, opts clean.Options) (*digest.Article, error) {
	doc, err := ingest.Bytes(name, data, digest.OriginFile)
	if err != nil {
		return nil, err
	}
	return CleanDocument(doc, opts)
}

// Explained is what the drop-file path makes of one file together with
// every line that left its body and why, for `digest clean` and the
// cleaning evaluation.
type Explained struct {
	// Article is nil when cleaning left nothing to read.
	Article *digest.Article
	// Dropped is every line that left the body, in the order cleaning
	// met them: furniture and what became metadata.
	Dropped []digest.Removal
	// Warnings are what reading found, such as a guessed charset.
	Warnings []string
}

// ExplainFile is CleanFile, also recording what left the body. The
// Explained holds what was found even when the error is set.
func ExplainFile(path string, maxBytes int64, opts clean.Options) (Explained, error) {
	var e Explained
	opts.Record = e.recorder(opts.Record)
	var err error
	e.Article, e.Warnings, err = CleanFile(path, maxBytes, opts)
	return e, err
}

// ExplainBytes is CleanBytes, also recording what left the body.
func ExplainBytes(name string, data []byte, opts clean.Options) (Explained, error) {
	var e Explained
	opts.Record = e.recorder(opts.Record)
	art, err := CleanBytes(name, data, opts)
	e.Article = art
	return e, err
}

// recorder appends to e.Dropped and passes on to the caller's own
// recorder, if any.
func (e *Explained) recorder(next func(digest.Removal)) func(digest.Removal) {
	return func(r digest.Removal) {
		e.Dropped = append(e.Dropped, r)
		if next != nil {
			next(r)
		}
	}
}
