package roster

import (
	"encoding/csv"
	"io"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Write writes subscribers as the CSV Read takes back: a header row,
// then address, name, status and since when, each cell made safe for a
// spreadsheet (ForSpreadsheet) and printable (digest.Printable).
func Write(w io.Writer, subs []digest.Subscriber) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"address", "name", "status", "created_at"})
	for _, s := range subs {
		cw.Write([]string{ForSpreadsheet(digest.Printable(s.Address)), ForSpreadsheet(digest.Printable(s.Name)), string(s.Status),
			s.CreatedAt.Format(time.RFC3339)})
	}
	cw.Flush()
	return cw.Error()
}

// ForSpreadsheet keeps a cell from being read as a formula when the
// export is opened in a spreadsheet (CSV injection, OWASP): a cell that
// starts with = + - @ or a tab or carriage return gets a leading quote.
// FromSpreadsheet takes it off again on import, so a round trip keeps
// the value.
func ForSpreadsheet(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// FromSpreadsheet undoes ForSpreadsheet.
func FromSpreadsheet(cell string) string {
	if len(cell) > 1 && cell[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(cell[1])) {
		return cell[1:]
	}
	return cell
}
