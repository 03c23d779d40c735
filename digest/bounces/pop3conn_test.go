package bounces

import (
	"bytes"
	"io"
	"net"
	"testing"
	"time"
)

// answering is a pop3Conn whose server sends these bytes and then
// hangs up; what the client writes is read and dropped.
func answering(t testing.TB, server []byte) *pop3Conn {
	client, srv := net.Pipe()
	go func() {
		go io.Copy(io.Discard, srv)
		srv.Write(server)
		srv.Close()
	}()
	t.Cleanup(func() { client.Close() })
	return newPOP3Conn(client, 2*time.Second, true)
}

// A message comes back as sent: dot-stuffed lines unstuffed, CRLF kept,
// a lone dot inside a line not taken for the end; past the limit the
// message is read to its end and reported too big.
func TestPOP3Body(t *testing.T) {
	wire := "Subject: x\r\n\r\n..leading dot\r\nmid . dot\r\n...\r\n.\r\n"
	raw, tooBig, err := answering(t, []byte(wire)).body(1 << 10)
	if err != nil || tooBig || string(raw) != "Subject: x\r\n\r\n.leading dot\r\nmid . dot\r\n..\r\n" {
		t.Errorf("body: %q, %v, %v", raw, tooBig, err)
	}
	c := answering(t, []byte(wire+"+OK next\r\n"))
	if raw, tooBig, err := c.body(10); raw != nil || !tooBig || err != nil {
		t.Errorf("over the limit: %q, %v, %v", raw, tooBig, err)
	}
	if s, err := c.status("NOOP"); err != nil || s != "next" {
		t.Errorf("after a skipped message the next answer is %q, %v", s, err)
	}
	if _, _, err := answering(t, []byte("cut off\r\n")).body(1 << 10); err == nil {
		t.Error("a message cut off before its end was taken")
	}
}

// Whatever a server answers, the client returns an error or a listing,
// and never panics.
func FuzzPOP3Answers(f *testing.F) {
	f.Add([]byte("+OK\r\n1 abc\r\n2 def\r\n.\r\n+OK\r\n1 100\r\n2 200\r\n.\r\n"))
	f.Add([]byte("+OK\r\n1\r\n.\r\n"))
	f.Add([]byte("-ERR no\r\n"))
	f.Add([]byte("+OK\r\n" + string(bytes.Repeat([]byte("x"), 9000)) + "\r\n"))
	f.Fuzz(func(t *testing.T, server []byte) {
		c := answering(t, server)
		if _, err := c.list(); err != nil {
			return
		}
		c.body(1 << 10)
	})
}
