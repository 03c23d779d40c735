package transport

import (
	"bufio"
	"bytes"
	"io"
	"net/textproto"
	"testing"
)

// appendDotStuffed must encode exactly as the reference: net/textproto's dot
// writer, which net/smtp uses.
func TestDotStuffMatchesTextproto(t *testing.T) {
	for _, in := range []string{
		"", "a", "a\r\n", "a\r\nb", ".\r\n", ".leading\r\n..two\r\nmid.dle\r\n", "bare\nlf\n.dot\n",
		"x\r\n.\r\n", "cr\rinside\r\n", "\r\n\r\n", "ends with dot.",
	} {
		var ref bytes.Buffer
		w := textproto.NewWriter(bufio.NewWriter(&ref)).DotWriter()
		io.WriteString(w, in)
		w.Close()
		if got := appendDotStuffed(nil, []byte(in)); !bytes.Equal(got, ref.Bytes()) {
			t.Errorf("appendDotStuffed(%q) = %q, want %q", in, got, ref.Bytes())
		}
		// A reused buffer holding a longer message leaves nothing behind.
		reused := appendDotStuffed(make([]byte, 0, 256), []byte(".old message, much longer than any case here\r\n..\r\n"))
		if got := appendDotStuffed(reused[:0], []byte(in)); !bytes.Equal(got, ref.Bytes()) {
			t.Errorf("appendDotStuffed(reused, %q) = %q, want %q", in, got, ref.Bytes())
		}
	}
}
