package compose

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/textproto"

	"github.com/jordan-wright/email"
)

// mimeBody builds the multipart/alternative entity (text part first, then
// HTML, both UTF-8 quoted-printable) with jordan-wright/email and returns
// its Content-Type, boundary and body. The library's own header block is
// dropped; see the package doc for why.
//
// It runs once per edition (see Prepare): every message of the edition
// shares the boundary and the encoded parts, with the subscriber's lines
// spliced in by bodyTemplate.
func mimeBody(text, html []byte) (contentType, boundary string, body []byte, err error) {
	e := email.NewEmail()
	e.Text = text
	e.HTML = html
	raw, err := e.Bytes()
	if err != nil {
		return "", "", nil, fmt.Errorf("mime body: %w", err)
	}
	end := bytes.Index(raw, []byte("\r\n\r\n"))
	if end < 0 {
		return "", "", nil, errors.New("mime body: no end of header")
	}
	header, err := textproto.NewReader(bufio.NewReader(bytes.NewReader(raw[:end+4]))).ReadMIMEHeader()
	if err != nil {
		return "", "", nil, fmt.Errorf("mime body: %w", err)
	}
	mediaType, params, err := mime.ParseMediaType(header.Get("Content-Type"))
	if err != nil {
		return "", "", nil, fmt.Errorf("mime body: %w", err)
	}
	if mediaType != "multipart/alternative" || params["boundary"] == "" {
		return "", "", nil, fmt.Errorf("mime body: got %s, want multipart/alternative with a boundary", mediaType)
	}
	boundary = params["boundary"]
	return mime.FormatMediaType(mediaType, map[string]string{"boundary": boundary}), boundary, raw[end+4:], nil
}
