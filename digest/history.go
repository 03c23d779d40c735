package digest

import "time"

// ChangeKind is what an editorial change did.
type ChangeKind string

// The kinds of change the desk records.
const (
	ChangeArticle   ChangeKind = "article"   // include, exclude, pin, unpin, move, up, down
	ChangeSentence  ChangeKind = "sentence"  // a summary sentence removed or swapped
	ChangeNote      ChangeKind = "note"      // the editor's note
	ChangeReplace   ChangeKind = "replace"   // every article placed afresh
	ChangeApprove   ChangeKind = "approve"   // approved as rendered
	ChangeUnapprove ChangeKind = "unapprove" // approval withdrawn
	ChangeDiscard   ChangeKind = "discard"
	ChangeBuild     ChangeKind = "build" // built from the desk
	ChangeSend      ChangeKind = "send"  // sent from the desk
	ChangePause     ChangeKind = "pause" // the schedule paused
	ChangeResume    ChangeKind = "resume"
	ChangeUndo      ChangeKind = "undo"
	ChangeSource    ChangeKind = "source" // a feed or page added, changed, paused, resumed or removed
	// ChangeErase is a data-protection erasure: who carried it out and
	// when, never whose data it was, so the record itself names no one.
	ChangeErase ChangeKind = "erase"
)

// EditorialChange is one change an editor made, as the desk's history
// shows it. Before is the edition's editorial state just before the
// change, for the changes that rebuild the edition: undo restores it as
// it was, rather than guessing an inverse. It is nil where there is
// nothing to restore (an approval, a send, the schedule).
type EditorialChange struct {
	ID        int64
	EditionID string // "" for a change of the whole desk (the schedule)
	At        time.Time
	Editor    string
	Kind      ChangeKind
	// Words is the change in a sentence for people, naming the editor:
	// "Aiko removed the sentence “…” from item 2".
	Words  string
	Before *EditorialState
	// Undoes is the change this one undid (Kind ChangeUndo), else 0.
	Undoes int64
}

// EditorialState is everything an editor decides about an edition that
// its rebuild reads: the overrides, the sentence edits, the note and
// where each article is placed (a rebuild keeps placements). Restoring
// it and rebuilding gives back the edition as it was.
type EditorialState struct {
	Overrides []Override     `json:"overrides,omitempty"`
	Edits     []SentenceEdit `json:"edits,omitempty"`
	// EditedAt is when each of Edits was made: a rebuild applies them in
	// that order, so a restored edit keeps its time.
	EditedAt   []time.Time `json:"edited_at,omitempty"`
	Note       EditorNote  `json:"note"`
	Placements []Placement `json:"placements,omitempty"`
}
