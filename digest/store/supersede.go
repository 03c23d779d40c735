package store

import (
	"context"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
)

// supersede is the one place an edition becomes superseded: inside the
// transaction that starts sending edition id, every older edition not
// yet sending (digest.EditionStatus.Supersedable) that shares an article
// with it is marked superseded by it, so it is never sent and never in
// the archive. Older is a lower number: numbers follow the order
// editions were built in, and one built before numbering (0) is older
// than any numbered one. On PostgreSQL the rows are locked newest first,
// the order every such transaction takes them in, so two editions
// starting together wait for each other instead of deadlocking; a row
// that started sending meanwhile is no longer supersedable and is left.
func supersede(ctx context.Context, tx *txn, id string) error {
	var issue int
	if err := tx.QueryRowContext(ctx, `SELECT issue FROM editions WHERE id = ?`, id).Scan(&issue); err != nil {
		return fmt.Errorf("edition %s: %w", id, err)
	}
	cond, args := statusIn("o.status", digest.SupersedableStatuses)
	rows, err := tx.QueryContext(ctx, `SELECT o.id FROM editions o
		WHERE o.issue < ? AND `+cond+` AND EXISTS (SELECT 1 FROM edition_items oi
			JOIN edition_items ni ON ni.article_id = oi.article_id
			WHERE oi.edition_id = o.id AND ni.edition_id = ?)
		ORDER BY o.issue DESC`+tx.d.forUpdate, append(append([]any{issue}, args...), id)...)
	if err != nil {
		return fmt.Errorf("supersede editions older than %s: %w", id, err)
	}
	var older []string
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			rows.Close()
			return fmt.Errorf("supersede editions older than %s: %w", id, err)
		}
		older = append(older, o)
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("supersede editions older than %s: %w", id, err)
	}
	note := fmt.Sprintf("superseded by %s (No. %d), which carries the same articles", id, issue)
	for _, o := range older {
		if _, err := tx.ExecContext(ctx, `UPDATE editions SET status = ?, superseded_by = ?, note = ? WHERE id = ?`,
			string(digest.EditionSuperseded), id, note, o); err != nil {
			return fmt.Errorf("supersede edition %s: %w", o, err)
		}
	}
	return nil
}

// refusal is digest.NotSendable inside a transaction that read only the status.
func refusal(ctx context.Context, tx *txn, id string, status digest.EditionStatus) error {
	var note string
	if err := tx.QueryRowContext(ctx, `SELECT note FROM editions WHERE id = ?`, id).Scan(&note); err != nil {
		return fmt.Errorf("edition %s: %w", id, err)
	}
	return digest.NotSendable(id, status, note)
}
