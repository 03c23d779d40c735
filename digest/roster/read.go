// Package roster reads and writes the subscriber list as CSV and
// decides what an import does, row by row. It is the one home of the
// import rule: the command line (digest subscribers import) and the
// editors' desk preview and apply the same plan, so both say the same
// counts and keep out the same people.
package roster

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// MaxRows bounds one import, so a wrong file fails fast.
const MaxRows = 100_000

// Read reads a CSV of address[,name[,status]] rows, as Write writes them
// (a header row naming the address column is skipped, a byte-order mark
// too). Every data row comes back with its line: a row that cannot be
// read is ImportRefused with the reason; the others have no action yet
// (Plan decides). A file that is not CSV at all is an error naming the
// line.
func Read(r io.Reader, smtputf8 bool) ([]digest.ImportRow, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var rows []digest.ImportRow
	first := true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d: not CSV the import can read (%v): save the file as CSV, one address per row", pe.StartLine, pe.Err)
			}
			return nil, fmt.Errorf("read CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if first {
			first = false
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
			if isHeader(rec) {
				continue
			}
		}
		if len(rows) >= MaxRows {
			return nil, fmt.Errorf("line %d: an import takes at most %d rows: split the file", line, MaxRows)
		}
		rows = append(rows, readRow(rec, line, smtputf8))
	}
	return rows, nil
}

func readRow(rec []string, line int, smtputf8 bool) digest.ImportRow {
	row := digest.ImportRow{Line: line, Status: digest.SubscriberActive}
	refuse := func(reason string) digest.ImportRow {
		row.Action, row.Reason = digest.ImportRefused, reason
		return row
	}
	raw := FromSpreadsheet(strings.TrimSpace(rec[0]))
	row.Address = raw
	name := ""
	if len(rec) > 1 {
		name = FromSpreadsheet(strings.TrimSpace(rec[1]))
	}
	row.Name = name // a refused row shows what the file says
	a, err := ParseAddress(raw, name, smtputf8)
	if err != nil {
		return refuse(err.Error())
	}
	row.Address, row.Name = a.Address, a.Name
	if len(rec) > 2 && strings.TrimSpace(rec[2]) != "" {
		st, err := digest.ParseSubscriberStatus(strings.ToLower(strings.TrimSpace(rec[2])))
		if err != nil {
			// Shown as the file has it; a refused row is never applied.
			row.Status = digest.SubscriberStatus(short(strings.TrimSpace(rec[2])))
			return refuse(fmt.Sprintf("the status %q is not one of active, pending, unsubscribed, bounced", digest.Printable(short(rec[2]))))
		}
		row.Status = st
	}
	return row
}

func isHeader(rec []string) bool {
	first := strings.ToLower(strings.TrimSpace(rec[0]))
	return first == "address" || first == "email" || first == "e-mail"
}

// ParseAddress accepts "jane@example.com" or "Jane Doe <jane@example.com>"
// (a name with a comma needs no quotes); a separate name wins over one in
// the address. The address is checked by digest.ParseAddress, the rule
// sign-up and the composer follow too, and the name by
// digest.CheckSubscriberName: the checks of every way onto the list.
func ParseAddress(s, name string, smtputf8 bool) (*mail.Address, error) {
	spec, display := strings.TrimSpace(s), ""
	if open := strings.LastIndexByte(spec, '<'); open >= 0 && strings.HasSuffix(spec, ">") {
		display = strings.Trim(strings.TrimSpace(spec[:open]), `"`)
		if a, err := mail.ParseAddress(spec); err == nil {
			display = a.Name // quoted escapes and encoded words undone
		}
		spec = spec[open+1 : len(spec)-1]
	}
	addr, err := digest.ParseAddress(spec, smtputf8)
	if err != nil {
		return nil, notAnAddress(s, err)
	}
	a := &mail.Address{Name: display, Address: addr}
	if name != "" {
		a.Name = name
	}
	if err := digest.CheckSubscriberName(a.Name); err != nil {
		return nil, fmt.Errorf("for %s, the %w", a.Address, err)
	}
	return a, nil
}

// notAnAddress says what is wrong and what an address looks like;
// net/mail's own words ("missing '@' or angle-addr") do not. What was
// typed is quoted short and escaped.
func notAnAddress(s string, err error) error {
	return fmt.Errorf("%q: %w (an address such as ada@example.org or \"Ada Lovelace <ada@example.org>\")", short(s), err)
}

func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
