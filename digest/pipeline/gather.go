package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

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
	// Settle, when set, passes over files changed less than this long
	// ago (by Now): a file still being copied or saved is read only once
	// it is complete.
	Settle time.Duration
	Now    func() time.Time
}

// Name is the label used in logs.
func (s FSSource) Name() string { return s.Label }

// Read reads every article file.
func (s FSSource) Read(ctx context.Context) ([]digest.Document, []error) {
	var settled time.Time
	if s.Settle > 0 && s.Now != nil {
		settled = s.Now().Add(-s.Settle)
	}
	docs, errs := ingest.ReadSettled(s.FS, ".", s.Origin, s.MaxBytes, settled)
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

// dropSettle is how long a dropped file must be left unchanged before it
// is read: longer than any pause in a copy or a save.
const dropSettle = 3 * time.Second

// DropFolder is a folder editors drop article files into. It is created
// when missing, so the folder the README names is there to use. Reads
// are confined to it (os.Root): a link that leads out of the folder is
// refused, so nothing outside it (/etc/passwd, another user's files) can
// be mailed to subscribers by dropping a symlink.
func DropFolder(dir string, maxBytes int64) (FSSource, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return FSSource{}, fmt.Errorf("drop folder %s: %w", dir, err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return FSSource{}, fmt.Errorf("drop folder %s: %w", dir, err)
	}
	return FSSource{Label: dir, FS: root.FS(), Dir: dir, Origin: digest.OriginFile, MaxBytes: maxBytes,
		Settle: dropSettle, Now: time.Now}, nil
}

// FileSource reads one article file.
type FileSource struct {
	Path     string
	Origin   digest.Origin
	MaxBytes int64
	// Settle, when set, passes over files changed less than this long
	// ago (by Now): a file still being copied or saved is read only once
	// it is complete.
	Settle time.Duration
	Now    func() time.Time
}

// Name is the file's path.
func (s FileSource) Name() string { return s.Path }

// Read reads the file.
func (s FileSource) Read(ctx context.Context) ([]digest.Document, []error) {
	doc, err := ingest.ReadFile(s.Path, s.Origin, s.MaxBytes)
	if err != nil {
		return nil, []error{err}
	}
	return []digest.Document{doc}, nil
}

// Gather reads every source and cleans every document. What cannot be
// read or cleaned is returned as a problem naming the file; the theme
// helps cleaning spot paragraphs pasted in from unrelated stories.
func Gather(ctx context.Context, sources []Source, th digest.Theme, log *slog.Logger) ([]*digest.Article, []Problem) {
	arts, problems, _ := gather(ctx, sources, th, log)
	return arts, problems
}

// gather is Gather that also counts the files passed over only because
// they changed a moment ago.
func gather(ctx context.Context, sources []Source, th digest.Theme, log *slog.Logger) ([]*digest.Article, []Problem, int) {
	var arts []*digest.Article
	var problems []Problem
	waiting := 0
	opts := clean.Options{Theme: th}
	for _, src := range sources {
		docs, errs := src.Read(ctx)
		for _, err := range errs {
			if errors.Is(err, ingest.ErrNotSettled) {
				log.Info("file not read yet", "reason", err)
				waiting++
				continue
			}
			problems = append(problems, Problem{Source: src.Name(), Err: err})
		}
		cleaned, errs := cleanAll(docs, opts)
		for i, doc := range docs {
			for _, w := range doc.Warnings {
				log.Warn("article read with a warning", "file", doc.Name, "warning", w)
			}
			if errs[i] != nil {
				problems = append(problems, Problem{Source: doc.Name, Err: errs[i]})
				continue
			}
			arts = append(arts, cleaned[i])
		}
		log.Debug("source read", "source", src.Name(), "documents", len(docs), "errors", len(errs))
	}
	return arts, problems, waiting
}

// cleanAll cleans documents on every core: cleaning is pure and by far
// the costliest stage of reading a large drop folder. Results keep the
// documents' order.
func cleanAll(docs []digest.Document, opts clean.Options) ([]*digest.Article, []error) {
	arts := make([]*digest.Article, len(docs))
	errs := make([]error, len(docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(docs)) {
		wg.Go(func() {
			for i := range next {
				arts[i], errs[i] = CleanDocument(docs[i], opts)
			}
		})
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	return arts, errs
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
