package web

import (
	"context"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// The addresses the tests' listeners pretend to bind.
const (
	editorAddr = "127.0.0.1:8080"
	publicAddr = "127.0.0.1:8081"
)

// newEditor builds the editors' face over a real desk on a loopback
// address; opts may change the options first.
func newEditor(t *testing.T, f *desktest.Fixture, opts ...func(*EditorOptions)) http.Handler {
	t.Helper()
	o := EditorOptions{Addr: editorAddr}
	for _, opt := range opts {
		opt(&o)
	}
	h, err := NewEditor(f.Desk, o)
	if err != nil {
		t.Fatalf("NewEditor: %v", err)
	}
	return h
}

func newPublic(t *testing.T, f *desktest.Fixture) http.Handler {
	t.Helper()
	h, err := NewPublic(f.Desk, PublicOptions{Addr: publicAddr, PublicURL: desktest.PublicURL, Secret: f.Secret,
		Title: f.App.Config.Title, Brand: f.App.Config.DigestBrand()})
	if err != nil {
		t.Fatalf("NewPublic: %v", err)
	}
	return h
}

// request describes one request to a face. Host defaults to the face's
// own loopback address; a form body is sent form-encoded.
type request struct {
	method string
	target string
	host   string
	form   url.Values
	body   string // a raw body, when form is nil
	header map[string]string
}

func (rq request) do(t *testing.T, h http.Handler, defaultHost string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, rq.build(t, defaultHost))
	return rec
}

// build makes the request, for tests that change it before serving.
func (rq request) build(t testing.TB, defaultHost string) *http.Request {
	t.Helper()
	var body io.Reader
	if rq.form != nil {
		body = strings.NewReader(rq.form.Encode())
	} else if rq.body != "" {
		body = strings.NewReader(rq.body)
	}
	method := rq.method
	if method == "" {
		method = http.MethodGet
	}
	req := httptest.NewRequest(method, rq.target, body)
	req.Host = defaultHost
	if rq.host != "" {
		req.Host = rq.host
	}
	if rq.form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range rq.header {
		req.Header.Set(k, v)
	}
	return req
}

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	return request{target: target}.do(t, h, editorAddr)
}

// post sends a same-origin form, as a browser on the edition page does.
func post(t *testing.T, h http.Handler, target string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	return request{method: http.MethodPost, target: target, form: form,
		header: map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://" + editorAddr}}.do(t, h, editorAddr)
}

// view loads the edition as the desk has it now.
func view(t *testing.T, f *desktest.Fixture) *desk.View {
	t.Helper()
	v, err := f.Desk.View(context.Background(), f.EditionID)
	if err != nil {
		t.Fatalf("view %s: %v", f.EditionID, err)
	}
	return v
}

// inSection returns an article the build placed in a section, and
// another one in a different position, so tests act on real articles.
func inSection(t *testing.T, v *desk.View) desk.Item {
	t.Helper()
	for _, it := range v.Items {
		if it.Section != "" {
			return it
		}
	}
	t.Fatalf("edition %s has no article in a section", v.ID)
	return desk.Item{}
}

// send approves and sends the fixture's edition, so it is locked and in
// the archive.
func send(t *testing.T, f *desktest.Fixture) {
	t.Helper()
	ctx := context.Background()
	if err := f.Desk.Approve(ctx, f.EditionID); err != nil {
		t.Fatalf("approve: %v", err)
	}
	if _, err := f.Desk.Send(ctx, f.EditionID, nil); err != nil {
		t.Fatalf("send: %v", err)
	}
	if s := view(t, f).Status; s != "sent" {
		t.Fatalf("status after send = %q, want sent", s)
	}
}

func mustContain(t *testing.T, body, want string) {
	t.Helper()
	if !strings.Contains(body, want) {
		t.Errorf("body does not contain %q", want)
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

// desktestDesk is a real desk for tests that need no fixture beyond it.
func desktestDesk(t *testing.T) *desk.Desk {
	t.Helper()
	return desktest.New(t).Desk
}

// relay stands between the desk and its outbox transport, counting the
// messages it is given and refusing them while down is set, as a relay
// that is down or refusing does.
type relay struct {
	mu    sync.Mutex
	sends int
	down  error
}

// intercept puts a relay in front of the fixture's transport.
func intercept(f *desktest.Fixture) *relay {
	r := &relay{}
	open := f.Desk.OpenTransport
	f.Desk.OpenTransport = func(ctx context.Context) (digest.Transport, error) {
		tr, err := open(ctx)
		return &relayed{Transport: tr, r: r}, err
	}
	return r
}

func (r *relay) set(down error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.down = down
}

func (r *relay) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sends
}

type relayed struct {
	digest.Transport
	r *relay
}

func (t *relayed) Send(ctx context.Context, msg *digest.Message) error {
	t.r.mu.Lock()
	t.r.sends++
	down := t.r.down
	t.r.mu.Unlock()
	if down != nil {
		return down
	}
	return t.Transport.Send(ctx, msg)
}
