package main

import (
	"bytes"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// editionsByNumber reads digest status's editions: id and status by
// number ("1", "2", …).
func editionsByNumber(t *testing.T, status string) map[string][2]string {
	t.Helper()
	out := map[string][2]string{}
	for _, line := range strings.Split(status, "\n") {
		if f := strings.Fields(line); len(f) >= 3 && strings.Contains(f[0], "-manual") {
			out[f[1]] = [2]string{f[0], f[2]}
		}
	}
	return out
}

// Issue 23's scenario, as a new user tries it: build twice (No. 1 and
// No. 2 from the same articles), approve No. 2, digest send, digest send
// again. Only No. 2 goes out; No. 1 is superseded by it: digest status
// lists it so, digest send No. 1 refuses naming No. 2, digest discard
// refuses it too, and the archive and its feed hold No. 2 alone.
func TestSupersededDraftIsNeverSent(t *testing.T) {
	const readers = 3
	r := newNewsroom(t, readers, 0) // builds No. 1
	r.run(t, "build")
	eds := editionsByNumber(t, r.run(t, "status"))
	one, two := eds["1"][0], eds["2"][0]
	if one == "" || two == "" {
		t.Fatalf("digest status does not list No. 1 and No. 2: %v", eds)
	}
	r.run(t, "approve", two)
	r.run(t, "send")
	if out := r.run(t, "send"); !strings.Contains(out, "nothing to do") {
		t.Errorf("the second digest send: %s", out)
	}
	msgs := r.server.Messages()
	for _, m := range msgs {
		if !bytes.Contains(m.Data, []byte("Message-ID: <digest."+two+".")) {
			t.Errorf("a message that is not No. 2's went out to %v:\n%.300s", m.To, m.Data)
		}
	}
	copies := r.copies()
	for to, n := range copies {
		if n != 1 {
			t.Errorf("%s got %d messages, want No. 2 once", to, n)
		}
	}
	if len(copies) < readers {
		t.Errorf("%d readers got No. 2, want all %d", len(copies), readers)
	}

	eds = editionsByNumber(t, r.run(t, "status"))
	if eds["1"][1] != "superseded" || eds["2"][1] != "sent" {
		t.Errorf("digest status lists No. 1 as %q and No. 2 as %q; want superseded and sent", eds["1"][1], eds["2"][1])
	}
	for _, args := range [][]string{{"send", one}, {"discard", one}} {
		out, err := r.command(args...).CombinedOutput()
		if _, failed := err.(*exec.ExitError); !failed || !strings.Contains(string(out), "superseded") {
			t.Errorf("digest %s on the superseded No. 1: %v\n%s", strings.Join(args, " "), err, out)
		}
		if args[0] == "send" && !strings.Contains(string(out), two+" (No. 2)") {
			t.Errorf("digest send %s does not name No. 2 (%s) as why:\n%s", one, two, out)
		}
	}
	if len(r.server.Messages()) != len(msgs) {
		t.Errorf("digest send %s sent something", one)
	}

	urls := map[string]string{}
	cmd, wait := r.startUntil(t, []string{"preview", "--addr", "127.0.0.1:0", "--public-addr", "127.0.0.1:0"},
		func(line string) bool {
			if m := servingURL.FindStringSubmatch(line); m != nil {
				urls[m[1]] = m[2]
			}
			return len(urls) == 2
		})
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		waitExit(t, wait)
	}()
	for _, page := range []string{"/archive", "/archive.atom"} {
		resp, err := http.Get(urls["public"] + page)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		// Each edition's link ends in its id; No. 1's id begins No. 2's.
		links := func(id string) bool { return regexp.MustCompile(`/` + id + `["<]`).Match(body) }
		if resp.StatusCode != http.StatusOK || !links(two) || links(one) {
			t.Errorf("%s: %d; want No. 2 (%s) and not No. 1 (%s):\n%s", page, resp.StatusCode, two, one, body)
		}
	}
	resp, err := http.Get(urls["public"] + "/archive/" + one)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("No. 1's web copy: %d, want 404", resp.StatusCode)
	}
}
