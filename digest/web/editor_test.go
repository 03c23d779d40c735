package web

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"html"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

func TestEditorPages(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	v := view(t, f)
	item := inSection(t, v)
	base := "/editions/" + f.EditionID

	tests := []struct {
		target      string
		status      int
		contentType string
		want        []string
	}{
		{"/", 200, "text/html", []string{html.EscapeString(v.Title), `href="./editions/` + f.EditionID + `"`, ">draft<", "built on request"}},
		{base, 200, "text/html", []string{
			html.EscapeString(item.Title),
			`src="../editions/` + f.EditionID + `/email.html"`,
			`sandbox=""`, `width="640"`, `width="375"`,
			`action="../editions/` + f.EditionID + `/approve"`,
			`<label for="test-address">`,
			"List-Unsubscribe-Post",
			html.EscapeString(v.Title), // decoded from the encoded Subject
		}},
		{base + "/email.html", 200, "text/html", []string{string(v.HTML)}},
		{base + "/edition.txt", 200, "text/plain", []string{string(v.Text)}},
		{base + "/edition.json", 200, "application/json", []string{string(v.JSON)}},
		{"/static/style.css", 200, "text/css", []string{":focus-visible"}},
		{"/editions/no-such-edition", 404, "text/html", []string{"There is no such edition."}},
		{"/editions/no-such-edition/email.html", 404, "text/html", nil},
		{"/editions/no-such-edition/edition.json", 404, "text/html", nil},
		{"/no/such/page", 404, "text/html", []string{"There is no page at this address", `class="top"`}},
		{base + "/approve", 405, "text/html", []string{"has no page of its own"}},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := get(t, h, tt.target)
			if rec.Code != tt.status {
				t.Fatalf("GET %s = %d, want %d", tt.target, rec.Code, tt.status)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, tt.contentType) {
				t.Errorf("Content-Type = %q, want %s", ct, tt.contentType)
			}
			for _, w := range tt.want {
				mustContain(t, rec.Body.String(), w)
			}
		})
	}
}

func TestEditionJSONIsTheEdition(t *testing.T) {
	f := desktest.New(t)
	rec := get(t, newEditor(t, f), "/editions/"+f.EditionID+"/edition.json")
	var ed digest.Edition
	if err := json.Unmarshal(rec.Body.Bytes(), &ed); err != nil {
		t.Fatalf("edition.json: %v", err)
	}
	if ed.ID != f.EditionID {
		t.Errorf("edition.json id = %q, want %q", ed.ID, f.EditionID)
	}
}

func TestEditorChange(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	v := view(t, f)
	item := inSection(t, v)
	var other string // a section the article is not in
	for _, s := range v.Sections {
		if s != item.Section {
			other = s
			break
		}
	}
	page := "/editions/" + f.EditionID
	// The steps run in order on one edition: each starts from what the
	// one before left.
	steps := []struct {
		name  string
		form  url.Values
		flash string
		check func(t *testing.T, section string, pinned, excluded bool, html string)
	}{
		{"pin", url.Values{"article": {item.ArticleID}, "action": {"pin"}}, "Pinned",
			func(t *testing.T, section string, pinned, excluded bool, _ string) {
				if !pinned || section == "" {
					t.Errorf("after pin: section %q, pinned %v", section, pinned)
				}
			}},
		{"unpin", url.Values{"article": {item.ArticleID}, "action": {"unpin"}}, "Unpinned",
			func(t *testing.T, _ string, pinned, _ bool, _ string) {
				if pinned {
					t.Error("still pinned after unpin")
				}
			}},
		{"move", url.Values{"article": {item.ArticleID}, "action": {"move"}, "section": {other}}, "Moved",
			func(t *testing.T, section string, _, _ bool, _ string) {
				if section != other {
					t.Errorf("after move: section %q, want %q", section, other)
				}
			}},
		{"exclude", url.Values{"article": {item.ArticleID}, "action": {"exclude"}}, "Excluded",
			func(t *testing.T, section string, _, excluded bool, email string) {
				if section != "" || !excluded {
					t.Errorf("after exclude: section %q, excluded %v", section, excluded)
				}
				if strings.Contains(email, html.EscapeString(item.Title)) {
					t.Errorf("the email still carries %q", item.Title)
				}
			}},
		{"include", url.Values{"article": {item.ArticleID}, "action": {"include"}}, "Included",
			func(t *testing.T, section string, _, excluded bool, email string) {
				if section == "" || excluded {
					t.Errorf("after include: section %q, excluded %v", section, excluded)
				}
				if !strings.Contains(email, html.EscapeString(item.Title)) {
					t.Errorf("the email lacks %q again", item.Title)
				}
			}},
	}
	if other == "" {
		t.Fatal("the config needs two sections for this test")
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			rec := post(t, h, page+"/change", st.form)
			if rec.Code != http.StatusSeeOther {
				t.Fatalf("POST change = %d, want 303; body:\n%s", rec.Code, rec.Body)
			}
			if loc, want := rec.Header().Get("Location"), "../../editions/"+f.EditionID+"#item-"+item.ArticleID; loc != want {
				t.Errorf("Location = %q, want %q", loc, want)
			}
			// The page the redirect leads to shows what was done, once.
			next := request{target: page, header: map[string]string{"Cookie": cookieHeader(rec)}}.do(t, h, editorAddr)
			mustContain(t, next.Body.String(), st.flash)
			mustContain(t, next.Body.String(), "rebuilt")

			now := view(t, f)
			if now.Status != "draft" {
				t.Errorf("status after %s = %q, want draft", st.name, now.Status)
			}
			for _, it := range now.Items {
				if it.ArticleID == item.ArticleID {
					st.check(t, it.Section, it.Pinned, it.Excluded, string(now.HTML))
					return
				}
			}
			t.Fatalf("article %s is gone from the edition", item.ArticleID)
		})
	}
}

func TestEditorChangeRefused(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	item := inSection(t, view(t, f))
	page := "/editions/" + f.EditionID
	tests := []struct {
		name   string
		target string
		form   url.Values
		status int
		want   string
	}{
		{"unknown action", page + "/change", url.Values{"article": {item.ArticleID}, "action": {"delete"}}, 400, "didn&#39;t understand"},
		{"no article", page + "/change", url.Values{"action": {"exclude"}}, 400, "didn&#39;t understand"},
		{"move without section", page + "/change", url.Values{"article": {item.ArticleID}, "action": {"move"}}, 400, "didn&#39;t understand"},
		{"unknown section", page + "/change", url.Values{"article": {item.ArticleID}, "action": {"move"}, "section": {"Cooking"}}, 400, "no section of that name"},
		{"article of no edition", page + "/change", url.Values{"article": {"0000"}, "action": {"exclude"}}, 400, "0000"},
		{"unknown edition", "/editions/no-such-edition/change", url.Values{"article": {item.ArticleID}, "action": {"exclude"}}, 404, "no such edition"},
		{"approve unknown edition", "/editions/no-such-edition/approve", url.Values{}, 404, "no such edition"},
	}
	before := view(t, f)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := post(t, h, tt.target, tt.form)
			if rec.Code != tt.status {
				t.Fatalf("POST %s = %d, want %d", tt.target, rec.Code, tt.status)
			}
			mustContain(t, rec.Body.String(), tt.want)
		})
	}
	if after := view(t, f); string(after.JSON) != string(before.JSON) || after.Status != before.Status {
		t.Error("a refused change altered the edition")
	}
}

func TestEditorApprove(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	page := "/editions/" + f.EditionID
	if got := get(t, h, page).Body.String(); !strings.Contains(got, "/approve") {
		t.Fatal("a draft's page has no approve form")
	}
	rec := post(t, h, page+"/approve", url.Values{})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("POST approve = %d, want 303", rec.Code)
	}
	if s := view(t, f).Status; s != "approved" {
		t.Fatalf("status = %q, want approved", s)
	}
	next := request{target: page, header: map[string]string{"Cookie": cookieHeader(rec)}}.do(t, h, editorAddr)
	mustContain(t, next.Body.String(), "Edition approved.")
	if strings.Contains(next.Body.String(), "/approve") {
		t.Error("an approved edition's page still offers approval")
	}

	// A change afterwards rebuilds the edition and takes the approval back.
	item := inSection(t, view(t, f))
	post(t, h, page+"/change", url.Values{"article": {item.ArticleID}, "action": {"pin"}})
	if s := view(t, f).Status; s != "draft" {
		t.Errorf("status after a change = %q, want draft", s)
	}
}

func TestEditorLockedEdition(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	item := inSection(t, view(t, f))
	send(t, f)
	page := "/editions/" + f.EditionID

	body := get(t, h, page).Body.String()
	if strings.Contains(body, "/change") || strings.Contains(body, "/approve") {
		t.Error("a sent edition's page still offers changes")
	}
	tests := []struct {
		target string
		form   url.Values
	}{
		{page + "/change", url.Values{"article": {item.ArticleID}, "action": {"exclude"}}},
		{page + "/approve", url.Values{}},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := post(t, h, tt.target, tt.form)
			if rec.Code != http.StatusConflict {
				t.Fatalf("POST %s on a sent edition = %d, want 409", tt.target, rec.Code)
			}
			mustContain(t, rec.Body.String(), "can no longer change")
		})
	}
	if s := view(t, f).Status; s != "sent" {
		t.Errorf("status = %q, want sent", s)
	}
}

func TestEditorSendTest(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	page := "/editions/" + f.EditionID

	rec := post(t, h, page+"/test", url.Values{"address": {"Eve Editor <eve@example.net>"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("POST test = %d, want 303; body:\n%s", rec.Code, rec.Body)
	}
	next := request{target: page, header: map[string]string{"Cookie": cookieHeader(rec)}}.do(t, h, editorAddr)
	mustContain(t, next.Body.String(), "Sent a test copy to eve@example.net")
	files, err := filepath.Glob(filepath.Join(f.Outbox, "*"))
	if err != nil || len(files) != 1 {
		t.Fatalf("outbox holds %v (%v), want one message", files, err)
	}
	msg, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, string(msg), "eve@example.net")
	after := view(t, f)
	deliveries := 0
	for _, n := range after.Deliveries {
		deliveries += n
	}
	if after.Status != "draft" || deliveries != 0 {
		t.Errorf("a test copy changed the edition: status %q, deliveries %v", after.Status, after.Deliveries)
	}

	tests := []struct {
		name, address string
		status        int
		want          string
	}{
		{"not an address", "eve at example", 400, html.EscapeString("“eve at example” is not an email address: type a whole address")},
		{"empty", "", 400, "is not an email address"},
		{"markup", `<b>x</b>`, 400, "&lt;b&gt;x&lt;/b&gt;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := post(t, h, page+"/test", url.Values{"address": {tt.address}})
			if rec.Code != tt.status {
				t.Fatalf("POST test %q = %d, want %d", tt.address, rec.Code, tt.status)
			}
			mustContain(t, rec.Body.String(), tt.want)
			// The page comes back with the typed address in the field.
			mustContain(t, rec.Body.String(), `value="`+html.EscapeString(tt.address)+`"`)
		})
	}
	if files, _ := filepath.Glob(filepath.Join(f.Outbox, "*")); len(files) != 1 {
		t.Errorf("outbox holds %d messages after refused sends, want 1", len(files))
	}
	if rec := post(t, h, "/editions/no-such-edition/test", url.Values{"address": {"eve@example.net"}}); rec.Code != 404 {
		t.Errorf("test copy of an unknown edition = %d, want 404", rec.Code)
	}
}

// cookieHeader turns a response's Set-Cookie into the Cookie header the
// browser would send next.
func cookieHeader(rec interface{ Result() *http.Response }) string {
	var parts []string
	for _, c := range rec.Result().Cookies() {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return strings.Join(parts, "; ")
}

// TestServerErrorLoggedNotShown breaks the real store under the desk: the
// editor gets a 500 page that does not repeat the error, and the log gets
// the error without the credentials the request carried.
func TestServerErrorLoggedNotShown(t *testing.T) {
	f := desktest.New(t)
	var logged strings.Builder
	h := newEditor(t, f, func(o *EditorOptions) {
		o.Token = "s3cret-token-long-enough"
		o.Log = slog.New(slog.NewTextHandler(&logged, nil))
	})
	if err := f.Store.Close(); err != nil {
		t.Fatal(err)
	}
	rec := request{target: "/", header: map[string]string{"Authorization": "Bearer s3cret-token-long-enough"}}.do(t, h, editorAddr)
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("GET / over a closed store = %d, want 500", rec.Code)
	}
	mustContain(t, rec.Body.String(), "Something went wrong")
	if strings.Contains(rec.Body.String(), "closed") {
		t.Error("the page repeats the internal error")
	}
	if !strings.Contains(logged.String(), "closed") {
		t.Errorf("nothing logged: %q", logged.String())
	}
	if strings.Contains(logged.String(), "s3cret") {
		t.Error("the log shows the token")
	}
}

// The desk records who approved (the basic-auth user, or "local" on a
// loopback desk without credentials) and can withdraw an approval.
func TestApprovedByAndWithdrawn(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name, auth, want string
		opts             func(*EditorOptions)
	}{
		{"loopback", "", "local", func(*EditorOptions) {}},
		{"basic auth", "Basic " + base64.StdEncoding.EncodeToString([]byte("hana:a-long-enough-password")), "hana",
			func(o *EditorOptions) { o.User, o.Password = "hana", "a-long-enough-password" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := desktest.New(t)
			h := newEditor(t, f, tt.opts)
			hdr := map[string]string{}
			if tt.auth != "" {
				hdr["Authorization"] = tt.auth
			}
			base := "/editions/" + f.EditionID
			if rec := (request{method: http.MethodPost, target: base + "/approve", header: hdr}).do(t, h, editorAddr); rec.Code != http.StatusSeeOther {
				t.Fatalf("approve: %d %s", rec.Code, rec.Body.String())
			}
			v, _ := f.Desk.View(ctx, f.EditionID)
			if v.Status != digest.EditionApproved || v.ApprovedBy != tt.want {
				t.Errorf("after approve: %s by %q, want approved by %q", v.Status, v.ApprovedBy, tt.want)
			}
			if rec := (request{method: http.MethodPost, target: base + "/unapprove", header: hdr}).do(t, h, editorAddr); rec.Code != http.StatusSeeOther {
				t.Fatalf("unapprove: %d %s", rec.Code, rec.Body.String())
			}
			v, _ = f.Desk.View(ctx, f.EditionID)
			if v.Status != digest.EditionDraft || v.ApprovedBy != "" {
				t.Errorf("after withdrawing: %s by %q, want a draft", v.Status, v.ApprovedBy)
			}
		})
	}
}
