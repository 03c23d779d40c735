package store

import (
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// The store keeps an edition's status as its digest.EditionStatus
// string, and filters by the sets the domain's rules name; no status is
// spelled in a query.

// statusIn is a "column IN (?, …)" condition for statuses, with its
// arguments.
func statusIn(column string, statuses []digest.EditionStatus) (string, []any) {
	if len(statuses) == 0 {
		return "0", nil
	}
	args := make([]any, len(statuses))
	for i, s := range statuses {
		args[i] = string(s)
	}
	return column + " IN (?" + strings.Repeat(", ?", len(statuses)-1) + ")", args
}

// scanStatus reads a stored status, which the schema's CHECK keeps to
// the known ones.
func scanStatus(raw string, into *digest.EditionStatus) error {
	st, err := digest.ParseEditionStatus(raw)
	if err != nil {
		return err
	}
	*into = st
	return nil
}
