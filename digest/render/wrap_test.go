package render

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		width int
		in    string
		want  string
	}{
		{"short", 20, "one two three", "one two three"},
		{"exact width", 7, "abc def", "abc def"},
		{"one over", 6, "abc def", "abc\ndef"},
		{"greedy", 10, "aa bb cc dd ee ff", "aa bb cc\ndd ee ff"},
		{"long word alone", 10, "see https://example.org/a/very/long/path now", "see\nhttps://example.org/a/very/long/path\nnow"},
		{"spaces collapse", 20, "  a   b\tc  ", "a b c"},
		{"blank lines kept", 10, "para one here\n\npara two", "para one\nhere\n\npara two"},
		{"two blank lines kept", 10, "a\n\n\nb", "a\n\n\nb"},
		{"whitespace line becomes blank", 10, "a\n   \nb", "a\n\nb"},
		{"crlf", 10, "a b\r\nc", "a b\nc"},
		{"runes not bytes", 11, "ééééé ééééé ééééé", "ééééé ééééé\nééééé"},
		{"trailing newline kept", 10, "a b\n", "a b\n"},
		{"empty", 10, "", ""},
		{"zero width leaves text", 0, "a  b", "a  b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Wrap(tt.width, tt.in); got != tt.want {
				t.Errorf("Wrap(%d, %q) = %q, want %q", tt.width, tt.in, got, tt.want)
			}
		})
	}
}

// TestWrapKeepsWords checks on longer text that wrapping only moves line
// breaks: the words stay, in order, and no line is over width unless it
// is a single word.
func TestWrapKeepsWords(t *testing.T) {
	in := strings.Repeat("Japan and NATO agreed on a framework for cyber defence cooperation, worth ¥1.2 billion, in Brussels. ", 12)
	for _, width := range []int{1, 8, 40, 78} {
		out := Wrap(width, in)
		if !slices.Equal(strings.Fields(out), strings.Fields(in)) {
			t.Errorf("width %d: words changed", width)
		}
		for line := range strings.SplitSeq(out, "\n") {
			if utf8.RuneCountInString(line) > width && strings.Contains(line, " ") {
				t.Errorf("width %d: line %q is %d runes", width, line, utf8.RuneCountInString(line))
			}
		}
	}
}

func TestIndent(t *testing.T) {
	tests := []struct {
		prefix, in, want string
	}{
		{"* ", "title", "* title"},
		{"* ", "long\ntitle", "* long\n  title"},
		{"  ", "a\n\nb", "  a\n\n  b"},
		{"[10] ", "x\ny", "[10] x\n     y"},
		{"→ ", "x\ny", "→ x\n  y"},
	}
	for _, tt := range tests {
		if got := indent(tt.prefix, tt.in); got != tt.want {
			t.Errorf("indent(%q, %q) = %q, want %q", tt.prefix, tt.in, got, tt.want)
		}
	}
}

func TestUnderline(t *testing.T) {
	tests := []struct {
		char, in, want string
	}{
		{"=", "Title", "Title\n====="},
		{"-", "Défense", "Défense\n-------"},
		{"-", "a long\nheading", "a long\nheading\n-------"},
		{"=", "", "\n"},
	}
	for _, tt := range tests {
		if got := underline(tt.char, tt.in); got != tt.want {
			t.Errorf("underline(%q, %q) = %q, want %q", tt.char, tt.in, got, tt.want)
		}
	}
}
