package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/testkit/smtptest"
)

// approvedConfig requires approval and lays a templates folder (empty:
// the embedded templates) over the defaults.
const approvedConfig = `schedule:
  require_approval: true
templates: tpl
subscribers: []
`

// What is sent is exactly what was approved: after approval, a change to
// the templates folder, to the config's mail.from, or a binary built
// with other embedded templates changes nothing in the message a
// subscriber receives. Each case sends from its own copy of one approved
// data dir, so they share the edition, the subscriber, the unsubscribe
// key and hence every byte but the Date header; the untouched copy is
// the reference. A build after the same changes does show them, so the
// changes are real.
func TestSentIsWhatWasApproved(t *testing.T) {
	base := t.TempDir()
	data := filepath.Join(base, "data")
	cfg := filepath.Join(base, "digest.yaml")
	os.MkdirAll(filepath.Join(data, "tpl"), 0o755)
	os.WriteFile(cfg, []byte(approvedConfig), 0o644)
	digestIn(t, binary, cfg, data, "subscribers", "add", "Ada Lovelace <ada@example.net>")
	out := digestIn(t, binary, cfg, data, "build")
	id := regexp.MustCompile(`edition (\S+):`).FindStringSubmatch(out)
	if id == nil {
		t.Fatalf("no edition id in:\n%s", out)
	}
	digestIn(t, binary, cfg, data, "approve", id[1])

	html := readTemplate(t, "email.html.tmpl")
	body := strings.Index(html, "<body")
	body += strings.Index(html[body:], ">") + 1
	tampered := []byte(html[:body] + "<p>TAMPERED</p>" + html[body:])
	rebuilt := buildWithTemplate(t, "email.html.tmpl", tampered)
	cases := []struct {
		name   string
		change func(t *testing.T, cfg, data string)
		binary func() string
	}{
		{"untouched", func(*testing.T, string, string) {}, func() string { return binary }},
		{"templates folder changed", func(t *testing.T, _, data string) {
			os.WriteFile(filepath.Join(data, "tpl", "email.html.tmpl"), tampered, 0o644)
			os.WriteFile(filepath.Join(data, "tpl", "email.txt.tmpl"),
				[]byte("TAMPERED\n"+readTemplate(t, "email.txt.tmpl")), 0o644)
		}, func() string { return binary }},
		{"mail.from changed", func(t *testing.T, cfg, _ string) {
			appendFile(t, cfg, "mail:\n  from: \"Tampered <tampered@example.com>\"\n  list_id: \"tampered.example.com\"\n")
		}, func() string { return binary }},
		{"binary rebuilt with other templates", func(*testing.T, string, string) {}, func() string { return rebuilt }},
	}
	var reference []byte
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			copyDir(t, base, dir)
			cfg, data := filepath.Join(dir, "digest.yaml"), filepath.Join(dir, "data")
			c.change(t, cfg, data)
			if c.name != "untouched" && c.name != "mail.from changed" {
				// The change does reach an edition built after it.
				out := digestIn(t, c.binary(), cfg, data, "build")
				html, err := os.ReadFile(regexp.MustCompile(`wrote (\S+digest\.html)`).FindStringSubmatch(out)[1])
				if err != nil || !bytes.Contains(html, []byte("TAMPERED")) {
					t.Fatalf("a new build does not show the changed templates (%v): the case proves nothing", err)
				}
			}
			server := smtptest.NewServer(t, smtptest.Options{})
			send := exec.Command(c.binary(), "send", id[1], "--config", cfg, "--data-dir", data)
			send.Env = append(os.Environ(), "DIGEST_SMTP_ADDR="+server.Addr, "DIGEST_SMTP_TLS=off")
			if out, err := send.CombinedOutput(); err != nil {
				t.Fatalf("digest send: %v\n%s", err, out)
			}
			msgs := server.Messages()
			if len(msgs) != 1 {
				t.Fatalf("%d messages received, want 1", len(msgs))
			}
			got := withoutDate(msgs[0].Data)
			if bytes.Contains(got, []byte("TAMPERED")) || bytes.Contains(got, []byte("tampered@")) {
				t.Fatalf("the message carries a change made after approval")
			}
			if reference == nil {
				reference = got
				return
			}
			if !bytes.Equal(got, reference) {
				t.Fatalf("received bytes differ from the approved edition's:\n%s", firstDifference(reference, got))
			}

		})
	}
	if reference == nil {
		t.Fatal("no reference message")
	}
}

// digestIn runs a digest binary on a config and data dir.
func digestIn(t *testing.T, bin, cfg, data string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, append(args, "--config", cfg, "--data-dir", data)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("digest %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func readTemplate(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("templates", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// buildWithTemplate builds the binary from a copy of this module whose
// embedded template name holds content instead.
func buildWithTemplate(t *testing.T, name string, content []byte) string {
	t.Helper()
	src := t.TempDir()
	files, err := exec.Command("git", "ls-files", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Skipf("SKIPPED: git ls-files: %v (the rebuilt-binary case needs the source tree)", err)
	}
	for _, f := range strings.Split(strings.TrimSpace(string(files)), "\n") {
		b, err := os.ReadFile(f)
		if err != nil {
			continue // listed but deleted in the work tree
		}
		os.MkdirAll(filepath.Join(src, filepath.Dir(f)), 0o755)
		os.WriteFile(filepath.Join(src, f), b, 0o644)
	}
	os.WriteFile(filepath.Join(src, "templates", name), content, 0o644)
	bin := filepath.Join(t.TempDir(), "digest-rebuilt")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = src
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build with another %s: %v\n%s", name, err, out)
	}
	return bin
}

// copyDir copies a folder tree; the store is closed, so its files are
// consistent.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// withoutDate drops what belongs to the sending and not to the edition:
// the Date header, and the MIME boundary, drawn at random for each run.
func withoutDate(msg []byte) []byte {
	msg = regexp.MustCompile(`(?m)^Date: [^\r\n]*\r\n`).ReplaceAll(msg, nil)
	if m := regexp.MustCompile(`boundary=([0-9a-f]+)`).FindSubmatch(msg); m != nil {
		msg = bytes.ReplaceAll(msg, m[1], []byte("BOUNDARY"))
	}
	return msg
}

func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return "approved: …" + string(a[lo:min(len(a), i+200)]) + "\n\nreceived: …" + string(b[lo:min(len(b), i+200)])
}
