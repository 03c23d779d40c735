package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/render"
	"github.com/digest-newsletter/digest/digest/store"
)

// rendered is an edition in its three forms.
type rendered struct {
	html, text, json []byte
}

// renderWithinLimit assembles and renders the selection, keeping the most
// important items that fit the email size limit. It searches for that
// number instead of dropping items one by one, so a large edition costs a
// few renders, not one per item.
func (b *Builder) renderWithinLimit(sel *selection, id identity) (*digest.Edition, *rendered, error) {
	try := func(s *selection) (*digest.Edition, []byte, error) {
		ed := b.assemble(s, id)
		html, err := b.Renderer.HTML(ed)
		return ed, html, err
	}
	ed, html, err := try(sel)
	if err != nil {
		return nil, nil, err
	}
	if n := sel.count(); len(html) > b.Limits.MaxEmailBytes && n > 1 {
		reason := fmt.Sprintf("email size limit (%d bytes)", b.Limits.MaxEmailBytes)
		// The largest k in [1, n-1] that fits; k = 1 is kept even if it
		// does not, as an edition needs at least one item.
		lo, hi := 1, n-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			_, h, err := try(sel.top(mid, reason))
			if err != nil {
				return nil, nil, err
			}
			if len(h) <= b.Limits.MaxEmailBytes {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		if ed, html, err = try(sel.top(lo, reason)); err != nil {
			return nil, nil, err
		}
	}
	r, err := b.renderRest(ed, html)
	return ed, r, err
}

func (b *Builder) renderRest(ed *digest.Edition, html []byte) (*rendered, error) {
	text, err := b.Renderer.Text(ed)
	if err != nil {
		return nil, err
	}
	js, err := render.JSON(ed)
	if err != nil {
		return nil, err
	}
	return &rendered{html: html, text: text, json: js}, nil
}

// save records the edition with its items and writes its files. A manual
// build is its own edition: when its key is taken (two builds in one
// second) it takes the next free one and is rendered again under it. A
// scheduled one whose slot is taken fails with store.ErrKeyExists.
func (b *Builder) save(ctx context.Context, ed *digest.Edition, rec *store.Edition, res *Result, manual bool) error {
	base := ed.ID
	for n := 2; ; n++ {
		err := b.Store.InsertEdition(ctx, rec)
		if err == nil {
			break
		}
		if !manual || !errors.Is(err, store.ErrKeyExists) || n > 100 {
			return err
		}
		ed.ID = fmt.Sprintf("%s-%d", base, n)
		ed.Key = editionKey(ed.ID)
		html, err := b.Renderer.HTML(ed)
		if err != nil {
			return err
		}
		r, err := b.renderRest(ed, html)
		if err != nil {
			return err
		}
		rec.ID, rec.Key, rec.Dir, rec.HTML, rec.Text, rec.JSON = ed.ID, ed.Key, filepath.Join(b.EditionsDir, ed.ID), r.html, r.text, r.json
	}
	return b.writeFiles(ed.ID, rec, res)
}

// writeFiles writes the edition's three files into its folder.
func (b *Builder) writeFiles(id string, rec *store.Edition, res *Result) error {
	res.Dir = filepath.Join(b.EditionsDir, id)
	res.Files = nil
	for _, f := range []struct {
		name string
		data []byte
	}{{"digest.html", rec.HTML}, {"digest.txt", rec.Text}, {"digest.json", rec.JSON}} {
		p := filepath.Join(res.Dir, f.name)
		if err := writeFileAtomic(p, f.data); err != nil {
			return err
		}
		res.Files = append(res.Files, p)
	}
	return nil
}

func (b *Builder) record(ed *digest.Edition, r *rendered) *store.Edition {
	rec := &store.Edition{ID: ed.ID, Key: ed.Key, Kind: kindOf(ed.Key), Status: "draft", Title: ed.Title,
		CreatedAt: ed.GeneratedAt, BuiltAt: b.Clock.Now(), Dir: filepath.Join(b.EditionsDir, ed.ID),
		HTML: r.html, Text: r.text, JSON: r.json}
	for _, sec := range ed.Sections {
		for _, it := range sec.Items {
			rec.Items = append(rec.Items, store.EditionItem{ArticleID: it.ID, Section: sec.Title, Position: len(rec.Items)})
		}
	}
	return rec
}

// editionID names a manual edition after the moment it was built.
func editionID(at time.Time) string { return at.UTC().Format("20060102-150405") + "-manual" }

// editionKey is the slot key of a manual edition: its own ID, so a manual
// build never takes a scheduled slot.
func editionKey(id string) string { return "manual:" + id }

func kindOf(key string) string {
	kind, _, _ := strings.Cut(key, ":")
	return kind
}

// writeFileAtomic writes through a temporary file and a rename, so a
// reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	// CreateTemp makes the file private; an edition is for editors to read.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
