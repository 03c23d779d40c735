package web

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// editorRoutes lists every pattern the editors' face registers, read
// from the package's source: each mux.HandleFunc or mux.Handle call in
// NewEditor or in a method of *editor. A route added anywhere there is
// in the list without anyone remembering to add it to a test.
func editorRoutes(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || !(fn.Name.Name == "NewEditor" || receiverIs(fn, "editor")) {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) == 0 {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || (sel.Sel.Name != "HandleFunc" && sel.Sel.Name != "Handle") {
					return true
				}
				if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					p, _ := strconv.Unquote(lit.Value)
					out = append(out, p)
				}
				return true
			})
		}
	}
	slices.Sort(out)
	return out
}

func receiverIs(fn *ast.FuncDecl, typ string) bool {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return false
	}
	star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := star.X.(*ast.Ident)
	return ok && id.Name == typ
}

var wildcard = regexp.MustCompile(`\{[^}]*\}`)

// fill makes a request path of a pattern, with real values for its
// wildcards.
func fill(pattern string, values map[string]string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	path = wildcard.ReplaceAllStringFunc(path, func(w string) string { return values[strings.Trim(w, "{}.")] })
	return method, path
}

// Every route of the editors' face refuses a request without
// credentials, and every POST refuses a cross-site request, with or
// without credentials; a refused POST changes nothing.
func TestEveryEditorRouteRefuses(t *testing.T) {
	f := desktest.New(t)
	const token = "route-token-long-enough-x"
	authed := newEditor(t, f, func(o *EditorOptions) { o.Token = token })
	open := newEditor(t, f)
	sub := f.Subscribers[0]
	values := map[string]string{"id": f.EditionID, "ref": sub.PublicID, "n": "0", "$": ""}
	routes := editorRoutes(t)
	for _, want := range []string{"GET /subscribers", "POST /subscribers/{ref}/erase", "POST /subscribers/import/apply", "GET /editions/{id}"} {
		if !slices.Contains(routes, want) {
			t.Fatalf("the route list %q lacks %q: is the source reader broken?", routes, want)
		}
	}
	for _, pattern := range routes {
		method, path := fill(pattern, values)
		if method == "" {
			t.Errorf("route %q has no method: every route names its method", pattern)
			continue
		}
		t.Run(pattern, func(t *testing.T) {
			if path == "/static/style.css" {
				t.Skip("the style sheet is public")
			}
			rec := request{method: method, target: path}.do(t, authed, editorAddr)
			if rec.Code != http.StatusUnauthorized {
				t.Errorf("%s %s without credentials = %d, want 401", method, path, rec.Code)
			}
			if method != http.MethodPost {
				return
			}
			for name, h := range map[string]http.Handler{"with credentials": authed, "loopback": open} {
				rec := request{method: method, target: path, header: map[string]string{"Sec-Fetch-Site": "cross-site",
					"Authorization": "Bearer " + token}}.do(t, h, editorAddr)
				if rec.Code != http.StatusForbidden {
					t.Errorf("cross-site %s %s (%s) = %d, want 403", method, path, name, rec.Code)
				}
			}
		})
	}
	// Nothing the refused POSTs aimed at changed.
	got, err := f.Store.Subscriber(context.Background(), sub.Address)
	if err != nil || got.Status != sub.Status {
		t.Errorf("after refused requests the subscriber is %v, %v", got, err)
	}
	if s := view(t, f).Status; s != "draft" {
		t.Errorf("after refused requests the edition is %s", s)
	}
}
