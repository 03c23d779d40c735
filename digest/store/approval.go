package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// ErrNotApproved is returned when an edition that must be approved first
// is sent, or when what was approved has changed since.
var ErrNotApproved = errors.New("not approved")

// ErrLocked is returned when an edition that is sending or sent is changed.
var ErrLocked = errors.New("edition is sending or sent")

// RenderedHash identifies an edition's rendered parts. Approval records it
// and sending checks it, so the bytes sent are the bytes approved.
func RenderedHash(html, text, json []byte) string {
	h := sha256.New()
	for _, part := range [][]byte{html, text, json} {
		fmt.Fprintf(h, "%d:", len(part))
		h.Write(part)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Approve records an editor's approval of the edition as rendered now and
// returns the hash approved. Approving an approved edition again is
// harmless; a sending or sent one cannot change.
func (s *Store) Approve(ctx context.Context, editionID string, now time.Time) (string, error) {
	var hash string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var status string
		var html, text, js []byte
		err := tx.QueryRowContext(ctx, `SELECT status, html, text, json FROM editions WHERE id = ?`, editionID).
			Scan(&status, &html, &text, &js)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("edition %s: %w", editionID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		switch status {
		case "draft", "approved":
		default: // sending, sent, skipped or failed: nothing to approve
			return fmt.Errorf("edition %s is %s: %w", editionID, status, ErrLocked)
		}
		if len(html) == 0 || len(js) == 0 {
			return fmt.Errorf("edition %s has nothing rendered to approve", editionID)
		}
		hash = RenderedHash(html, text, js)
		_, err = tx.ExecContext(ctx, `UPDATE editions SET status = 'approved', approved_hash = ?, approved_at = ?
			WHERE id = ?`, hash, formatTime(now), editionID)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("approve: %w", err)
	}
	return hash, nil
}

// checkSendable is StartSending's gate, inside its transaction: an
// approved edition must still be what was approved, and a draft may only
// go out when approval is not required.
func (s *Store) checkSendable(ctx context.Context, tx *sql.Tx, editionID, status string) error {
	var approved string
	var html, text, js []byte
	if err := tx.QueryRowContext(ctx, `SELECT approved_hash, html, text, json FROM editions WHERE id = ?`, editionID).
		Scan(&approved, &html, &text, &js); err != nil {
		return err
	}
	switch {
	case status == "draft" && s.requireApproval:
		return fmt.Errorf("edition %s is a draft: %w (digest approve %s)", editionID, ErrNotApproved, editionID)
	case status == "approved" && approved != RenderedHash(html, text, js):
		return fmt.Errorf("edition %s changed after it was approved: %w", editionID, ErrNotApproved)
	}
	return nil
}
