package web

import (
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/passhash"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// The editors of these tests, with cheap hashes: the costs are in each
// hash, so the face reads them back whatever they are.
const (
	aikoPassword = "aiko-password-long-enough"
	boPassword   = "bo-password-long-enough-x"
)

func editorsOf(t *testing.T) []Editor {
	t.Helper()
	cheap := passhash.Params{Memory: 1024, Time: 1, Threads: 1}
	var out []Editor
	for _, e := range [][2]string{{"Aiko", aikoPassword}, {"Bo", boPassword}} {
		h, err := passhash.Hash(e[1], cheap)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Editor{Name: e[0], PasswordHash: h})
	}
	return out
}

func basicAuth(user, pw string) map[string]string {
	return map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pw))}
}

// Each editor logs in with their own password, the shared secrets keep
// working as one editor each, and the history names whoever did what.
func TestEditorsHaveTheirOwnPasswords(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f, func(o *EditorOptions) {
		o.Editors, o.Token, o.User, o.Password = editorsOf(t), lifecycleToken, "hana", "hana-shared-password-xx"
	})
	for _, tt := range []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"no credentials", map[string]string{}, 401},
		{"Aiko", basicAuth("Aiko", aikoPassword), 200},
		{"Bo", basicAuth("Bo", boPassword), 200},
		{"Aiko twice (the verified password is remembered)", basicAuth("Aiko", aikoPassword), 200},
		{"Aiko with Bo's password", basicAuth("Aiko", boPassword), 401},
		{"Aiko, wrong password", basicAuth("Aiko", aikoPassword+"x"), 401},
		{"Aiko, no password", basicAuth("Aiko", ""), 401},
		{"unknown name", basicAuth("Eve", aikoPassword), 401},
		{"editor's name with the token", basicAuth("Aiko", lifecycleToken), 401},
		{"shared user", basicAuth("hana", "hana-shared-password-xx"), 200},
		{"token", map[string]string{"Authorization": "Bearer " + lifecycleToken}, 200},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if rec := (request{target: "/history", header: tt.header}).do(t, h, editorAddr); rec.Code != tt.want {
				t.Errorf("GET /history = %d, want %d", rec.Code, tt.want)
			}
		})
	}

	page := "/editions/" + f.EditionID
	items := view(t, f).Items
	for _, step := range []struct {
		header map[string]string
		target string
		form   url.Values
		who    string
	}{
		{basicAuth("Aiko", aikoPassword), page + "/change", url.Values{"article": {items[0].ArticleID}, "action": {"exclude"}}, "Aiko"},
		{basicAuth("Bo", boPassword), page + "/change", url.Values{"article": {items[0].ArticleID}, "action": {"include"}}, "Bo"},
		{basicAuth("hana", "hana-shared-password-xx"), page + "/note", url.Values{"subject": {"Hana's subject"}}, "hana"},
		{map[string]string{"Authorization": "Bearer " + lifecycleToken}, page + "/approve", nil, "editor"},
		{basicAuth("Bo", boPassword), page + "/unapprove", nil, "Bo"},
		{basicAuth("Aiko", aikoPassword), "/schedule/pause", nil, "Aiko"},
	} {
		rec := request{method: http.MethodPost, target: step.target, form: step.form, header: step.header}.do(t, h, editorAddr)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("POST %s = %d: %s", step.target, rec.Code, rec.Body.String())
		}
		all, err := f.Desk.History(context.Background(), "")
		if err != nil || len(all) == 0 {
			t.Fatalf("history: %v", err)
		}
		if all[0].Editor != step.who || !strings.HasPrefix(all[0].Words, step.who+" ") {
			t.Errorf("POST %s recorded as by %q: %q, want %s", step.target, all[0].Editor, all[0].Words, step.who)
		}
	}
	if v := view(t, f); v.ApprovedBy != "" {
		t.Errorf("approval left by %q", v.ApprovedBy)
	}
	body := (request{target: "/history", header: basicAuth("Bo", boPassword)}).do(t, h, editorAddr).Body.String()
	for _, want := range []string{"Aiko excluded “", "Bo included “", "hana changed the editor&#39;s note: subject",
		"editor approved the edition", "Bo withdrew the approval", "Aiko paused the schedule"} {
		mustContain(t, body, want)
	}
}

// An editor removes a sentence and undoes it from the page: the email
// comes back byte for byte, the undo is in the history, and once the
// edition is sent its changes are refused an undo in words.
func TestUndoFromThePage(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f, func(o *EditorOptions) { o.Editors = editorsOf(t) })
	aiko, bo := basicAuth("Aiko", aikoPassword), basicAuth("Bo", boPassword)
	page := "/editions/" + f.EditionID
	email := func() string {
		return (request{target: page + "/email.html", header: aiko}).do(t, h, editorAddr).Body.String()
	}
	before := email()
	sentences, err := f.Desk.Sentences(context.Background(), view(t, f))
	if err != nil || len(sentences) == 0 {
		t.Fatalf("sentences: %v", err)
	}
	s := sentences[0]
	rec := request{method: http.MethodPost, target: page + "/sentence", header: aiko,
		form: url.Values{"article": {s.ArticleID}, "text": {s.Text}, "action": {"remove"}}}.do(t, h, editorAddr)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("remove: %d", rec.Code)
	}
	if email() == before {
		t.Fatal("the removal changed nothing")
	}
	edition := (request{target: page, header: bo}).do(t, h, editorAddr).Body.String()
	mustContain(t, edition, "Aiko removed the sentence “")
	m := regexp.MustCompile(`action="[^"]*/undo"[^>]*>\s*<input type="hidden" name="change" value="(\d+)">`).FindStringSubmatch(edition)
	if m == nil {
		t.Fatal("no Undo button beside the newest change")
	}
	// A stale or made-up change is refused in words.
	rec = request{method: http.MethodPost, target: page + "/undo", header: bo, form: url.Values{"change": {"999"}}}.do(t, h, editorAddr)
	if rec.Code != http.StatusBadRequest {
		t.Errorf("undo of a change that is not the newest = %d", rec.Code)
	}
	mustContain(t, rec.Body.String(), "Someone changed this edition since you loaded the page")
	rec = request{method: http.MethodPost, target: page + "/undo", header: bo, form: url.Values{"change": {m[1]}}}.do(t, h, editorAddr)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("undo = %d: %s", rec.Code, rec.Body.String())
	}
	if after := email(); after != before {
		t.Error("after the undo the email differs from before the removal")
	}
	edition = (request{target: page, header: bo}).do(t, h, editorAddr).Body.String()
	mustContain(t, edition, "Bo undid this: “Aiko removed the sentence")

	// Approve, send, then try to undo the send.
	for _, target := range []string{page + "/approve", page + "/send"} {
		rec := request{method: http.MethodPost, target: target, header: aiko, form: url.Values{"confirm": {"yes"}}}.do(t, h, editorAddr)
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("POST %s = %d", target, rec.Code)
		}
	}
	f.Desk.WaitSends()
	if v := view(t, f); v.Status != digest.EditionSent {
		t.Fatalf("edition %s after sending", v.Status)
	}
	all, _ := f.Desk.History(context.Background(), f.EditionID)
	edition = (request{target: page, header: bo}).do(t, h, editorAddr).Body.String()
	if strings.Contains(edition, `/undo"`) {
		t.Error("a sent edition still offers Undo")
	}
	rec = request{method: http.MethodPost, target: page + "/undo", header: bo,
		form: url.Values{"change": {strconv.FormatInt(all[0].ID, 10)}}}.do(t, h, editorAddr)
	if rec.Code != http.StatusConflict {
		t.Errorf("undo after the send = %d, want 409", rec.Code)
	}
	mustContain(t, rec.Body.String(), "its changes can no longer be undone")
}

// Each way an undo is refused reads as words for a person, with no
// internal id and none of the code's vocabulary.
func TestUndoRefusalsInWords(t *testing.T) {
	for _, kind := range []digest.ChangeKind{digest.ChangeSend, digest.ChangeBuild, digest.ChangeDiscard, digest.ChangeApprove, digest.ChangeUnapprove} {
		msg := undoInWords(&desk.UndoRefusal{Kind: kind})
		if msg == "" || strings.Contains(msg, "bad input") || strings.Contains(msg, string(kind)+" change") {
			t.Errorf("%s: %q", kind, msg)
		}
	}
}

// The login throttle counts an editor's wrong passwords like any other
// failed login: after a run of them even the right password gets 429.
func TestEditorPasswordsThrottled(t *testing.T) {
	f := desktest.New(t)
	var logged strings.Builder
	h := newEditor(t, f, func(o *EditorOptions) {
		o.Editors, o.Clock = editorsOf(t), f.Clock
		o.Log = slog.New(slog.NewTextHandler(&logged, nil))
	})
	for i := range 6 {
		if rec := (request{target: "/", header: basicAuth("Aiko", fmt.Sprintf("guess-%d-long-enough", i))}).do(t, h, editorAddr); rec.Code == http.StatusOK {
			t.Fatalf("guess %d let in", i)
		}
	}
	if rec := (request{target: "/", header: basicAuth("Aiko", aikoPassword)}).do(t, h, editorAddr); rec.Code != http.StatusTooManyRequests {
		t.Errorf("right password during the lockout = %d, want 429", rec.Code)
	}
	if strings.Contains(logged.String(), "guess-") || strings.Contains(logged.String(), aikoPassword) {
		t.Error("the log shows a password tried")
	}
}
