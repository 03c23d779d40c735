package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/digest-newsletter/digest/digest/text"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/digest-newsletter/digest/config"
	"github.com/digest-newsletter/digest/digest/clean"
	"github.com/digest-newsletter/digest/digest/ingest"
	"github.com/digest-newsletter/digest/digest/pipeline"
)

// runClean shows what a build makes of each file, for someone asking why
// a dropped file got the title or lost the line it did: the file goes
// through the drop-file path (pipeline.ExplainFile) with the config's
// theme, exactly as in a build.
func runClean(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("clean", env)
	cfgPath := fs.String("config", "", "config `file` whose theme and size limit apply (default: the embedded config/digest.yaml)")
	verbose := fs.Bool("v", false, "also list every line dropped from the body, with the reason")
	asJSON := fs.Bool("json", false, "print one JSON object per file (title, date, authors, publication, body, dropped)")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: digest clean [-v] [--json] FILE|DIR…", errUsage)
	}
	cfg, err := config.Load(*cfgPath)
	if err != nil {
		return err
	}
	files, err := articleFiles(paths)
	if err != nil {
		return err
	}
	opts := clean.Options{Theme: cfg.DigestTheme()}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("clean: %w", err)
		}
		e, err := pipeline.ExplainFile(f, cfg.Limits.MaxArticleBytes, opts)
		if err != nil {
			failed++
		}
		report := newCleanReport(f, e, err)
		if *asJSON {
			if err := enc.Encode(report); err != nil {
				return fmt.Errorf("clean: write json: %w", err)
			}
			continue
		}
		if i > 0 {
			fmt.Fprintln(env.Stdout)
		}
		report.write(env.Stdout, *verbose)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files left nothing to read or could not be read", failed, len(files))
	}
	return nil
}

// articleFiles expands folders into the article files a drop folder
// would read from them, in path order; files named outright are taken
// whatever their extension.
func articleFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("clean: %w", err)
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if q != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && ingest.IsArticleFile(q) {
				files = append(files, q)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("clean: %w", err)
		}
	}
	return files, nil
}

// cleanReport is what `digest clean` says of one file; its JSON form is
// the --json output.
type cleanReport struct {
	File        string        `json:"file"`
	Title       string        `json:"title"`
	Date        string        `json:"date"`
	Authors     []string      `json:"authors"`
	Publication string        `json:"publication"`
	Body        string        `json:"body"`
	Dropped     []droppedLine `json:"dropped"`
	Warnings    []string      `json:"warnings,omitempty"`
	Error       string        `json:"error,omitempty"`
}

type droppedLine struct {
	Line   string `json:"line"`
	Reason string `json:"reason"`
}

func newCleanReport(file string, e pipeline.Explained, err error) cleanReport {
	r := cleanReport{File: file, Authors: []string{}, Dropped: []droppedLine{}, Warnings: e.Warnings}
	if err != nil {
		r.Error = err.Error()
	}
	if a := e.Article; a != nil {
		r.Title, r.Date, r.Publication, r.Body = a.Title, a.Date(), a.Publication, a.Body()
		r.Authors = append(r.Authors, a.Authors...)
	}
	for _, d := range e.Dropped {
		r.Dropped = append(r.Dropped, droppedLine{Line: d.Text, Reason: d.Reason})
	}
	return r
}

// write prints the report for people: the metadata, the body as it
// would be summarized, and with verbose every dropped line.
func (r cleanReport) write(w io.Writer, verbose bool) {
	fmt.Fprintf(w, "== %s\n", r.File)
	if r.Error != "" {
		fmt.Fprintf(w, "error:       %s\n", r.Error)
	}
	field := func(name, value string) {
		if value == "" {
			value = "(none)"
		}
		fmt.Fprintf(w, "%-12s %s\n", name+":", value)
	}
	field("title", r.Title)
	field("date", r.Date)
	field("authors", strings.Join(r.Authors, "; "))
	field("publication", r.Publication)
	for _, warn := range r.Warnings {
		field("warning", warn)
	}
	if r.Body != "" {
		fmt.Fprintf(w, "\n%s\n", r.Body)
	}
	if !verbose {
		if n := len(r.Dropped); n > 0 {
			fmt.Fprintf(w, "\n(%s dropped from the body; -v lists them)\n", text.Plural(n, "line"))
		}
		return
	}
	fmt.Fprintf(w, "\ndropped (%d):\n", len(r.Dropped))
	for _, d := range r.Dropped {
		fmt.Fprintf(w, "  [%s] %s\n", d.Reason, d.Line)
	}
}
