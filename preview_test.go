package main

import (
	"bufio"
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
	cmd := r.command("preview", "--addr", "127.0.0.1:0", "--public-addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	urls := map[string]string{}
	found, drained := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(drained)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := servingURL.FindStringSubmatch(sc.Text()); m != nil {
				urls[m[1]] = m[2]
				if len(urls) == 2 {
					close(found)
				}
			}
		}
	}()
	select {
	case <-found:
	case <-time.After(30 * time.Second):
		t.Fatal("preview did not start both faces")
	}
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
	cmd.Process.Signal(syscall.SIGTERM)
	waitExit(t, func() error {
		<-drained // read stderr to its end before Wait, as os/exec asks
		return cmd.Wait()
	})
}
