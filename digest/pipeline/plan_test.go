package pipeline

import (
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// checkShare fails when one article gives more than half of a section's
// summary.
func checkShare(t *testing.T, sec digest.Section) {
	t.Helper()
	by := map[string]int{}
	for _, s := range sec.Summary {
		by[s.ItemID]++
	}
	for id, n := range by {
		if 2*n > len(sec.Summary) {
			t.Errorf("section %q: %d of %d summary sentences from %s", sec.Title, n, len(sec.Summary), id)
		}
	}
}
