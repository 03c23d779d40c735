package desk

import (
	"bytes"
	"context"
	"errors"
	"io"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/roster"
)

// MaxImportBytes bounds an uploaded CSV file.
const MaxImportBytes = 4 << 20

// ImportPlan is what an import of one file would do, row by row, and
// the fingerprint of the file with that plan: apply it with the same
// fingerprint and exactly that is written.
type ImportPlan struct {
	Rows        []digest.ImportRow
	Fingerprint string
}

// Count is how many rows will have the action.
func (p *ImportPlan) Count(a digest.ImportAction) int {
	return roster.Counts(p.Rows)[a]
}

// Summary says the counts in words.
func (p *ImportPlan) Summary() string { return roster.Summary(p.Rows) }

// Writes reports whether applying the plan writes anything.
func (p *ImportPlan) Writes() bool {
	for _, r := range p.Rows {
		if r.Writes() {
			return true
		}
	}
	return false
}

// PlanImport reads a CSV file (as "digest subscribers export" writes it)
// and decides every row by the one import rule (roster.Plan), writing
// nothing. The command line and the editors' preview both call it.
func (d *Desk) PlanImport(ctx context.Context, data []byte) (*ImportPlan, error) {
	if len(data) > MaxImportBytes {
		return nil, refuse("The file is larger than %d MB: split it into smaller files.", MaxImportBytes>>20)
	}
	rows, err := roster.Read(bytes.NewReader(data), d.SMTPUTF8)
	if err != nil {
		return nil, &Refusal{Words: "The file can't be imported: " + err.Error() + "."}
	}
	if len(rows) == 0 {
		return nil, refuse("The file has no rows to import: it should hold one address per line, as an export does.")
	}
	st := d.People.Store
	err = roster.Plan(rows, func(address string) (roster.Listed, error) {
		erased, err := st.Erased(ctx, address)
		if err != nil {
			return roster.Listed{}, err
		}
		sub, err := st.Subscriber(ctx, address)
		if errors.Is(err, digest.ErrNotFound) {
			return roster.Listed{Erased: erased}, nil
		}
		return roster.Listed{Subscriber: sub, Erased: erased}, err
	})
	if err != nil {
		return nil, err
	}
	return &ImportPlan{Rows: rows, Fingerprint: roster.Fingerprint(data, rows)}, nil
}

// ApplyImport plans the file again and, if the plan is the one previewed
// (its fingerprint), writes the rows that write, in one transaction; the
// refused and kept-out rows write nothing. A file or list that changed
// since the preview is refused, and nothing is written.
func (d *Desk) ApplyImport(ctx context.Context, data []byte, fingerprint string) (*ImportPlan, error) {
	plan, err := d.PlanImport(ctx, data)
	if err != nil {
		return nil, err
	}
	if fingerprint != plan.Fingerprint {
		return nil, refuse("Nothing was imported: the file or the list changed since the preview. Preview the file again and check it before applying.")
	}
	if err := d.People.Store.ApplyImport(ctx, plan.Rows, d.Clock.Now()); err != nil {
		if errors.Is(err, digest.ErrListChanged) {
			return nil, refuse("Nothing was imported: the list changed while the import was being written. Preview the file again.")
		}
		return nil, err
	}
	c := roster.Counts(plan.Rows)
	d.log().Info("subscribers imported", "added", c[digest.ImportAdd], "updated", c[digest.ImportUpdate],
		"kept_out", c[digest.ImportKeptOut], "refused", c[digest.ImportRefused])
	return plan, nil
}

// ExportSubscribers writes the list (or those with one status) as the
// CSV the import reads back.
func (d *Desk) ExportSubscribers(ctx context.Context, w io.Writer, status digest.SubscriberStatus) error {
	subs, err := d.People.Store.Subscribers(ctx, status)
	if err != nil {
		return err
	}
	return roster.Write(w, subs)
}
