package main

import (
	"os"
	"strings"
	"testing"
)

// Implicit TLS against a server that speaks plain SMTP: the first
// handshake failure stops the run, non-zero and blaming nobody, instead
// of a connection per message per retry (155 connections for 31
// subscribers before).
func TestTLSHandshakeFailureStopsTheRun(t *testing.T) {
	r := newNewsroom(t, 31, 0)
	r.env = append(os.Environ(), "DIGEST_SMTP_ADDR="+r.server.Addr, "DIGEST_SMTP_TLS=tls")
	out, err := r.command("send").CombinedOutput()
	if err == nil {
		t.Fatalf("digest send exited 0 after a TLS handshake failure:\n%s", out)
	}
	if !strings.Contains(string(out), "tls handshake") {
		t.Errorf("the error does not name the TLS handshake:\n%s", out)
	}
	if n := r.server.Connections(); n > connections {
		t.Errorf("%d connections for one failure that would repeat, want at most %d (one per worker)", n, connections)
	}
	// The edition's row in digest status: nothing sent, nobody failed;
	// the messages in flight are deferred to the next run.
	for _, line := range strings.Split(r.run(t, "status"), "\n") {
		f := strings.Fields(line)
		if len(f) >= 8 && strings.HasSuffix(f[0], "-manual") {
			if sent, failed := f[4], f[6]; sent != "0" || failed != "0" {
				t.Errorf("after the failure: %s sent, %s failed; want none:\n%s", sent, failed, line)
			}
			return
		}
	}
	t.Error("digest status lists no edition")
}
