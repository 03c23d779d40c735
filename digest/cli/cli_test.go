package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

// The README's main command: a build on the embedded defaults.
func TestBuildOnEmbeddedDefaults(t *testing.T) {
	data := t.TempDir()
	code, out, errs := run(t, "build", "--data-dir", data)
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	var jsonPath string
	for _, line := range strings.Split(out, "\n") {
		if p, ok := strings.CutPrefix(strings.TrimSpace(line), "wrote "); ok && strings.HasSuffix(p, "digest.json") {
			jsonPath = p
		}
	}
	if jsonPath == "" {
		t.Fatalf("output does not say where digest.json is:\n%s", out)
	}
	data2, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var ed digest.Edition
	if err := json.Unmarshal(data2, &ed); err != nil {
		t.Fatal(err)
	}
	if ed.ItemCount() != 5 {
		t.Errorf("the five seeds should all be on theme, got %d items; left out: %+v", ed.ItemCount(), ed.LeftOut)
	}
	for _, s := range ed.Sections {
		if !strings.Contains(out, s.Title) {
			t.Errorf("output does not list section %q", s.Title)
		}
	}
	if _, err := os.Stat(filepath.Join(data, "drop")); err != nil {
		t.Errorf("drop folder not created: %v", err)
	}
	if _, err := os.Stat(filepath.Join(data, "digest.db")); err != nil {
		t.Errorf("database not created: %v", err)
	}
}

func TestBuildWithBadConfig(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(cfg, []byte("title: X\nlimits:\n  items_per_section: -1\n"), 0o644)
	code, _, errs := run(t, "build", "--config", cfg, "--data-dir", t.TempDir())
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{"bad.yaml", "line 3", "limits.items_per_section"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr %q does not mention %q", errs, want)
		}
	}
}

func TestUsage(t *testing.T) {
	if code, out, _ := run(t); code != 0 || !strings.Contains(out, "build") {
		t.Errorf("no args: exit %d, %q", code, out)
	}
	if code, _, errs := run(t, "frobnicate"); code != 2 || !strings.Contains(errs, "frobnicate") {
		t.Errorf("unknown command: exit %d, %q", code, errs)
	}
	if code, _, errs := run(t, "build", "--nope"); code != 2 || !strings.Contains(errs, "nope") {
		t.Errorf("unknown flag: exit %d, %q", code, errs)
	}
	if code, _, errs := run(t, "build", "stray"); code != 2 || !strings.Contains(errs, "stray") {
		t.Errorf("stray argument: exit %d, %q", code, errs)
	}
}

func regexpMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }

// What a newcomer types works, or says what to do: flags before the
// command, a second build with nothing new, a status that does not exist.
func TestNewcomerMessages(t *testing.T) {
	data := t.TempDir()
	if code, out, errs := run(t, "--data-dir", data, "build"); code != 0 || !strings.Contains(out, "from 5 articles not yet sent") {
		t.Fatalf("flags before the command: exit %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := run(t, "--data-dir="+data, "-v", "send"); code != 0 {
		t.Fatalf("send after a build: exit %d\n%s", code, errs)
	}
	code, _, errs := run(t, "build", "--data-dir", data)
	if code == 0 || !strings.Contains(errs, "all in editions already sent") || !strings.Contains(errs, "drop folder") {
		t.Errorf("a build after everything was sent: exit %d\n%s", code, errs)
	}
	if code, _, errs := run(t, "subscribers", "list", "--status", "bogus", "--data-dir", data); code != 2 || !strings.Contains(errs, "active, pending, unsubscribed, bounced") {
		t.Errorf("list --status bogus: exit %d\n%s", code, errs)
	}
}
