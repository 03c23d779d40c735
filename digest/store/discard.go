package store

import (
	"context"
	"fmt"

	"github.com/digest-newsletter/digest/digest"
)

// Discard sets an edition aside for good before it starts sending
// (digest.EditionStatus.CanDiscard): it is never sent nor in the archive,
// and its articles stay candidates for the next build. by says who, as
// for an approval. Discarding a discarded edition again is harmless; one
// sending or sent is refused, as what went out cannot be called back.
func (s *Store) Discard(ctx context.Context, editionID, by string) error {
	return s.inTx(ctx, func(tx *txn) error {
		status, err := editionStatus(ctx, tx, editionID)
		switch {
		case err != nil:
			return fmt.Errorf("discard: %w", err)
		case status == digest.EditionDiscarded:
			return nil
		case !status.CanDiscard():
			return fmt.Errorf("discard: edition %s is %s, and only a draft or an approved edition can be discarded, "+
				"before it starts sending: %w", editionID, status, digest.ErrLocked)
		}
		_, err = tx.ExecContext(ctx, `UPDATE editions SET status = ?, note = ? WHERE id = ?`,
			string(digest.EditionDiscarded), "discarded by "+by, editionID)
		if err != nil {
			return fmt.Errorf("discard edition %s: %w", editionID, err)
		}
		return nil
	})
}
