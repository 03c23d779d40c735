package transport

import (
	"bufio"
	"bytes"
	"io"
	"net/textproto"
	"testing"
)

// dotStuff must encode exactly as the reference: net/textproto's dot
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
		if got := dotStuff([]byte(in)); !bytes.Equal(got, ref.Bytes()) {
			t.Errorf("dotStuff(%q) = %q, want %q", in, got, ref.Bytes())
		}
	}
}
