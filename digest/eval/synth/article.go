package synth

import (
	"strings"

	"github.com/digest-newsletter/digest/digest"
)

// Segment is a labelled piece of a line: most lines are one segment; a
// line that carries a dateline and then the story, or a byline and a
// date side by side, is several.
type Segment struct {
	Kind string // KindBody, KindTitle, or the family whose furniture it is
	Text string // as a reader sees it, without markup
}

// Block is one line of the file as pasted. The plain form is its
// segments joined by Sep; a Markdown file writes Markdown instead when
// it is set. A block with no segments (an image in Markdown) has no
// text a reader sees.
type Block struct {
	Segments []Segment
	Sep      string
	// Prefix is a list marker ("- ", "• ") written before the plain
	// text: markup, not text a reader counts.
	Prefix   string
	Markdown string
}

// Plain is the block as a plain-text file has it.
func (b Block) Plain() string {
	parts := make([]string, len(b.Segments))
	for i, s := range b.Segments {
		parts[i] = s.Text
	}
	sep := b.Sep
	if sep == "" {
		sep = " "
	}
	return b.Prefix + strings.Join(parts, sep)
}

func oneBlock(kind, text string) Block { return Block{Segments: []Segment{{Kind: kind, Text: text}}} }

// Article is one generated file with its labels.
type Article struct {
	// Name is the file name: .txt, or .md for the markdown layout.
	Name  string
	Split string // SplitTuned or SplitHeldOut
	// Source is the corpus article the body comes from.
	Source string
	Topic  string
	// Headline is the true title; the file may lack it (no-headline).
	Headline string
	HasTitle bool
	// Families are the families used, furniture and layout.
	Families []string
	// Blocks are the file's lines in order, labelled.
	Blocks []Block
	// Text is the file's content.
	Text string
	// Theme is the theme of a digest this article would be dropped
	// into: its topic's.
	Theme digest.Theme
}
