package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/clean"
	"github.com/digest-newsletter/digest/digest/ingest"
)

// Source yields raw documents. Reading a source may partly fail: the
// documents read are returned together with one error per failure, so one
// bad file never stops the others.
type Source interface {
	Name() string
	Read(ctx context.Context) ([]digest.Document, []error)
}

// FSSource reads the article files of a file system: the embedded seeds or
// a drop folder.
type FSSource struct {
	Label string
	FS    fs.FS
	// Dir, when set, is the folder FS reads, joined to file names so
	// messages name the real file.
	Dir      string
	Origin   digest.Origin
	MaxBytes int64
}

// Name is the label used in logs.
func (s FSSource) Name() string { return s.Label }

// Read reads every article file.
func (s FSSource) Read(ctx context.Context) ([]digest.Document, []error) {
	docs, errs := ingest.ReadFS(s.FS, ".", s.Origin, s.MaxBytes)
	if s.Dir == "" {
		return docs, errs
	}
	for i := range docs {
		docs[i].Name = filepath.Join(s.Dir, filepath.FromSlash(docs[i].Name))
	}
	for _, err := range errs {
		var fe *ingest.FileError
		if errors.As(err, &fe) {
			fe.Path = filepath.Join(s.Dir, filepath.FromSlash(fe.Path))
		}
	}
	return docs, errs
}

// DropFolder is a folder editors drop article files into. It is created
// when missing, so the folder the README names is there to use.
func DropFolder(dir string, maxBytes int64) (FSSource, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return FSSource{}, fmt.Errorf("drop folder %s: %w", dir, err)
	}
	return FSSource{Label: dir, FS: os.DirFS(dir), Dir: dir, Origin: digest.OriginFile, MaxBytes: maxBytes}, nil
}

// gather reads every source and cleans every document. What cannot be
// read or cleaned is returned as a problem naming the file.
func (b *Builder) gather(ctx context.Context) ([]*digest.Article, []Problem) {
	var arts []*digest.Article
	var problems []Problem
	opts := clean.Options{Theme: b.Theme}
	for _, src := range b.Sources {
		docs, errs := src.Read(ctx)
		for _, err := range errs {
			problems = append(problems, Problem{Source: src.Name(), Err: err})
		}
		for _, doc := range docs {
			for _, w := range doc.Warnings {
				b.Log.Warn("article read with a warning", "file", doc.Name, "warning", w)
			}
			a, err := clean.Article(doc, opts)
			if err != nil {
				problems = append(problems, Problem{Source: doc.Name, Err: err})
				continue
			}
			arts = append(arts, a)
		}
		b.Log.Debug("source read", "source", src.Name(), "documents", len(docs), "errors", len(errs))
	}
	return arts, problems
}

// Problem is an input that could not be used.
type Problem struct {
	Source string
	Err    error
}

func (p Problem) Error() string { return p.Err.Error() }

func logProblems(log *slog.Logger, problems []Problem) {
	for _, p := range problems {
		log.Warn("article skipped", "source", p.Source, "error", p.Err)
	}
}
