package compose

import (
	"bytes"
	"errors"
	"fmt"
	"mime/quotedprintable"
	"strings"
)

// bodyTemplate is an edition's MIME body, encoded once by
// jordan-wright/email, with the few encoded lines that carry the
// unsubscribe link cut out. Each message copies the rest and encodes
// only those lines again, with the subscriber's link in them.
//
// That is sound because quoted-printable is line-local: the standard
// library's writer, which jordan-wright/email uses, keeps a line buffer
// and a "just saw CR" flag, and after an LF that ends a line both are
// back to where a new writer starts (see safeLineEnd). Encoding the
// lines between two such points on their own gives exactly the bytes
// that encoding the whole part gives there, whatever those lines hold.
// newBodyTemplate checks that equality on the edition itself.
type bodyTemplate struct {
	pieces []piece
	// fixed is the length of the copied pieces, and spliced the length
	// of the source text around the links and how many links go in:
	// enough to size each message's buffer once.
	fixed, spliced, links int
	// delimiter is "--" and the boundary: a personalised line must not
	// contain it, or a reader would see the part end there.
	delimiter []byte
}

// piece is a run of the body: encoded bytes to copy, or a run of source
// lines holding the placeholder, kept split around it.
type piece struct {
	encoded []byte
	around  [][]byte // source text between placeholders; nil for copied pieces
	html    bool     // takes the HTML-escaped link
}

// partSource is one body part's source text, in the order jordan-wright
// writes the parts.
type partSource struct {
	name    string
	content []byte
	html    bool
}

// newBodyTemplate cuts the placeholder lines out of body, the encoded
// MIME body of parts as written by mimeBody: each part a header block,
// an empty line and the encoded content. A part without the placeholder
// is an error: its message would have no visible way out.
func newBodyTemplate(body []byte, boundary string, parts ...partSource) (*bodyTemplate, error) {
	t := &bodyTemplate{delimiter: []byte("--" + boundary)}
	cursor := 0
	for _, p := range parts {
		runs, dynamic := splitRuns(p.content)
		if !dynamic {
			return nil, fmt.Errorf("%s has no unsubscribe placeholder", p.name)
		}
		encoded := make([][]byte, len(runs))
		var whole []byte
		for i, run := range runs {
			encoded[i] = encodeQP(nil, run.text)
			whole = append(whole, encoded[i]...)
		}
		// The part's content follows its own header block.
		at := bytes.Index(body[cursor:], []byte("\r\n\r\n"))
		if at < 0 || !bytes.HasPrefix(body[cursor+at+4:], whole) {
			return nil, fmt.Errorf("mime body: the %s is not encoded line by line", p.name)
		}
		t.addEncoded(body[cursor : cursor+at+4])
		cursor += at + 4
		for i, run := range runs {
			if run.dynamic {
				// A copy: the caller's edition may change after Prepare.
				around := bytes.Split(bytes.Clone(run.text), []byte(Placeholder))
				t.pieces = append(t.pieces, piece{around: around, html: p.html})
				t.spliced += len(run.text) - (len(around)-1)*len(Placeholder)
				t.links += len(around) - 1
			} else {
				t.addEncoded(body[cursor : cursor+len(encoded[i])])
			}
			cursor += len(encoded[i])
		}
	}
	t.addEncoded(body[cursor:])
	return t, nil
}

// addEncoded adds bytes to copy, joining them to a copied piece before them.
func (t *bodyTemplate) addEncoded(encoded []byte) {
	if len(encoded) == 0 {
		return
	}
	t.fixed += len(encoded)
	if n := len(t.pieces); n > 0 && t.pieces[n-1].around == nil {
		last := &t.pieces[n-1]
		last.encoded = append(last.encoded[:len(last.encoded):len(last.encoded)], encoded...)
		return
	}
	t.pieces = append(t.pieces, piece{encoded: encoded})
}

// size is about how long the body is with links of n bytes: encoding
// lengthens plain text by a little (soft line breaks, an escaped '=').
func (t *bodyTemplate) size(n int) int {
	dynamic := t.spliced + t.links*n
	return t.fixed + dynamic + dynamic/4 + 64
}

// appendTo writes the body with the links in place to dst.
func (t *bodyTemplate) appendTo(dst []byte, textLink, htmlLink string) ([]byte, error) {
	if strings.ContainsAny(textLink, "\r\n") || strings.ContainsAny(htmlLink, "\r\n") {
		return nil, errors.New("unsubscribe link contains a line break")
	}
	var source []byte
	for _, p := range t.pieces {
		if p.around == nil {
			dst = append(dst, p.encoded...)
			continue
		}
		link := textLink
		if p.html {
			link = htmlLink
		}
		source = source[:0]
		for i, text := range p.around {
			if i > 0 {
				source = append(source, link...)
			}
			source = append(source, text...)
		}
		start := len(dst)
		dst = encodeQP(dst, source)
		if bytes.Contains(dst[start:], t.delimiter) {
			return nil, errors.New("personalised line contains the mime boundary")
		}
	}
	return dst, nil
}

// sourceRun is a run of whole source lines: either none holds the
// placeholder, or it is the shortest run around one that does and ends
// at a safe line end.
type sourceRun struct {
	text    []byte
	dynamic bool
}

// splitRuns splits content into runs that end at safe line ends; runs
// without the placeholder are merged. dynamic says whether any run holds
// the placeholder.
func splitRuns(content []byte) (runs []sourceRun, dynamic bool) {
	start := 0
	for start < len(content) {
		end := len(content)
		for from := start; from < len(content); {
			nl := bytes.IndexByte(content[from:], '\n')
			if nl < 0 {
				break
			}
			if safeLineEnd(content[start:], from-start+nl) {
				end = from + nl + 1
				break
			}
			from += nl + 1
		}
		run := content[start:end]
		hasLink := bytes.Contains(run, []byte(Placeholder))
		dynamic = dynamic || hasLink
		if n := len(runs); n > 0 && !hasLink && !runs[n-1].dynamic {
			runs[n-1].text = content[start-len(runs[n-1].text) : end]
		} else {
			runs = append(runs, sourceRun{text: run, dynamic: hasLink})
		}
		start = end
	}
	return runs, dynamic
}

// safeLineEnd reports whether the quoted-printable writer, having
// started afresh at text[0], is back in its initial state after the LF at
// text[nl]. After any LF the "saw CR" flag is clear; the line buffer is
// empty too unless the LF was swallowed as the second half of a CR LF
// whose CR was followed by encoded bytes. A line whose only CR is right
// before its LF, or that has none, is safe.
func safeLineEnd(text []byte, nl int) bool {
	lineStart := bytes.LastIndexByte(text[:nl], '\n') + 1
	cr := bytes.IndexByte(text[lineStart:nl], '\r')
	return cr < 0 || lineStart+cr == nl-1
}

// encodeQP appends src quoted-printable encoded by a new writer, the way
// jordan-wright/email encodes each body part.
func encodeQP(dst, src []byte) []byte {
	w := appendWriter{b: dst}
	qp := quotedprintable.NewWriter(&w)
	_, _ = qp.Write(src) // appendWriter never fails
	_ = qp.Close()
	return w.b
}

type appendWriter struct{ b []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}
