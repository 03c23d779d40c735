package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
)

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// writeVariants replaces an edition's variants, inside the transaction
// that stores its rendition: they are one thing, approved together.
func writeVariants(ctx context.Context, tx *txn, editionID string, vs []digest.Variant) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM edition_variants WHERE edition_id = ?`, editionID); err != nil {
		return fmt.Errorf("edition %s variants: %w", editionID, err)
	}
	for _, v := range vs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO edition_variants (edition_id, sections, subject, mail_html, mail_text)
			VALUES (?, ?, ?, ?, ?)`, editionID, v.Key, v.Subject, v.MailHTML, v.MailText); err != nil {
			return fmt.Errorf("edition %s variant: %w", editionID, err)
		}
	}
	return nil
}

// readVariants loads an edition's variants in key order, the order the
// approval hash covers them in.
func readVariants(ctx context.Context, q querier, editionID string) ([]digest.Variant, error) {
	rows, err := q.QueryContext(ctx, `SELECT sections, subject, mail_html, mail_text FROM edition_variants
		WHERE edition_id = ? ORDER BY sections`, editionID)
	if err != nil {
		return nil, fmt.Errorf("edition %s variants: %w", editionID, err)
	}
	defer rows.Close()
	var out []digest.Variant
	for rows.Next() {
		var v digest.Variant
		if err := rows.Scan(&v.Key, &v.Subject, &v.MailHTML, &v.MailText); err != nil {
			return nil, fmt.Errorf("edition %s variants: %w", editionID, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
