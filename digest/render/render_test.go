package render

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// newRenderer builds a Renderer over the embedded templates.
func newRenderer(t *testing.T) *Renderer {
	t.Helper()
	fsys, err := templates.FS("")
	if err != nil {
		t.Fatalf("templates: %v", err)
	}
	r, err := New(fsys)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return r
}

func TestGolden(t *testing.T) {
	r := newRenderer(t)
	tests := []struct {
		file   string
		render func(*digest.Edition) ([]byte, error)
	}{
		{"email.html.golden", r.HTML},
		{"email.txt.golden", r.Text},
		{"edition.json.golden", JSON},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := tt.render(fixtureEdition())
			if err != nil {
				t.Fatalf("render: %v", err)
			}
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run with -update to create): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run with -update if the change is intended)\ngot:\n%s", path, got)
			}
		})
	}
}

func TestRenderNilEdition(t *testing.T) {
	r := newRenderer(t)
	if _, err := r.HTML(nil); err == nil {
		t.Error("HTML(nil) succeeded")
	}
	if _, err := r.Text(nil); err == nil {
		t.Error("Text(nil) succeeded")
	}
	if _, err := JSON(nil); err == nil {
		t.Error("JSON(nil) succeeded")
	}
}

// TestTemplateOverride checks that a template directory given by an
// editor wins over the embedded templates, file by file.
func TestTemplateOverride(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "email.txt.tmpl"), "EDITED {{.Title}}\n")
	fsys, err := templates.FS(dir)
	if err != nil {
		t.Fatalf("templates.FS(%s): %v", dir, err)
	}
	r, err := New(fsys)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	e := fixtureEdition()
	text, err := r.Text(e)
	if err != nil {
		t.Fatalf("Text: %v", err)
	}
	if want := "EDITED " + e.Title + "\n"; string(text) != want {
		t.Errorf("text = %q, want %q", text, want)
	}
	// The HTML template was not overridden and must be the embedded one.
	html, err := r.HTML(e)
	if err != nil {
		t.Fatalf("HTML: %v", err)
	}
	embedded, err := newRenderer(t).HTML(e)
	if err != nil {
		t.Fatalf("HTML: %v", err)
	}
	if !bytes.Equal(html, embedded) {
		t.Error("HTML changed although only the text template was overridden")
	}
}

func TestTemplateOverrideMissingDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "no-such-dir")
	_, err := templates.FS(dir)
	if err == nil {
		t.Fatalf("templates.FS(%s) succeeded", dir)
	}
	if !strings.Contains(err.Error(), dir) {
		t.Errorf("error %q does not name %s", err, dir)
	}
}

// TestFooterBlock checks that a partial defining "footer" replaces the
// default footer, which is how an unsubscribe link gets added.
func TestFooterBlock(t *testing.T) {
	for _, partial := range []string{"a-footer.html.tmpl", "footer.html.tmpl"} {
		t.Run(partial, func(t *testing.T) {
			fsys := embeddedMap(t)
			fsys[partial] = &fstest.MapFile{Data: []byte(
				`{{define "footer"}}<tr><td><a href="https://example.org/unsubscribe?t=1">Unsubscribe</a></td></tr>{{end}}`)}
			r, err := New(fsys)
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			out, err := r.HTML(fixtureEdition())
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			if !strings.Contains(string(out), `<a href="https://example.org/unsubscribe?t=1">Unsubscribe</a>`) {
				t.Error("redefined footer not rendered")
			}
			if strings.Contains(string(out), "You receive this digest because you subscribed.") {
				t.Error("default footer rendered despite being redefined")
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		src      string
		wantPart []string // substrings the error must contain
	}{
		{"html syntax", "email.html.tmpl", "<p>\n{{if .Title}}\n<p>", []string{"email.html.tmpl:", "unexpected EOF"}},
		{"html unknown func", "email.html.tmpl", "<p>\n{{.Title | shout}}</p>", []string{"email.html.tmpl:2", "shout"}},
		{"text unknown field", "email.txt.tmpl", "\n\n{{.Subtitle}}", []string{"email.txt.tmpl:3", "Subtitle"}},
		{"html unknown field", "email.html.tmpl", "<p>{{.Subtitle}}</p>", []string{"email.html.tmpl:1", "Subtitle"}},
		{"text partial", "broken.txt.tmpl", "ok\n{{end}}", []string{"broken.txt.tmpl:2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := embeddedMap(t)
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.src)}
			_, err := New(fsys)
			if err == nil {
				t.Fatal("New succeeded on a broken template")
			}
			for _, part := range tt.wantPart {
				if !strings.Contains(err.Error(), part) {
					t.Errorf("error %q does not contain %q", err, part)
				}
			}
		})
	}
}

func TestNewMissingEntry(t *testing.T) {
	for _, name := range []string{"email.html.tmpl", "email.txt.tmpl"} {
		t.Run(name, func(t *testing.T) {
			fsys := embeddedMap(t)
			delete(fsys, name)
			_, err := New(fsys)
			if err == nil {
				t.Fatalf("New succeeded without %s", name)
			}
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name %s", err, name)
			}
		})
	}
}

// TestConcurrentRender lets the race detector look at a Renderer shared
// between goroutines, as the scheduler and the preview server share one.
func TestConcurrentRender(t *testing.T) {
	r := newRenderer(t)
	want, err := r.HTML(fixtureEdition())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for range 8 {
		wg.Go(func() {
			got, err := r.HTML(fixtureEdition())
			if err != nil || !bytes.Equal(got, want) {
				errs <- "HTML differs under concurrent use"
			}
			if _, err := r.Text(fixtureEdition()); err != nil {
				errs <- "Text: " + err.Error()
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// embeddedMap copies the embedded templates into a MapFS a test can break.
func embeddedMap(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys, err := templates.FS("")
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for _, name := range []string{"email.html.tmpl", "email.txt.tmpl", "notice.html.tmpl", "notice.txt.tmpl"} {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	return m
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
