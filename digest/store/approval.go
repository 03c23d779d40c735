package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Approve records an editor's approval of the edition as rendered now and
// returns the hash approved: digest.Rendition.Hash of everything sending
// will use. Approving an approved edition again is harmless; one whose
// status cannot change cannot be approved.
func (s *Store) Approve(ctx context.Context, editionID, by string, now time.Time) (string, error) {
	var hash string
	err := s.inTx(ctx, func(tx *txn) error {
		status, r, _, err := rendition(ctx, tx, editionID)
		if err != nil {
			return err
		}
		if !status.CanChange() {
			return fmt.Errorf("edition %s is %s: %w", editionID, status, digest.ErrLocked)
		}
		if len(r.HTML) == 0 || len(r.JSON) == 0 {
			return fmt.Errorf("edition %s has nothing rendered to approve", editionID)
		}
		if !r.Mailable() {
			return fmt.Errorf("edition %s was built before its mail parts were stored: approve it through the desk, which renders them", editionID)
		}
		hash = r.Hash()
		_, err = tx.ExecContext(ctx, `UPDATE editions SET status = ?, approved_hash = ?, approved_at = ?, approved_by = ?
			WHERE id = ?`, string(digest.EditionApproved), hash, formatTime(now), by, editionID)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("approve: %w", err)
	}
	return hash, nil
}

// Unapprove returns an approved edition to draft, forgetting the
// approval. It refuses an edition that is not approved (a sending one
// cannot be called back).
func (s *Store) Unapprove(ctx context.Context, editionID string) error {
	return s.inTx(ctx, func(tx *txn) error {
		status, err := editionStatus(ctx, tx, editionID)
		if err != nil {
			return err
		}
		if status != digest.EditionApproved {
			return fmt.Errorf("edition %s is %s, not approved: %w", editionID, status, digest.ErrLocked)
		}
		_, err = tx.ExecContext(ctx, `UPDATE editions SET status = ?, approved_hash = '', approved_at = '', approved_by = ''
			WHERE id = ?`, string(digest.EditionDraft), editionID)
		return err
	})
}

// checkSendable is StartSending's gate, inside its transaction: an
// approved edition must still be what was approved, and a draft may only
// go out when approval is not required.
func (s *Store) checkSendable(ctx context.Context, tx *txn, editionID string) error {
	status, r, approved, err := rendition(ctx, tx, editionID)
	if err != nil {
		return err
	}
	switch {
	case !status.Sendable(s.requireApproval):
		return fmt.Errorf("edition %s is a %s: %w (digest approve %s)", editionID, status, digest.ErrNotApproved, editionID)
	case status == digest.EditionApproved && approved != r.Hash():
		return fmt.Errorf("edition %s changed after it was approved: %w", editionID, digest.ErrNotApproved)
	}
	return nil
}

// rendition reads, inside a transaction, an edition's status, its
// rendition and the hash of its approval ("" when not approved).
func rendition(ctx context.Context, tx *txn, editionID string) (digest.EditionStatus, *digest.Rendition, string, error) {
	var raw, header, approved string
	var r digest.Rendition
	err := tx.QueryRowContext(ctx, `SELECT status, `+subjectColumn+`, html, text, json, mail_html, mail_text, mail_header, approved_hash
		FROM editions WHERE id = ?`, editionID).Scan(&raw, &r.Subject, &r.HTML, &r.Text, &r.JSON, &r.MailHTML, &r.MailText,
		&header, &approved)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, "", fmt.Errorf("edition %s: %w", editionID, digest.ErrNotFound)
	}
	if err != nil {
		return "", nil, "", fmt.Errorf("edition %s: %w", editionID, err)
	}
	var status digest.EditionStatus
	if err := scanStatus(raw, &status); err != nil {
		return "", nil, "", fmt.Errorf("edition %s: %w", editionID, err)
	}
	if err := json.Unmarshal([]byte(header), &r.Header); err != nil {
		return "", nil, "", fmt.Errorf("edition %s mail header: %w", editionID, err)
	}
	if r.Variants, err = readVariants(ctx, tx, editionID); err != nil {
		return "", nil, "", err
	}
	return status, &r, approved, nil
}
