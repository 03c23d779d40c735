package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// renderWithinLimit assembles and renders the selection, keeping the most
// important items that fit the email size limit. The limit is measured on
// what is sent: the mail HTML with a real subscriber's link in place of
// the placeholder. It searches for the number of items instead of
// dropping them one by one, so a large edition costs a few renders, not
// one per item.
func (b *Builder) renderWithinLimit(ctx context.Context, sel *selection, id identity) (*digest.Edition, *digest.Rendition, error) {
	try := func(s *selection) (*digest.Edition, int, error) {
		ed := b.assemble(s, id)
		html, err := b.Renderer.MailHTML(ed)
		return ed, b.sentSize(html), err
	}
	ed, size, err := try(sel)
	if err != nil {
		return nil, nil, err
	}
	if n := sel.count(); size > b.Limits.MaxEmailBytes && n > 1 {
		reason := fmt.Sprintf("email size limit (%d bytes)", b.Limits.MaxEmailBytes)
		// The largest k in [1, n-1] that fits; k = 1 is kept even if it
		// does not, as an edition needs at least one item.
		lo, hi := 1, n-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			_, size, err := try(sel.top(mid, reason))
			if err != nil {
				return nil, nil, err
			}
			if size <= b.Limits.MaxEmailBytes {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		if ed, _, err = try(sel.top(lo, reason)); err != nil {
			return nil, nil, err
		}
	}
	r, err := b.Renderer.Rendition(ed, b.Mail)
	if err != nil {
		return nil, nil, err
	}
	if r.Variants, err = b.variants(ctx, sel, ed, id); err != nil {
		return nil, nil, err
	}
	return ed, r, nil
}

// sentSize is the size of a mail HTML part as a subscriber receives it:
// each placeholder replaced by a link of the longest length.
func (b *Builder) sentSize(mailHTML []byte) int {
	n := bytes.Count(mailHTML, []byte(digest.UnsubscribePlaceholder))
	return len(mailHTML) + n*max(0, b.LinkLen-len(digest.UnsubscribePlaceholder))
}

// save records the edition with its items and writes its files. A manual
// build is its own edition: when its key is taken (two builds in one
// second) it takes the next free one and is rendered again under it. A
// scheduled one whose slot is taken fails with digest.ErrKeyExists.
func (b *Builder) save(ctx context.Context, sel *selection, id identity, ed *digest.Edition, rec *digest.EditionRecord, res *Result, manual bool) error {
	base := ed.ID
	for n := 2; ; n++ {
		err := b.Store.InsertEdition(ctx, rec)
		if err == nil {
			break
		}
		if !manual || !errors.Is(err, digest.ErrKeyExists) || n > 100 {
			return err
		}
		ed.ID = fmt.Sprintf("%s-%d", base, n)
		ed.Key = editionKey(ed.ID)
		ed.WebURL = b.webURL(ed.ID)
		id.id, id.key = ed.ID, ed.Key
		r, err := b.Renderer.Rendition(ed, b.Mail)
		if err != nil {
			return err
		}
		if r.Variants, err = b.variants(ctx, sel, ed, id); err != nil {
			return err
		}
		rec.ID, rec.Key, rec.Dir, rec.Rendition = ed.ID, ed.Key, filepath.Join(b.EditionsDir, ed.ID), *r
	}
	return b.writeFiles(ed.ID, rec, res)
}

// writeFiles writes the edition's three files into its folder.
func (b *Builder) writeFiles(id string, rec *digest.EditionRecord, res *Result) error {
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

func (b *Builder) record(ed *digest.Edition, r *digest.Rendition) *digest.EditionRecord {
	rec := &digest.EditionRecord{ID: ed.ID, Key: ed.Key, Kind: digest.KindOf(ed.Key), Status: digest.EditionDraft, Title: ed.Title, Issue: ed.Issue,
		CreatedAt: ed.GeneratedAt, BuiltAt: b.Clock.Now(), Dir: filepath.Join(b.EditionsDir, ed.ID), Rendition: *r}
	for _, l := range ed.LeftOut {
		if l.ID == "" {
			rec.Unreadable = append(rec.Unreadable, l)
		}
	}
	for _, sec := range ed.Sections {
		for _, it := range sec.Items {
			rec.Items = append(rec.Items, digest.Placement{ArticleID: it.ID, Section: sec.Title, Position: len(rec.Items)})
		}
	}
	return rec
}

// editionID names a manual edition after the moment it was built.
func editionID(at time.Time) string { return at.UTC().Format("20060102-150405") + "-manual" }

// editionKey is the slot key of a manual edition: its own ID, so a manual
// build never takes a scheduled slot.
func editionKey(id string) string { return digest.ManualEdition.Key(id) }

// writeFileAtomic writes through a temporary file and a rename, so a
// reader never sees half a file.
func writeFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
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
	// CreateTemp makes the file private (0600), as all state is.
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
