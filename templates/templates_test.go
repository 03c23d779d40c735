package templates

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFSEmbedded(t *testing.T) {
	fsys, err := FS("")
	if err != nil {
		t.Fatalf("FS: %v", err)
	}
	for _, name := range []string{"email.html.tmpl", "email.txt.tmpl"} {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		if len(b) == 0 {
			t.Errorf("%s is empty", name)
		}
	}
}

func TestFSOverlay(t *testing.T) {
	dir := t.TempDir()
	const edited = "edited text template\n"
	writeFile(t, filepath.Join(dir, "email.txt.tmpl"), edited)
	writeFile(t, filepath.Join(dir, "extra.txt.tmpl"), "{{define \"extra\"}}x{{end}}")

	fsys, err := FS(dir)
	if err != nil {
		t.Fatalf("FS(%s): %v", dir, err)
	}
	embedded, err := FS("")
	if err != nil {
		t.Fatalf("FS: %v", err)
	}

	tests := []struct {
		name string
		want func() string
	}{
		{"email.txt.tmpl", func() string { return edited }},
		{"extra.txt.tmpl", func() string { return "{{define \"extra\"}}x{{end}}" }},
		{"email.html.tmpl", func() string { return mustRead(t, embedded, "email.html.tmpl") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustRead(t, fsys, tt.name); got != tt.want() {
				t.Errorf("read %s = %q, want %q", tt.name, got, tt.want())
			}
		})
	}

	matches, err := fs.Glob(fsys, "*.tmpl")
	if err != nil {
		t.Fatalf("glob: %v", err)
	}
	want := []string{"email.html.tmpl", "email.txt.tmpl", "extra.txt.tmpl", "notice.html.tmpl", "notice.txt.tmpl"}
	if !slices.Equal(matches, want) {
		t.Errorf("glob = %v, want %v", matches, want)
	}
	if err := fstest.TestFS(fsys, want...); err != nil {
		t.Errorf("overlay is not a consistent fs.FS: %v", err)
	}
	if _, err := fsys.Open("missing.tmpl"); err == nil {
		t.Error("open of a file neither side has succeeded")
	}
}

func TestFSBadDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	writeFile(t, file, "x")
	tests := []struct {
		name string
		dir  string
	}{
		{"missing", filepath.Join(t.TempDir(), "no-such-templates")},
		{"file", file},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FS(tt.dir)
			if err == nil {
				t.Fatalf("FS(%s) succeeded", tt.dir)
			}
			if !strings.Contains(err.Error(), tt.dir) {
				t.Errorf("error %q does not name %s", err, tt.dir)
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRead(t *testing.T, fsys fs.FS, name string) string {
	t.Helper()
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return string(b)
}

func TestFSEmbedsWebPages(t *testing.T) {
	fsys, err := FS("")
	if err != nil {
		t.Fatalf("FS: %v", err)
	}
	got, err := fs.Glob(fsys, "web/*.tmpl")
	if err != nil {
		t.Fatalf("glob: %v", err)
	}
	// Every page in the source folder is in the binary, and nothing else.
	want, err := filepath.Glob(filepath.Join("web", "*.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		want[i] = filepath.ToSlash(want[i])
	}
	if len(want) < 7 || !slices.Equal(got, want) {
		t.Errorf("web pages = %v, want %v", got, want)
	}
	// The email templates' patterns must not pick up the web pages.
	if root, _ := fs.Glob(fsys, "*.html.tmpl"); slices.ContainsFunc(root, func(n string) bool { return strings.HasPrefix(n, "web/") }) {
		t.Errorf("*.html.tmpl matches web pages: %v", root)
	}
}

func TestFSOverlayWebPage(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "web"), 0o755); err != nil {
		t.Fatal(err)
	}
	const edited = `{{define "content"}}edited{{end}}`
	writeFile(t, filepath.Join(dir, "web", "error.tmpl"), edited)
	fsys, err := FS(dir)
	if err != nil {
		t.Fatalf("FS(%s): %v", dir, err)
	}
	embedded, err := FS("")
	if err != nil {
		t.Fatal(err)
	}
	if got := mustRead(t, fsys, "web/error.tmpl"); got != edited {
		t.Errorf("web/error.tmpl = %q, want the edited copy", got)
	}
	if got, want := mustRead(t, fsys, "web/layout.tmpl"), mustRead(t, embedded, "web/layout.tmpl"); got != want {
		t.Error("web/layout.tmpl does not come from the binary")
	}
	all, err := fs.Glob(fsys, "web/*.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := fs.Glob(embedded, "web/*.tmpl")
	if len(all) != len(pages) || !slices.Contains(all, "web/error.tmpl") {
		t.Errorf("glob over the overlay = %v", all)
	}
}
