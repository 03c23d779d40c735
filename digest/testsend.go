package digest

import "time"

// TestSend is a test copy sent from the preview. It is recorded, never a
// delivery: it does not count as the edition being sent to anyone.
type TestSend struct {
	EditionID, Address, MessageID, Error string
	SentAt                               time.Time
}
