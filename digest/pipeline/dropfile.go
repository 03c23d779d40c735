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
