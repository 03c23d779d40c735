// Package render turns an edition into the three forms it is sent and kept
// in: an HTML email, its plain-text part, and JSON. All three read the same
// digest.Edition, so they never disagree about what an edition holds.
package render

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"io"
	"io/fs"
	"slices"
	texttemplate "text/template"

	"github.com/digest-newsletter/digest/digest"
)

// The entry templates. Other files matching the same patterns are parsed
// along with them, so a template may be split into partials.
const (
	htmlEntry   = "email.html.tmpl"
	textEntry   = "email.txt.tmpl"
	htmlPattern = "*.html.tmpl"
	textPattern = "*.txt.tmpl"
)

// Renderer holds parsed templates. It is safe for concurrent use.
type Renderer struct {
	html *htmltemplate.Template
	text *texttemplate.Template
}

// New parses the templates in fsys once, at start, so a broken template
// stops the program before an edition is built rather than when it is due
// to be sent. Errors name the template file and line.
func New(fsys fs.FS) (*Renderer, error) {
	html := htmltemplate.New(htmlEntry).Funcs(funcs())
	err := parseEach(fsys, htmlEntry, htmlPattern, func(name, src string) error {
		t := html
		if name != html.Name() {
			t = html.New(name)
		}
		_, err := t.Parse(src)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("parse html templates: %w", err)
	}
	text := texttemplate.New(textEntry).Funcs(funcs())
	err = parseEach(fsys, textEntry, textPattern, func(name, src string) error {
		t := text
		if name != text.Name() {
			t = text.New(name)
		}
		_, err := t.Parse(src)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("parse text templates: %w", err)
	}
	r := &Renderer{html: html, text: text}
	// html/template escapes a template the first time it runs, and some
	// mistakes (an unknown field, an ambiguous URL context) only show up
	// then. Running once on an empty edition brings them forward to here.
	if err := r.html.ExecuteTemplate(io.Discard, htmlEntry, &digest.Edition{}); err != nil {
		return nil, fmt.Errorf("check html templates: %w", err)
	}
	if err := r.text.ExecuteTemplate(io.Discard, textEntry, &digest.Edition{}); err != nil {
		return nil, fmt.Errorf("check text templates: %w", err)
	}
	if _, _, err := r.Notice(Notice{ActionURL: "https://example.org/", After: []string{""}, PostalAddress: "-"}); err != nil {
		return nil, fmt.Errorf("check notice templates: %w", err)
	}
	return r, nil
}

// HTML renders the edition as the HTML body of an email.
func (r *Renderer) HTML(e *digest.Edition) ([]byte, error) {
	if e == nil {
		return nil, fmt.Errorf("render html: no edition")
	}
	var buf bytes.Buffer
	if err := r.html.ExecuteTemplate(&buf, htmlEntry, e); err != nil {
		return nil, fmt.Errorf("render html: %w", err)
	}
	return buf.Bytes(), nil
}

// Text renders the edition as the plain-text part of an email.
func (r *Renderer) Text(e *digest.Edition) ([]byte, error) {
	if e == nil {
		return nil, fmt.Errorf("render text: no edition")
	}
	var buf bytes.Buffer
	if err := r.text.ExecuteTemplate(&buf, textEntry, e); err != nil {
		return nil, fmt.Errorf("render text: %w", err)
	}
	return buf.Bytes(), nil
}

// parseEach hands parse the entry template first and then every other file
// matching pattern, in name order. Going first matters: a partial that
// defines "footer" then replaces the entry's default {{block "footer"}},
// whatever the partial is called.
func parseEach(fsys fs.FS, entry, pattern string, parse func(name, src string) error) error {
	names, err := fs.Glob(fsys, pattern)
	if err != nil {
		return fmt.Errorf("list %s: %w", pattern, err)
	}
	names = slices.DeleteFunc(names, func(n string) bool { return n == entry })
	for _, name := range append([]string{entry}, names...) {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("read template %s: %w", name, err)
		}
		if err := parse(name, string(src)); err != nil {
			return err
		}
	}
	return nil
}
