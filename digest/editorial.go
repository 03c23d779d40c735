package digest

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// EditorNote is what an editor writes into an edition in their own
// words. It is never a summary and is shown as the editor's: Intro under
// "From the editor", Subject and Preheader in place of the generated
// ones. Empty fields leave the generated text.
type EditorNote struct {
	// Intro is plain text with a small Markdown subset: paragraphs
	// separated by blank lines, [text](https://…) links, bare http(s)
	// URLs, *emphasis* and **strong**. Nothing else is markup.
	Intro     string
	Subject   string
	Preheader string
}

// The limits of an editor's note; a subject longer than about 80
// characters is cut by every mail client anyway.
const (
	MaxIntroChars     = 4000
	MaxSubjectChars   = 150
	MaxPreheaderChars = 200
)

// Normalize trims the note and checks its limits; the error names the
// field. Subject and preheader are one line: a line break in a subject
// would be a header injection, so it is refused, not folded.
func (n EditorNote) Normalize() (EditorNote, error) {
	n.Intro = strings.TrimSpace(strings.ReplaceAll(n.Intro, "\r\n", "\n"))
	n.Subject = strings.TrimSpace(n.Subject)
	n.Preheader = strings.TrimSpace(n.Preheader)
	for _, f := range []struct {
		name, value string
		max         int
		oneLine     bool
	}{
		{"intro", n.Intro, MaxIntroChars, false},
		{"subject", n.Subject, MaxSubjectChars, true},
		{"preheader", n.Preheader, MaxPreheaderChars, true},
	} {
		if !utf8.ValidString(f.value) {
			return n, &NoteError{Field: f.name, Problem: NoteNotUTF8}
		}
		if c := utf8.RuneCountInString(f.value); c > f.max {
			return n, &NoteError{Field: f.name, Problem: NoteTooLong, Count: c, Max: f.max}
		}
		for _, r := range f.value {
			if r == '\n' && !f.oneLine || r == '\t' {
				continue
			}
			if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
				return n, &NoteError{Field: f.name, Problem: NoteControl, Rune: r}
			}
		}
	}
	return n, nil
}

// NoteProblem is what is wrong with a field of an editor's note.
type NoteProblem int

// The problems Normalize finds.
const (
	NoteNotUTF8 NoteProblem = iota
	NoteTooLong
	NoteControl
)

// NoteError says which field of a note is refused and why, as data: the
// desk's pages put it in an editor's words, the log keeps Error's.
type NoteError struct {
	Field   string // intro, subject or preheader
	Problem NoteProblem
	Rune    rune // the control character, for NoteControl
	Count   int  // characters, for NoteTooLong
	Max     int
}

func (e *NoteError) Error() string {
	switch e.Problem {
	case NoteNotUTF8:
		return e.Field + ": not valid UTF-8"
	case NoteTooLong:
		return fmt.Sprintf("%s: %d characters, at most %d", e.Field, e.Count, e.Max)
	default:
		return fmt.Sprintf("%s: control character %U (one line, no control characters)", e.Field, e.Rune)
	}
}

// LineBreak reports whether the refused character breaks a line, which
// is what an editor typing into a one-line field most likely did.
func (e *NoteError) LineBreak() bool {
	return e.Problem == NoteControl && (e.Rune == '\n' || e.Rune == '\r' || e.Rune == '\u2028' || e.Rune == '\u2029' || e.Rune == '\u0085')
}

// SentenceEdit is an editor's edit of one summary sentence (lead or
// section summary): the sentence the engine chose from ArticleID,
// removed when Replacement is empty, else swapped for Replacement —
// which must be a sentence of the same article, so a summary stays
// faithful whatever an editor does.
type SentenceEdit struct {
	ArticleID   string
	Original    string
	Replacement string
}

// Removed reports whether the edit takes the sentence out.
func (e SentenceEdit) Removed() bool { return e.Replacement == "" }
