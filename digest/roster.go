package digest

import "time"

// SubscriberQuery picks subscribers for the editors' list: Text matches
// the address or the name (case-insensitively, anywhere), Status and
// Section narrow it ("" is any; a subscriber who chose no sections takes
// every section), and Offset/Limit page through it, by ID.
type SubscriberQuery struct {
	Text    string
	Status  SubscriberStatus
	Section string
	Offset  int
	Limit   int
}

// ImportAction is what an import does with one row of its CSV file.
type ImportAction string

const (
	// ImportAdd puts a new address on the list (or records a new one as
	// unsubscribed or bounced, as the row says).
	ImportAdd ImportAction = "add"
	// ImportUpdate changes a listed subscriber: takes them off the list
	// (the row says they left) or gives them the row's name.
	ImportUpdate ImportAction = "update"
	// ImportUnchanged is a row the list already says.
	ImportUnchanged ImportAction = "unchanged"
	// ImportKeptOut is a row that would put back someone who left the
	// list or was erased: nothing is written.
	ImportKeptOut ImportAction = "kept out"
	// ImportRefused is a row that cannot be read: Reason says why.
	ImportRefused ImportAction = "refused"
)

// ImportRow is one data row of an import with what it will do. Was and
// WasName are the listed subscriber's status and name before, when the
// address is listed; Reason is in an editor's words.
type ImportRow struct {
	Line    int
	Address string
	Name    string
	Status  SubscriberStatus
	Action  ImportAction
	Was     SubscriberStatus
	WasName string
	Reason  string
}

// Writes reports whether applying the row changes the database.
func (r ImportRow) Writes() bool { return r.Action == ImportAdd || r.Action == ImportUpdate }

// PersonDelivery is one edition's delivery to a subscriber, for their
// history.
type PersonDelivery struct {
	EditionID string
	Title     string
	Status    DeliveryStatus
	Attempts  int
	LastError string
	MessageID string
	UpdatedAt time.Time
}
