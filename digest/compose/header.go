package compose

import (
	"bytes"
	"fmt"
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	// foldAt is the line length RFC 5322 asks for; lines fold at the
	// last space that keeps them this short.
	foldAt = 78
	// maxLine is the hard RFC 5322 limit, excluding CRLF.
	maxLine = 998
)

// headerTemplate is a message's header block with the fields that are
// the same for every subscriber formatted once; per names the fields
// formatted for each message, in order. A block never carries a field
// twice: a message has one From and one List-Unsubscribe.
type headerTemplate struct {
	parts []headerPart
}

// headerPart is formatted fields to copy, or the name of a field whose
// value differs per message.
type headerPart struct {
	fixed []byte
	name  string
	utf8  bool
}

// headerField is one field of a template; a per-message field has no
// value yet.
type headerField struct {
	name, value string
	perMessage  bool
	// utf8 lets the value carry UTF-8 as it is (RFC 6532): a recipient
	// whose local part is not ASCII, which only a relay that takes
	// SMTPUTF8 is given.
	utf8 bool
}

// newHeaderTemplate formats the fixed fields in order. Fixed fields with
// an empty value are left out.
func newHeaderTemplate(fields ...headerField) (*headerTemplate, error) {
	t := &headerTemplate{}
	seen := make(map[string]bool, len(fields))
	var fixed []byte
	for _, f := range fields {
		key := strings.ToLower(f.name)
		if seen[key] {
			return nil, fmt.Errorf("header %s: added twice", f.name)
		}
		seen[key] = true
		if !f.perMessage {
			if f.value == "" {
				continue
			}
			var err error
			if fixed, err = appendField(fixed, f.name, f.value, f.utf8); err != nil {
				return nil, err
			}
			continue
		}
		if len(fixed) > 0 {
			t.parts = append(t.parts, headerPart{fixed: fixed})
			fixed = nil
		}
		t.parts = append(t.parts, headerPart{name: f.name, utf8: f.utf8})
	}
	if len(fixed) > 0 {
		t.parts = append(t.parts, headerPart{fixed: fixed})
	}
	return t, nil
}

// appendTo appends the header block with values for the per-message
// fields, in their order; an empty value leaves the field out.
func (t *headerTemplate) appendTo(dst []byte, values ...string) ([]byte, error) {
	next := 0
	for _, p := range t.parts {
		if p.fixed != nil {
			dst = append(dst, p.fixed...)
			continue
		}
		if next == len(values) {
			return nil, fmt.Errorf("header %s: no value", p.name)
		}
		value := values[next]
		next++
		if value == "" {
			continue
		}
		var err error
		if dst, err = appendField(dst, p.name, value, p.utf8); err != nil {
			return nil, err
		}
	}
	if next != len(values) {
		return nil, fmt.Errorf("header: %d values for %d fields", len(values), next)
	}
	return dst, nil
}

// size is the length of the fixed fields.
func (t *headerTemplate) size() int {
	n := 0
	for _, p := range t.parts {
		n += len(p.fixed)
	}
	return n
}

// appendField appends one field. value must already be encoded for the
// wire (ASCII, unless rawUTF8 allows UTF-8); it is folded at spaces
// outside quoted strings.
func appendField(dst []byte, name, value string, rawUTF8 bool) ([]byte, error) {
	if strings.ContainsAny(value, "\r\n") || !rawUTF8 && !isASCII(value) || rawUTF8 && !utf8ok(value) {
		return nil, fmt.Errorf("header %s: value is not encoded for the wire", name)
	}
	line := len(dst) // where the current line starts
	dst = append(dst, name...)
	dst = append(dst, ':')
	first := true
	for word := range foldable(value) {
		if !first && word != "" && len(dst)-line+1+len(word) > foldAt {
			if len(dst)-line > maxLine {
				return nil, lineTooLong(name)
			}
			dst = append(dst, "\r\n"...)
			line = len(dst)
		}
		dst = append(dst, ' ')
		dst = append(dst, word...)
		first = false
	}
	if len(dst)-line > maxLine {
		return nil, lineTooLong(name)
	}
	return append(dst, "\r\n"...), nil
}

// utf8ok reports UTF-8 text without control characters.
func utf8ok(value string) bool {
	return utf8.ValidString(value) && !strings.ContainsFunc(value, unicode.IsControl)
}

func lineTooLong(name string) error {
	return fmt.Errorf("header %s: line longer than %d characters", name, maxLine)
}

// foldable yields value split at the single spaces where a fold may go:
// those outside quoted strings. Joining the parts with spaces gives value
// back.
func foldable(value string) iter.Seq[string] {
	return func(yield func(string) bool) {
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
				if !yield(value[start:i]) {
					return
				}
				start = i + 1
			}
		}
		yield(value[start:])
	}
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
