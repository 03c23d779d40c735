package pipeline

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/clean"
)

// dropFiles are made-up files of each kind a drop folder takes.
var dropFiles = map[string]string{
	"plain.txt": "Harbour Ferry Returns After Winter\n\nBy Ann Example\n\n" +
		"The ferry across the harbour resumed its timetable on Monday after the winter pause, the operator said.\n\n" +
		"Passengers queued from early morning, and the first crossing left on time with every seat taken.\n",
	"notes.md": "# Orchard Trial Expands\n\n*Published 3 May 2024*\n\n" +
		"The orchard trial now covers twelve farms, double the number that joined in its first season.\n\n" +
		"Growers said the new rootstock had survived a hard frost that damaged older trees nearby.\n",
	"page.html": `<html><head><title>Library Opens Late</title></head><body><article><h1>Library Opens Late</h1>` +
		`<p>The central library will stay open until ten in the evening from next month, the council announced on Tuesday.</p>` +
		`<p>Students had asked for longer hours during the examination season, and a trial last spring drew large numbers.</p>` +
		`</article></body></html>`,
}

// TestCleanBytesIsGather: CleanBytes and CleanFile make from a file's
// bytes the article a build makes from the same file in a drop folder.
func TestCleanBytesIsGather(t *testing.T) {
	dir := t.TempDir()
	for name, text := range dropFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src := FSSource{Label: dir, FS: os.DirFS(dir), Dir: dir, Origin: digest.OriginFile, MaxBytes: 1 << 20}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	arts, problems := Gather(context.Background(), []Source{src}, digest.Theme{}, log)
	if len(problems) > 0 || len(arts) != len(dropFiles) {
		t.Fatalf("gathered %d articles, problems %v", len(arts), problems)
	}
	for _, want := range arts {
		name := want.Source
		t.Run(filepath.Base(name), func(t *testing.T) {
			got, err := CleanBytes(name, []byte(dropFiles[filepath.Base(name)]), clean.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("CleanBytes = %+v\nGather = %+v", got, want)
			}
			got, _, err = CleanFile(name, 1<<20, clean.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("CleanFile = %+v\nGather = %+v", got, want)
			}
		})
	}
}
