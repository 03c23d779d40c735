package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeSection returns the indented code lines of a README section, in
// order, as one shell script.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	f, err := os.Open("README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var script strings.Builder
	in, code := false, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			in = line == "## "+heading
			continue
		}
		switch {
		case in && strings.HasPrefix(line, "    "):
			script.WriteString(strings.TrimPrefix(line, "    ") + "\n")
			code = true
		case in && code && line == "":
			script.WriteString("\n") // a blank line inside a block, or after it
		default:
			code = false
		}
	}
	if script.Len() == 0 {
		t.Fatalf("README has no code in section %q", heading)
	}
	return script.String()
}

// The README's sequence works as written: the main command, then every
// command of "First steps", in a fresh folder, each succeeding, with "go
// run ." standing for the built binary.
func TestReadmeFirstStepsWorkAsWritten(t *testing.T) {
	dir := t.TempDir()
	main := readmeSection(t, "Two commands")
	first := strings.SplitN(main, "\n", 2)[0] // the main command; the other runs the tests
	script := "set -euo pipefail\n" + first + "\n" + readmeSection(t, "First steps")
	script = strings.ReplaceAll(script, "go run . ", binary+" ")
	cmd := exec.Command("bash", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DIGEST_SMTP_ADDR=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's first steps fail: %v\n%s\nscript:\n%s", err, out, script)
	}
	text := string(out)
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`Edition No\. 1, ".+" \(\S+\)`),
		regexp.MustCompile(`1 message written to digest-data/outbox, not mailed`),
		regexp.MustCompile(`edition \S+-manual: ".+No\. 2`),
	} {
		if !want.MatchString(text) {
			t.Errorf("output lacks %s:\n%s", want, text)
		}
	}
	if regexp.MustCompile(`\blate\b`).MatchString(text) {
		t.Errorf("a first run is called late:\n%s", text)
	}
	emls, _ := filepath.Glob(filepath.Join(dir, "digest-data", "outbox", "*.eml"))
	if len(emls) != 2 {
		t.Errorf("%d messages in the outbox after the run and the send, want 2", len(emls))
	}
}

// Commands that only look never create state: run where there is none,
// they make no data dir and say where they looked.
func TestReadOnlyCommandsCreateNothing(t *testing.T) {
	for _, args := range [][]string{{"status"}, {"subscribers", "list"}, {"subscribers", "export"},
		{"sources"}, {"deliveries", "20261207-0700-Asia-Tokyo"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(binary, args...)
			cmd.Dir = dir
			out, _ := cmd.CombinedOutput()
			if !strings.Contains(string(out), filepath.Join("digest-data", "digest.db")) {
				t.Errorf("digest %s does not say where it looked:\n%s", strings.Join(args, " "), out)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				t.Errorf("digest %s created %s:\n%s", strings.Join(args, " "), e.Name(), out)
			}
		})
	}
}
