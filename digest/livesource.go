package digest

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// LiveSource is a feed or a web page digest fetches. The database holds
// the list (the config's sources.feeds and sources.pages are imported
// into it once); the fetcher, the health rows and the desk all read it
// from there.
type LiveSource struct {
	Kind    SourceKind
	URL     string
	Name    string
	Section string // section hint for its articles, or ""
	// Paused sources stay listed, with their history, but are not fetched.
	Paused bool
}

// Key names the source in the database: its kind and URL.
func (s LiveSource) Key() string { return string(s.Kind) + ":" + s.URL }

// Ref is the source's name in links and forms: a short hash of its key,
// so that a URL's password never shows in a page's address or markup.
func (s LiveSource) Ref() string { return SourceRef(s.Key()) }

// SourceRef is the Ref of a source's key.
func SourceRef(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8])
}

// Label is how people see the source: its name, else its URL with any
// password hidden.
func (s LiveSource) Label() string {
	if name := strings.TrimSpace(s.Name); name != "" {
		return name
	}
	return RedactURL(s.URL)
}

// FetchOutcome is what one attempt at a source came to.
type FetchOutcome string

const (
	FetchOK          FetchOutcome = "ok"
	FetchNotModified FetchOutcome = "not modified"
	FetchFailed      FetchOutcome = "failed"
	FetchInterrupted FetchOutcome = "interrupted"
)

// FetchAttempt is one row of a source's fetch history.
type FetchAttempt struct {
	SourceKey string
	At        time.Time
	Outcome   FetchOutcome
	Status    int // HTTP status, 0 when no response came
	New       int // articles stored
	Seen      int // entries (or the page) read
	Error     string
}

// MaxFetchHistory is how many attempts each source's history keeps.
const MaxFetchHistory = 50
