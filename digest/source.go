package digest

import (
	"net/url"
	"strings"
	"time"
)

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

// RedactURL hides the password of a URL's user info ("https://ann:xxxxx@…"):
// a feed behind basic auth names its password in its URL, which logs,
// listings and stored errors must not repeat. Anything that does not
// parse as a URL is returned as it is.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	return u.Redacted()
}

// RedactIn hides, in text such as an error message, the password of the
// URL raw wherever it appears.
func RedactIn(text, raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return text
	}
	if pw, ok := u.User.Password(); ok && pw != "" {
		text = strings.ReplaceAll(text, url.UserPassword(u.User.Username(), pw).String(), u.User.Username()+":xxxxx")
		text = strings.ReplaceAll(text, pw, "xxxxx")
	}
	return text
}
