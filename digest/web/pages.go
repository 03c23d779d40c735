package web

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/templates"
)

// layoutFile holds the page skeleton: it defines "layout", which calls the
// "content" that each page file defines.
const layoutFile = "web/layout.tmpl"

// Which navigation the layout shows.
const (
	faceEditors = "editors"
	facePublic  = "public"
)

// layout is what every page hands the skeleton.
type layout struct {
	Face  string
	Title string
	// Root leads back to the face's root from the page's URL, so every
	// link is relative and the faces work behind a proxy that adds or
	// strips a path prefix.
	Root  string
	Flash *flash
	// List is the newsletter's name for the public face's title and
	// navigation, set by pages.render; "" on the editors' face.
	List string
	// Refresh reloads the page every so many seconds while something
	// runs (a send), so progress shows without JavaScript; 0 for none.
	Refresh int
}

// setList is how pages.render names the list on every public page
// without each handler repeating it.
func (l *layout) setList(name string) { l.List = name }

// errorPage explains a failure in words; it is rendered with the status.
type errorPage struct {
	layout
	Heading string
	Message string
	Back    string
}

// pages are the parsed page templates of one face, each parsed together
// with the layout so that every page can define its own "content".
type pages struct {
	byName map[string]*template.Template
	log    *slog.Logger
	// list is the newsletter's name, for layout.List.
	list string
}

// parsePages parses the layout and each named page once, at start, and
// runs each page on the sample given for it: html/template finds some
// mistakes (an unknown field, an ambiguous context) only when it first
// runs, and a broken template should stop the program, not an editor.
func parsePages(fsys fs.FS, log *slog.Logger, samples map[string]any) (*pages, error) {
	if fsys == nil {
		var err error
		if fsys, err = templates.FS(""); err != nil {
			return nil, err
		}
	}
	src, err := fs.ReadFile(fsys, layoutFile)
	if err != nil {
		return nil, fmt.Errorf("read template %s: %w", layoutFile, err)
	}
	base, err := template.New(layoutFile).Funcs(funcs()).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("parse template: %w", err)
	}
	if base, err = parsePartials(fsys, base); err != nil {
		return nil, err
	}
	p := &pages{byName: make(map[string]*template.Template), log: log}
	for name, sample := range samples {
		file := "web/" + name + ".tmpl"
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("read template %s: %w", file, err)
		}
		t, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", file, err)
		}
		if _, err := t.New(file).Parse(string(src)); err != nil {
			return nil, fmt.Errorf("parse template: %w", err)
		}
		if err := t.ExecuteTemplate(io.Discard, "layout", sample); err != nil {
			return nil, fmt.Errorf("check template %s: %w", file, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// render writes a whole page or, if the template fails, a plain 500: the
// page is rendered into a buffer first so a failure never leaves half a
// page behind a 200.
func (p *pages) render(w http.ResponseWriter, status int, name string, data any) {
	t, ok := p.byName[name]
	if !ok {
		p.log.Error("render page", "page", name, "error", "no such page")
		plain(w, http.StatusInternalServerError, "internal error")
		return
	}
	if l, ok := data.(interface{ setList(string) }); ok && p.list != "" {
		l.setList(p.list)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		p.log.Error("render page", "page", name, "error", err)
		plain(w, http.StatusInternalServerError, "internal error")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// rootOf is the relative path from the page at r back to the face's root:
// "./" for a page at the root, "../" for one a level down, and so on.
func rootOf(r *http.Request) string {
	depth := strings.Count(r.URL.Path, "/") - 1
	if depth <= 0 {
		return "./"
	}
	return strings.Repeat("../", depth)
}

// seeOther ends a POST with a redirect to a page of the face, so that a
// reload does not repeat the action (post/redirect/get). The Location is
// relative for the same reason the links are.
func seeOther(w http.ResponseWriter, r *http.Request, path string) {
	w.Header().Set("Location", rootOf(r)+path)
	w.WriteHeader(http.StatusSeeOther)
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"pathEscape": url.PathEscape,
		"printable":  digest.Printable,
		"date":       func(t time.Time) string { return formatTime(t, time.DateOnly) },
		"when":       func(t time.Time) string { return formatTime(t, "2006-01-02 15:04 MST") },
		"counts":     deliveryCounts,
		"inc":        func(n int) int { return n + 1 },
		"sections":   func(key string) string { return strings.Join(digest.SectionsFromKey(key), ", ") },
	}
}

func formatTime(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(layout)
}

// count is one delivery state and how many deliveries are in it.
type count struct {
	State digest.DeliveryStatus
	N     int
}

// deliveryCounts lists the non-zero counts in the order deliveries move
// through, so a glance reads from "to do" to "done" to "went wrong";
// states the desk may add later follow in name order.
func deliveryCounts(m digest.DeliveryCounts) []count {
	deliveryOrder := digest.DeliveryStatuses()
	var out []count
	for state, n := range m {
		if n != 0 {
			out = append(out, count{State: state, N: n})
		}
	}
	rank := func(s digest.DeliveryStatus) int {
		if i := slices.Index(deliveryOrder, s); i >= 0 {
			return i
		}
		return len(deliveryOrder)
	}
	slices.SortFunc(out, func(a, b count) int {
		return cmp.Or(cmp.Compare(rank(a.State), rank(b.State)), strings.Compare(string(a.State), string(b.State)))
	})
	return out
}
