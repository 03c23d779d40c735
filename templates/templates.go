// Package templates embeds the email templates, so the binary renders an
// edition from any directory, and lets editors point at a folder of edited
// copies that win over the embedded ones without a rebuild.
package templates

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
)

//go:embed *.tmpl web/*.tmpl
var files embed.FS

// FS returns the embedded templates, or, when dir is not empty, an overlay
// in which the files of dir take precedence over the embedded ones. Files
// dir does not hold still come from the binary, so an editor can copy and
// change one template and keep the rest.
func FS(dir string) (fs.FS, error) {
	if dir == "" {
		return files, nil
	}
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("template dir %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("template dir %s: not a directory", dir)
	}
	return overlay{top: os.DirFS(dir), base: files}, nil
}

// overlay reads from top first and falls back to base for names top does
// not have. It implements fs.ReadDirFS so that fs.Glob, and with it
// template.ParseFS, sees the union of both.
type overlay struct {
	top, base fs.FS
}

// Open returns top's file when top has name and base's otherwise. A
// directory comes back with the merged listing, so a walk over the overlay
// sees what fs.ReadDir sees.
func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		f, err = o.base.Open(name)
		if err != nil {
			return nil, err
		}
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.IsDir() {
		return f, nil
	}
	entries, err := o.ReadDir(name)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &dir{File: f, entries: entries}, nil
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	top, topErr := fs.ReadDir(o.top, name)
	if topErr != nil && !errors.Is(topErr, fs.ErrNotExist) {
		return nil, topErr
	}
	base, baseErr := fs.ReadDir(o.base, name)
	if baseErr != nil && !errors.Is(baseErr, fs.ErrNotExist) {
		return nil, baseErr
	}
	if topErr != nil && baseErr != nil {
		return nil, topErr
	}
	merged := slices.Clone(top)
	for _, e := range base {
		if !slices.ContainsFunc(top, func(t fs.DirEntry) bool { return t.Name() == e.Name() }) {
			merged = append(merged, e)
		}
	}
	slices.SortFunc(merged, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return merged, nil
}

// dir is an open directory of the overlay: the file of whichever side had
// it, listing the entries of both.
type dir struct {
	fs.File
	entries []fs.DirEntry
}

func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		rest := d.entries
		d.entries = nil
		return rest, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}
