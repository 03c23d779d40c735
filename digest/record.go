package digest

import (
	"fmt"
	"strings"
	"time"
)

// EditionKind says how an edition came to be built. It is the first part
// of its key, so a manual build never takes a scheduled slot's key.
type EditionKind string

const (
	// ManualEdition is built on demand (digest build, the desk).
	ManualEdition EditionKind = "manual"
	// ScheduledEdition is built for a slot of the schedule; only these
	// are resumed and sent by the scheduler.
	ScheduledEdition EditionKind = "scheduled"
)

// Key is the edition key of a build of this kind named name (a manual
// build's id, a slot's key): the kind, a colon, the name.
func (k EditionKind) Key(name string) string { return string(k) + ":" + name }

// KindOf reads the kind from an edition key made by EditionKind.Key.
func KindOf(key string) EditionKind {
	kind, _, _ := strings.Cut(key, ":")
	return EditionKind(kind)
}

// EditionRecord is an edition as it is kept between its build and its
// sending: its lifecycle, its placements and its rendition (the bytes
// shown, approved and sent). Edition is what it says; EditionRecord is
// where it is in its life.
type EditionRecord struct {
	ID     string
	Key    string
	Kind   EditionKind
	Status EditionStatus
	Title  string
	// Issue is the edition's number; 0 for a skipped slot.
	Issue     int
	CreatedAt time.Time
	BuiltAt   time.Time
	Dir       string
	// Rendition is empty for a skipped slot. Its Subject is the Title
	// unless an editor wrote another.
	Rendition
	Note  string
	Items []Placement
	// SlotAt is when a scheduled edition's slot fell due.
	SlotAt time.Time
	// Candidates are the article ids the build considered.
	Candidates []string
	// Unreadable lists the files the build could not read, as left out.
	Unreadable   []LeftOut
	ApprovedHash string
	ApprovedAt   time.Time
	ApprovedBy   string
	// SupersededBy is the newer edition that superseded this one; its
	// Note says so in words.
	SupersededBy string
}

// Placement puts one article in an edition: which section, and where in
// reading order. A rebuild keeps an edition's placements, so what an
// editor saw is what is sent.
type Placement struct {
	ArticleID string
	Section   string
	Position  int
}

// NotSendable says why the edition cannot be sent, or nil when it can
// (EditionStatus.CanSend): a superseded or discarded edition's note names
// who or what set it aside. Starting to send refuses with it; commands
// ask it first, before opening a transport.
func (e *EditionRecord) NotSendable() error { return NotSendable(e.ID, e.Status, e.Note) }

// NotSendable is EditionRecord.NotSendable for an edition known only by
// its id, status and note.
func NotSendable(id string, status EditionStatus, note string) error {
	switch {
	case status.CanSend():
		return nil
	case status == EditionSuperseded || status == EditionDiscarded:
		return fmt.Errorf("edition %s cannot be sent: %s", id, note)
	}
	return fmt.Errorf("edition %s is %s and cannot be sent", id, status)
}
