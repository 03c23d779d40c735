package store

import (
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// The store keeps an edition's, a delivery's and a notice's status as
// its digest status string, and filters by the sets the domain's rules
// name; no status is spelled in a query.

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

// openNoticesIn and doneNoticesIn are "column IN ('queued', …)"
// conditions for the notices still to work on (digest.NoticeStatus.Open)
// and those done, written out as literals for the notices_due index.
func openNoticesIn(column string) string {
	return literalsIn(column, digest.NoticeStatuses(), digest.NoticeStatus.Open)
}

func doneNoticesIn(column string) string {
	return literalsIn(column, digest.NoticeStatuses(), func(s digest.NoticeStatus) bool { return !s.Open() })
}

// literalsIn is "column IN ('a', 'b')" for the statuses keep holds.
func literalsIn[S ~string](column string, all []S, keep func(S) bool) string {
	var lits []string
	for _, s := range all {
		if keep(s) {
			lits = append(lits, literal(s))
		}
	}
	return column + " IN (" + strings.Join(lits, ", ") + ")"
}

// unfinishedIn is a "column IN ('pending', …)" condition for the
// unfinished deliveries (digest.DeliveryStatus.Unfinished), written out as
// literals so that PostgreSQL's planner matches it to the partial indexes
// built on the same list (deliveries_due).
func unfinishedIn(column string) string {
	return literalsIn(column, digest.DeliveryStatuses(), digest.DeliveryStatus.Unfinished)
}

// literal quotes one of the domain's status words for a query. They are
// fixed identifiers, never input, and none holds a quote.
func literal[S ~string](s S) string { return "'" + string(s) + "'" }
