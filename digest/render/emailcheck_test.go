package render

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
)

// npmDir is where .ci/run installs the email checkers (caniemail and
// html-validate from the npm registry): $DIGEST_NPM_DIR, or the cache.
func npmDir() string {
	if d := os.Getenv("DIGEST_NPM_DIR"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "digest", "npm")
}

// allowedCanIEmail are the caniemail errors a hand-built 600 px table
// email shows too, each for a reason:
//   - display:none hides the preheader; Gmail's mobile webmail shows it,
//     which is harmless (it previews the items' titles);
//   - role="none" on layout tables, for screen readers; Windows Mail
//     ignores it;
//   - <body>, which Yahoo and Outlook for Mac drop (so it carries no
//     style); caniemail also reports <tbody> under this name, and
//     html-validate wants both.
var allowedCanIEmail = map[string]func(line string) bool{
	"display:none":   func(line string) bool { return strings.HasPrefix(line, "<div style=\"display:none") },
	"role attribute": func(line string) bool { return strings.HasPrefix(line, "<table role=\"none\"") },
	"<body> element": func(line string) bool {
		return line == "<body>" || strings.HasPrefix(line, "<tbody>")
	},
}

// The HTML email passes caniemail (Gmail, Outlook, Apple Mail, Yahoo)
// with only the errors above, and html-validate with none.
func TestEmailClientsAndValidity(t *testing.T) {
	node, err := exec.LookPath("node")
	dir := npmDir()
	if _, statErr := os.Stat(filepath.Join(dir, "node_modules", "caniemail")); err != nil || statErr != nil {
		t.Skipf("SKIPPED: needs node and the npm packages caniemail and html-validate in %s "+
			"(.ci/run installs them: npm install --prefix %s caniemail@2.0.2 html-validate@11)", dir, dir)
	}
	script, err := os.ReadFile(filepath.Join("testdata", "emailcheck.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	r := newRenderer(t)
	for _, tc := range []struct {
		name string
		ed   func() *digest.Edition
	}{{"fixture", fixtureEdition}, {"large", largeEdition}, {"large, clicks counted", countedLarge}} {
		name, ed := tc.name, tc.ed()
		ed.UnsubscribeURL = "https://digest.example.org/unsubscribe?s=1&t=abc"
		html, err := r.HTML(ed)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "email.html")
		os.WriteFile(file, html, 0o600)
		cmd := exec.Command(node, "--input-type=module", "-", file)
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(string(script))
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: emailcheck: %v\n%s", name, err, out)
		}
		var res struct {
			CanIEmail []struct {
				Client, Title string
				Line          int
			} `json:"caniemail"`
			HTMLValidate []struct {
				Rule, Message string
				Line          int
			} `json:"htmlvalidate"`
		}
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatalf("%s: %v: %s", name, err, out)
		}
		lines := strings.Split(string(html), "\n")
		for _, e := range res.CanIEmail {
			line := ""
			if e.Line > 0 && e.Line <= len(lines) {
				line = lines[e.Line-1]
			}
			if ok := allowedCanIEmail[e.Title]; ok == nil || !ok(line) {
				t.Errorf("%s: caniemail: %s in %s, line %d: %.80s", name, e.Title, e.Client, e.Line, line)
			}
		}
		for _, m := range res.HTMLValidate {
			t.Errorf("%s: html-validate %s, line %d: %s", name, m.Rule, m.Line, m.Message)
		}
		t.Logf("%s: %d caniemail errors, all of the allowed kinds; %d html-validate errors", name, len(res.CanIEmail), len(res.HTMLValidate))
	}
}
