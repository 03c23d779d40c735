package bounce

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"strings"
)

// Bounds on what one message may make the parser do. A bounce mailbox
// takes mail from anyone, so a message built to be expensive costs at
// most this much, and is then just not a bounce.
const (
	maxDepth     = 6
	maxParts     = 64
	maxLeafBytes = 1 << 20
)

// part is one MIME entity. Only leaves have a body, decoded from its
// Content-Transfer-Encoding; an attached message (message/rfc822) is a
// leaf whose body is that message, never walked into, so a forwarded
// bounce is not read as a bounce.
type part struct {
	header    textproto.MIMEHeader
	mediaType string
	params    map[string]string
	body      []byte
	children  []*part
}

type walker struct{ parts int }

func (w *walker) entity(h textproto.MIMEHeader, body io.Reader, depth int) *part {
	w.parts++
	p := &part{header: h, mediaType: "text/plain"}
	if ct := h.Get("Content-Type"); ct != "" {
		mt, params, err := mime.ParseMediaType(ct)
		if mt != "" {
			p.mediaType, p.params = strings.ToLower(mt), params
		} else if err != nil {
			// An unreadable type is read as text: a bounce from an
			// old relay is more likely than anything that matters here.
			p.mediaType = "text/plain"
		}
	}
	if strings.HasPrefix(p.mediaType, "multipart/") && p.params["boundary"] != "" && depth < maxDepth {
		mr := multipart.NewReader(body, p.params["boundary"])
		for w.parts < maxParts {
			child, err := mr.NextRawPart()
			if err != nil {
				break // a broken structure keeps the parts read so far
			}
			p.children = append(p.children, w.entity(child.Header, child, depth+1))
		}
		return p
	}
	p.body = decode(h.Get("Content-Transfer-Encoding"), body)
	return p
}

// decode reads at most maxLeafBytes of body and undoes its transfer
// encoding; what cannot be decoded is kept as far as it went.
func decode(cte string, body io.Reader) []byte {
	r := io.LimitReader(body, maxLeafBytes)
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, &spaceless{r: bufio.NewReader(r)})
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	}
	var b bytes.Buffer
	_, _ = b.ReadFrom(r)
	return b.Bytes()
}

// spaceless drops the spaces and tabs some relays leave in base64 lines,
// which the decoder would otherwise stop at (it skips only CR and LF).
type spaceless struct{ r *bufio.Reader }

func (s *spaceless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c, err := s.r.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if c == ' ' || c == '\t' {
			continue
		}
		p[n] = c
		n++
	}
	return n, nil
}

// find returns the first part, depth first, whose media type is one of
// types.
func (p *part) find(types ...string) *part {
	for _, t := range types {
		if p.mediaType == t {
			return p
		}
	}
	for _, c := range p.children {
		if f := c.find(types...); f != nil {
			return f
		}
	}
	return nil
}

// readHeader reads the header block at the start of b leniently: a
// returned copy is often damaged (a folded line that lost its indent, a
// truncated field), and a line that cannot be read is skipped rather
// than ending the header, so the Message-ID after it is still found.
func readHeader(b []byte) textproto.MIMEHeader {
	b = skipFromLine(bytes.TrimLeft(b, "\r\n"))
	if i := bytes.Index(b, []byte("\n\n")); i >= 0 {
		b = b[:i]
	}
	if i := bytes.Index(b, []byte("\r\n\r\n")); i >= 0 {
		b = b[:i]
	}
	if blocks := fieldBlocks(b); len(blocks) > 0 {
		return blocks[0]
	}
	return textproto.MIMEHeader{}
}

// skipFromLine drops the "From sender date" line an mbox puts before
// each message: mail saved from an mbox, or a copy a relay returns,
// would otherwise have no readable header at all.
func skipFromLine(b []byte) []byte {
	if !bytes.HasPrefix(b, []byte("From ")) {
		return b
	}
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[i+1:]
	}
	return nil
}
