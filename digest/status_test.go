package digest

import "testing"

// Each status's rules, side by side: a superseded or discarded edition,
// like a skipped or failed one, never changes, is never sent, and its
// articles are not carried; only an edition not yet sending may be
// superseded or discarded.
func TestEditionStatusRules(t *testing.T) {
	tests := []struct {
		status                                                        EditionStatus
		canChange, canSend, sendable, carried, supersedable, discards bool
	}{
		{EditionDraft, true, true, true, false, true, true},
		{EditionApproved, true, true, true, false, true, true},
		{EditionSending, false, true, true, true, false, false},
		{EditionSent, false, false, false, true, false, false},
		{EditionSkipped, false, false, false, false, false, false},
		{EditionFailed, false, false, false, false, false, false},
		{EditionSuperseded, false, false, false, false, false, false},
		{EditionDiscarded, false, false, false, false, false, false},
	}
	if len(tests) != len(EditionStatuses) {
		t.Fatalf("%d statuses tested, %d known", len(tests), len(EditionStatuses))
	}
	for _, tt := range tests {
		s := tt.status
		if got, err := ParseEditionStatus(string(s)); err != nil || got != s {
			t.Errorf("ParseEditionStatus(%q) = %q, %v", s, got, err)
		}
		got := [6]bool{s.CanChange(), s.CanSend(), s.Sendable(false), s.Carried(), s.Supersedable(), s.CanDiscard()}
		want := [6]bool{tt.canChange, tt.canSend, tt.sendable, tt.carried, tt.supersedable, tt.discards}
		if got != want {
			t.Errorf("%s: CanChange, CanSend, Sendable, Carried, Supersedable, CanDiscard = %v, want %v", s, got, want)
		}
	}
}
