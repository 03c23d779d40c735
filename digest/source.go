package digest

import "time"

// SourceKind says how a source is read.
type SourceKind string

const (
	SourceFeed   SourceKind = "feed"   // RSS, Atom or JSON Feed
	SourcePage   SourceKind = "page"   // a single web page
	SourceFolder SourceKind = "folder" // a drop folder of text, Markdown or HTML files
)

// SourceState is what the fetcher remembers about a source between runs:
// validators for conditional GET and the error count that spaces out
// retries of a failing source.
type SourceState struct {
	ETag         string
	LastModified string
	ErrorCount   int
	LastError    string
	LastFetched  time.Time // last attempt
	LastSuccess  time.Time
	NextAttempt  time.Time // not before this (backoff, Retry-After)
}
