package clean

import (
	"strings"
	"unicode"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/lazyre"
)

// Text from feeds and pages can carry terminal control sequences
// ("\x1b[2J" clears an editor's screen, OSC sequences retitle it or
// write links) that would be printed raw by the command line and copied
// into emails. Every control character of C0 and C1 is taken out at
// ingest, but for the tab and newline that lay out plain text; an escape
// sequence goes whole, its parameters with it.

// escapeRE matches ANSI escape sequences: CSI ("\x1b[2J", or the one-byte
// C1 CSI), OSC up to its terminator ("\x1b]0;title\x07"), and the other
// two-character ones.
var escapeRE = lazyre.New("(?:\x1b\\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\x1b\\]|\u009d)[^\x07\x1b\u009c]*(?:\x07|\x1b\\\\|\u009c)?|\x1b[ -~]")

// stripControls drops control characters from s; keepLines keeps
// newlines (and turns tabs into spaces only when it does not).
func stripControls(s string, keepLines bool) string {
	if strings.ContainsAny(s, "\x1b\u009b\u009d") {
		s = escapeRE.ReplaceAllString(s, "")
	}
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) && (!keepLines || r != '\n' && r != '\t') }) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case keepLines && (r == '\n' || r == '\t'):
			return r
		case r == '\t' || r == '\n' || r == '\r':
			return ' ' // a line break inside a title is a space
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// stripDocumentControls cleans every text field of a document.
func stripDocumentControls(doc digest.Document) digest.Document {
	doc.Text = stripControls(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(doc.Text), true)
	doc.Title = stripControls(doc.Title, false)
	doc.Publication = stripControls(doc.Publication, false)
	doc.URL = stripControls(doc.URL, false)
	authors := make([]string, 0, len(doc.Authors))
	for _, a := range doc.Authors {
		if a = strings.TrimSpace(stripControls(a, false)); a != "" {
			authors = append(authors, a)
		}
	}
	doc.Authors = authors
	return doc
}
