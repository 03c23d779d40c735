package main

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

var servingURL = regexp.MustCompile(`msg=serving face=(\w+) url=(\S+)`)

// digest preview wires both faces from the config: the editors' list
// answers on its own listener, a foreign Host is refused, and the public
// face serves the archive and refuses a forged unsubscribe link.
func TestPreviewServesBothFaces(t *testing.T) {
	r := newNewsroom(t, 1, 0)
	urls := map[string]string{}
	cmd, wait := r.startUntil(t, []string{"preview", "--addr", "127.0.0.1:0", "--public-addr", "127.0.0.1:0"},
		func(line string) bool {
			if m := servingURL.FindStringSubmatch(line); m != nil {
				urls[m[1]] = m[2]
			}
			return len(urls) == 2
		})
	get := func(url, host string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", url, nil)
		if host != "" {
			req.Host = host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no Content-Security-Policy", url)
		}
		return resp.StatusCode, string(body)
	}
	if code, body := get(urls["editors"]+"/", ""); code != 200 || !strings.Contains(body, "manual") {
		t.Errorf("editors' list: %d", code)
	}
	if code, _ := get(urls["editors"]+"/", "rebind.example.com"); code != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host: %d, want 421", code)
	}
	if code, _ := get(urls["public"]+"/archive", ""); code != 200 {
		t.Errorf("archive: %d", code)
	}
	if code, _ := get(urls["public"]+"/unsubscribe?s=1&t=forged", ""); code != http.StatusForbidden {
		t.Errorf("forged unsubscribe link: %d, want 403", code)
	}
	// A sign-up is answered at once; the process sends its confirmation
	// on its own, through the relay.
	resp, err := http.Post(urls["public"]+"/api/subscribe", "application/json", strings.NewReader(`{"email":"new@example.org"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Errorf("sign-up: %d, want 202", resp.StatusCode)
	}
	for deadline := time.Now().Add(30 * time.Second); r.copies()["new@example.org"] == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("digest preview never sent the confirmation")
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	waitExit(t, wait)
}
