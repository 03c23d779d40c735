package compose

import (
	"bytes"
	"fmt"
	"strings"
)

const (
	// foldAt is the line length RFC 5322 asks for; lines fold at the
	// last space that keeps them this short.
	foldAt = 78
	// maxLine is the hard RFC 5322 limit, excluding CRLF.
	maxLine = 998
)

// headerBlock writes header fields in the order they are added, folded,
// and refuses a second field of the same name: a message never carries
// two From or two List-Unsubscribe fields.
type headerBlock struct {
	buf   bytes.Buffer
	names map[string]bool
}

// add writes one field. value must already be encoded for the wire; it
// is folded at spaces outside quoted strings.
func (h *headerBlock) add(name, value string) error {
	key := strings.ToLower(name)
	if h.names == nil {
		h.names = make(map[string]bool)
	}
	if h.names[key] {
		return fmt.Errorf("header %s: added twice", name)
	}
	h.names[key] = true
	if strings.ContainsAny(value, "\r\n") || !isASCII(value) {
		return fmt.Errorf("header %s: value is not encoded for the wire", name)
	}
	line := name + ":"
	for i, word := range splitFoldable(value) {
		switch {
		case i == 0 || word == "" || len(line)+1+len(word) <= foldAt:
			line += " " + word
		default:
			if len(line) > maxLine {
				return fmt.Errorf("header %s: line longer than %d characters", name, maxLine)
			}
			h.buf.WriteString(line + "\r\n")
			line = " " + word
		}
	}
	if len(line) > maxLine {
		return fmt.Errorf("header %s: line longer than %d characters", name, maxLine)
	}
	h.buf.WriteString(line + "\r\n")
	return nil
}

// splitFoldable splits value at the single spaces where a fold may go:
// those outside quoted strings. Joining the parts with spaces gives value
// back.
func splitFoldable(value string) []string {
	var parts []string
	inQuote, escaped, start := false, false, 0
	for i := 0; i < len(value); i++ {
		c := value[i]
		switch {
		case escaped:
			escaped = false
		case c == '\\' && inQuote:
			escaped = true
		case c == '"':
			inQuote = !inQuote
		case c == ' ' && !inQuote:
			parts = append(parts, value[start:i])
			start = i + 1
		}
	}
	return append(parts, value[start:])
}

// noLineBreak rejects CR and LF in anything that becomes a header, the
// way header injection gets in.
func noLineBreak(field, value string) error {
	if strings.ContainsAny(value, "\r\n") {
		return fmt.Errorf("%s: contains a line break", field)
	}
	return nil
}

// checkLines verifies the final bytes: every line ends in CRLF and none
// is longer than RFC 5322 allows.
func checkLines(data []byte) error {
	for n := 1; len(data) > 0; n++ {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			return fmt.Errorf("line %d: no line ending", n)
		}
		if end == 0 || data[end-1] != '\r' {
			return fmt.Errorf("line %d: bare line feed", n)
		}
		line := data[:end-1]
		if bytes.IndexByte(line, '\r') >= 0 {
			return fmt.Errorf("line %d: bare carriage return", n)
		}
		if len(line) > maxLine {
			return fmt.Errorf("line %d: %d characters, more than %d", n, len(line), maxLine)
		}
		data = data[end+1:]
	}
	return nil
}
