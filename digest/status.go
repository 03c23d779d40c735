package digest

import "fmt"

// EditionStatus is where an edition is in its life. The rules of what
// may happen to an edition in each status are the methods below, and
// nowhere else: the store, the desk, the scheduler and the web pages ask
// them.
//
//	draft ──approve──► approved ──start──► sending ──all done──► sent
//	  ▲                   │
//	  └──── change ───────┘
//
//	draft, approved ──a newer edition sharing an article starts──► superseded
//	draft, approved ──discard──► discarded
//
// A slot with too little news is recorded as skipped; an edition whose
// build failed for good is failed. When an edition starts sending, every
// older one not yet sending that shares an article with it is
// superseded: its articles are going out, and sending it would repeat
// them. An editor may discard an edition before it starts sending.
// Skipped, failed, superseded and discarded editions are never sent and
// never in the archive, and their articles are not carried.
type EditionStatus string

// The statuses, as the store keeps them.
const (
	EditionDraft      EditionStatus = "draft"
	EditionApproved   EditionStatus = "approved"
	EditionSending    EditionStatus = "sending"
	EditionSent       EditionStatus = "sent"
	EditionSkipped    EditionStatus = "skipped"
	EditionFailed     EditionStatus = "failed"
	EditionSuperseded EditionStatus = "superseded"
	EditionDiscarded  EditionStatus = "discarded"
)

// EditionStatuses lists every status, in the order of an edition's life.
var EditionStatuses = []EditionStatus{EditionDraft, EditionApproved, EditionSending, EditionSent, EditionSkipped, EditionFailed,
	EditionSuperseded, EditionDiscarded}

// ParseEditionStatus checks a stored status.
func ParseEditionStatus(s string) (EditionStatus, error) {
	for _, st := range EditionStatuses {
		if string(st) == s {
			return st, nil
		}
	}
	return "", fmt.Errorf("unknown edition status %q", s)
}

// CanChange reports whether the edition's content may still change
// (an editor's change, a rebuild) or be approved: only before sending
// starts. A change returns an approved edition to draft.
func (s EditionStatus) CanChange() bool { return s == EditionDraft || s == EditionApproved }

// CanSend reports whether sending may start or resume: the edition is
// built and not yet sent, skipped or failed. Whether a draft needs
// approval first is the schedule's rule: see Sendable.
func (s EditionStatus) CanSend() bool {
	return s == EditionDraft || s == EditionApproved || s == EditionSending
}

// Sendable reports whether the edition may go out now: approved, or
// sending already, or a draft when approval is not required.
func (s EditionStatus) Sendable(requireApproval bool) bool {
	return s == EditionApproved || s == EditionSending || s == EditionDraft && !requireApproval
}

// Supersedable reports whether a newer edition that starts sending with
// any of this edition's articles supersedes it: one not sending yet,
// approved or not. An approved one too: what it would send now repeats
// what subscribers have just had, and a scheduler resuming approved
// editions would send it unasked.
func (s EditionStatus) Supersedable() bool { return s == EditionDraft || s == EditionApproved }

// CanDiscard reports whether an editor may discard the edition: only
// before sending starts, as nothing sent can be called back.
func (s EditionStatus) CanDiscard() bool { return s == EditionDraft || s == EditionApproved }

// Sent reports whether every delivery of the edition is done.
func (s EditionStatus) Sent() bool { return s == EditionSent }

// Carried reports whether the edition's articles count as carried: once
// sending starts, they are never new again.
func (s EditionStatus) Carried() bool { return s == EditionSending || s == EditionSent }

// The statuses each rule allows, for queries that filter by them.
var (
	ChangeableStatuses = statusesWhere(EditionStatus.CanChange)
	UnsentStatuses     = statusesWhere(EditionStatus.CanSend)
	CarriedStatuses    = statusesWhere(EditionStatus.Carried)
	// SupersedableStatuses are those a newer edition's sending supersedes.
	SupersedableStatuses = statusesWhere(EditionStatus.Supersedable)
)

func statusesWhere(rule func(EditionStatus) bool) []EditionStatus {
	var out []EditionStatus
	for _, s := range EditionStatuses {
		if rule(s) {
			out = append(out, s)
		}
	}
	return out
}
