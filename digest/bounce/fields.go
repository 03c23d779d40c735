package bounce

import (
	"bytes"
	"net/textproto"
	"strings"
)

// maxBlocks bounds the field blocks read from one report: a DSN has one
// per recipient, and no newsletter message has thousands of recipients.
const maxBlocks = 256

// maxFieldValue bounds a folded value: past it, further continuation
// lines are dropped, so a value folded over a million lines costs
// linear time, not quadratic.
const maxFieldValue = 4096

// fieldBlocks reads the body of a message/delivery-status or
// message/feedback-report part: groups of "Name: value" lines (values
// may be folded) separated by blank lines. It is more forgiving than a
// header reader, since reports from real relays carry stray lines.
func fieldBlocks(b []byte) []textproto.MIMEHeader {
	var (
		blocks []textproto.MIMEHeader
		cur    textproto.MIMEHeader
		last   string
	)
	for len(b) > 0 && len(blocks) < maxBlocks {
		var line []byte
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			line, b = b, nil
		}
		line = bytes.TrimRight(line, "\r")
		switch {
		case len(bytes.TrimSpace(line)) == 0:
			if cur != nil {
				blocks = append(blocks, cur)
				cur, last = nil, ""
			}
		case line[0] == ' ' || line[0] == '\t':
			if cur != nil && last != "" {
				vs := cur[last]
				if len(vs[len(vs)-1]) < maxFieldValue {
					vs[len(vs)-1] += " " + string(bytes.TrimSpace(line))
				}
			}
		default:
			name, value, ok := strings.Cut(string(line), ":")
			name = strings.TrimSpace(name)
			if !ok || name == "" || strings.ContainsAny(name, " \t") {
				last = ""
				continue
			}
			if cur == nil {
				cur = textproto.MIMEHeader{}
			}
			last = textproto.CanonicalMIMEHeaderKey(name)
			cur[last] = append(cur[last], strings.TrimSpace(value))
		}
	}
	if cur != nil && len(blocks) < maxBlocks {
		blocks = append(blocks, cur)
	}
	return blocks
}

// typedValue returns the value of a typed field ("rfc822; jane@x.org"
// gives "jane@x.org"), or the whole value when it has no type.
func typedValue(v string) string {
	if _, after, ok := strings.Cut(v, ";"); ok {
		v = after
	}
	return strings.Trim(strings.TrimSpace(v), "<>")
}
