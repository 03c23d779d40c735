package serve

import (
	"net"
	"strings"
	"testing"
)

// A port another program holds and an address with no port are said in
// words, with what to do.
func TestListenWords(t *testing.T) {
	held, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	addr := held.Addr().String()
	_, err = net.Listen("tcp", addr)
	if got := listenWords(addr, err); !strings.Contains(got, addr+" is in use by another program") {
		t.Errorf("a port in use: %q", got)
	}
	_, err = net.Listen("tcp", "nonsense")
	if got := listenWords("nonsense", err); !strings.Contains(got, "give a host and a port") {
		t.Errorf("no port: %q", got)
	}
}
