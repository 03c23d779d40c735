package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// Help is asked for in every way a person tries, and a typo gets a
// suggestion; none of these touches state, so none needs a data dir.
func TestHelpAndSuggestions(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		code    int
		out     string // in stdout
		errText string // in stderr
	}{
		{[]string{"subscribers", "-h"}, 0, "import", ""},
		{[]string{"subscribers", "--help"}, 0, "export", ""},
		{[]string{"subscribers", "help"}, 0, "remove", ""},
		{[]string{"eval", "-h"}, 0, "extraction", ""},
		{[]string{"help", "subscribers"}, 0, "Verbs:", ""},
		{[]string{"help", "build"}, 0, "-data-dir", ""},
		{[]string{"help"}, 0, "Commands:", ""},
		{[]string{"build", "-h"}, 0, "", "-data-dir"},
		{[]string{"version", "-h"}, 0, "Usage: digest version", ""},
		{[]string{"statu"}, 2, "", `unknown command "statu" (did you mean "status"?)`},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"subscribers", "lsit"}, 2, "", `(did you mean "list"?)`},
		{[]string{"eval", "sumaries"}, 2, "", `(did you mean "summaries"?)`},
		{[]string{"help", "biuld"}, 2, "", `(did you mean "build"?)`},
		{[]string{"help", "help"}, 0, "Usage: digest help [COMMAND]", ""},
		{[]string{"serve"}, 2, "", `unknown command "serve" (did you mean "preview"?)`},
		{[]string{"help", "--help"}, 0, "Usage: digest help [COMMAND]", ""},
		{[]string{"help", "send"}, 0, "Usage: digest send [EDITION] [flags]\n\nSend an edition to every active subscriber", ""},
		{[]string{"approve", "-h"}, 0, "", "Usage: digest approve EDITION [flags]"},
		{[]string{"send", "--confg", "x"}, 2, "", "no flag --confg (did you mean --config?)"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errs := run(t, tc.args...)
			if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errs, tc.errText) {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errs)
			}
			if tc.code == 0 && strings.Contains(errs, "unknown") {
				t.Errorf("help called unknown: %s", errs)
			}
		})
	}
	if _, _, errs := run(t, "frobnicate"); strings.Contains(errs, "did you mean") {
		t.Errorf("a far-off name got a suggestion: %s", errs)
	}
	// A wrong flag is said once, not followed by the flag package's own
	// message and the whole usage.
	if _, _, errs := run(t, "send", "--bogus"); strings.Count(errs, "bogus") != 1 || strings.Contains(errs, "Flags:") {
		t.Errorf("a wrong flag said more than once:\n%s", errs)
	}
}

func TestVersionText(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings []debug.BuildSetting
		want     []string
	}{
		{"stamped", []debug.BuildSetting{{Key: "vcs.revision", Value: "abc123"}, {Key: "vcs.modified", Value: "true"}, {Key: "vcs.time", Value: "2026-12-07T00:00:00Z"}},
			[]string{"v1.2.3", "revision: abc123", "uncommitted", "committed 2026-12-07"}},
		{"unstamped", nil, []string{"v1.2.3", "not stamped"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info := &debug.BuildInfo{GoVersion: "go1.26", Settings: tc.settings}
			info.Main.Path, info.Main.Version = "github.com/digest-newsletter/digest", "v1.2.3"
			got := versionText(info)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q does not contain %q", got, w)
				}
			}
		})
	}
}

// A binary built with -buildvcs=true from the checkout names its commit.
func TestVersionStampedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	// The go command stamps only when .git is a directory: a linked
	// worktree (.git is a file) builds unstamped even with -buildvcs=true.
	if fi, err := os.Stat(filepath.Join(root, ".git")); err != nil || !fi.IsDir() {
		t.Skip("not a plain git checkout (no .git folder), so go build cannot stamp it")
	}
	bin := filepath.Join(t.TempDir(), "digest")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".")
	build.Dir = root
	build.Env = append(os.Environ(), "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("digest version: %v\n%s", err, out)
	}
	head, _ := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output()
	if !strings.Contains(string(out), strings.TrimSpace(string(head))) {
		t.Errorf("version %q does not name HEAD %s", out, head)
	}
}
