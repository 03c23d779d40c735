// Package ingest reads article files: plain text, Markdown and HTML, from
// a folder on disk or from an embedded file system. It turns whatever bytes
// it is given into UTF-8 text with LF line endings, or into an error that
// names the file and says what is wrong with it, so one bad file in a drop
// folder never stops the others.
package ingest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// DefaultMaxBytes is the size limit used when the caller gives none. Ten
// megabytes is far above any article and far below what would hurt.
const DefaultMaxBytes = 10 << 20

// The reasons a file is refused. They are wrapped in a FileError, so
// callers can test for them with errors.Is.
var (
	ErrEmpty    = errors.New("empty file")
	ErrBinary   = errors.New("binary file")
	ErrTooLarge = errors.New("file too large")
	ErrNotFile  = errors.New("not a regular file")
)

// FileError names the file and what is wrong with it.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap lets errors.Is see the reason.
func (e *FileError) Unwrap() error { return e.Err }

// IsArticleFile reports whether name has an article file extension. Any
// other file in a folder (images, notes, editor backups) is skipped
// without complaint.
func IsArticleFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".text", ".md", ".markdown", ".html", ".htm":
		return true
	}
	return false
}

// isHTMLFile reports whether name is a saved web page, whose text is
// markup to extract later rather than the article itself.
func isHTMLFile(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return true
	}
	return false
}

// ReadFile reads one plain-text, Markdown or HTML article file.
func ReadFile(name string, origin digest.Origin, maxBytes int64) (digest.Document, error) {
	info, err := os.Stat(name)
	if err != nil {
		return digest.Document{}, fileError(name, err)
	}
	return read(name, info, func() (io.ReadCloser, error) { return os.Open(name) }, origin, maxBytes)
}

// ErrNotSettled marks a file ReadSettled passed over because it changed
// too recently: not a problem with the file, only a "not yet".
var ErrNotSettled = errors.New("changed a moment ago: read once it has settled")

// ReadFS reads every .txt, .text, .md, .markdown, .html and .htm file
// under root in fsys, recursively and in path order, skipping hidden
// files and folders and other extensions. It returns the documents that could be read and
// one error per file that could not. Document names are fsys paths.
func ReadFS(fsys fs.FS, root string, origin digest.Origin, maxBytes int64) ([]digest.Document, []error) {
	return ReadSettled(fsys, root, origin, maxBytes, time.Time{})
}

// ReadSettled is ReadFS for a folder people write into: a file changed
// after settled (its size or content may still be growing: a copy or an
// editor's save in progress) is passed over, reported as ErrNotSettled
// rather than as a problem, until a later read finds it settled. A zero
// settled reads every file.
func ReadSettled(fsys fs.FS, root string, origin digest.Origin, maxBytes int64, settled time.Time) ([]digest.Document, []error) {
	var docs []digest.Document
	var errs []error
	walk := func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, fileError(p, err))
			if d != nil && d.IsDir() && p != root {
				return fs.SkipDir
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !IsArticleFile(p) {
			return nil
		}
		// Stat follows symbolic links, so a link to an article is read
		// and a dangling one is reported.
		info, err := fs.Stat(fsys, p)
		if err != nil {
			errs = append(errs, fileError(p, err))
			return nil
		}
		if !settled.IsZero() && info.ModTime().After(settled) {
			// Still being written, perhaps: read next time.
			errs = append(errs, &FileError{Path: p, Err: ErrNotSettled})
			return nil
		}
		doc, err := read(p, info, func() (io.ReadCloser, error) { return fsys.Open(p) }, origin, maxBytes)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		docs = append(docs, doc)
		return nil
	}
	if err := fs.WalkDir(fsys, root, walk); err != nil {
		errs = append(errs, fileError(root, err))
	}
	return docs, errs
}

// read checks what Stat says before opening, so a device or a fifo is
// never opened and a huge file is refused without reading it. The read
// itself is limited too, because Stat can be wrong (a file growing, a
// special file system).
func read(name string, info fs.FileInfo, open func() (io.ReadCloser, error), origin digest.Origin, maxBytes int64) (digest.Document, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if info.IsDir() {
		return digest.Document{}, &FileError{Path: name, Err: fmt.Errorf("%w: a directory", ErrNotFile)}
	}
	if !info.Mode().IsRegular() {
		return digest.Document{}, &FileError{Path: name, Err: fmt.Errorf("%w (%s)", ErrNotFile, info.Mode().Type())}
	}
	if info.Size() > maxBytes {
		return digest.Document{}, &FileError{Path: name, Err: tooLarge(info.Size(), maxBytes)}
	}
	f, err := open()
	if err != nil {
		return digest.Document{}, fileError(name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxBytes+1))
	if err != nil {
		return digest.Document{}, fileError(name, err)
	}
	if int64(len(data)) > maxBytes {
		return digest.Document{}, &FileError{Path: name, Err: tooLarge(int64(len(data)), maxBytes)}
	}
	return Bytes(name, data, origin)
}

// Bytes turns the bytes of an article file named name into a document,
// as reading the file does once its size is checked: the name's extension
// says whether it is HTML to extract or text to clean. Evaluations that
// make their files in memory call it to take exactly a dropped file's
// path.
func Bytes(name string, data []byte, origin digest.Origin) (digest.Document, error) {
	decode, format := Decode, ""
	if isHTMLFile(name) {
		// An HTML file stays markup: the extract stage finds its main
		// text and metadata. Only the charset is settled here.
		decode, format = DecodeHTML, "html"
	}
	text, warnings, err := decode(data)
	if err != nil {
		return digest.Document{}, &FileError{Path: name, Err: err}
	}
	return digest.Document{Name: name, Origin: origin, Text: text, Format: format, Warnings: warnings}, nil
}

func tooLarge(size, limit int64) error {
	if size > limit+1 {
		return fmt.Errorf("%w: %d bytes, over the size limit of %d bytes", ErrTooLarge, size, limit)
	}
	return fmt.Errorf("%w: over the size limit of %d bytes", ErrTooLarge, limit)
}

// fileError drops the path a *fs.PathError repeats, so messages read
// "notes/a.txt: open: permission denied" rather than naming the file twice.
func fileError(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return &FileError{Path: name, Err: err}
}
