package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

const lifecycleToken = "lifecycle-token-long-enough"

// lifecycleCase is one POST of an edition's lifecycle action on a desk
// that wants a bearer token: accepted with it from the page, refused
// without it, refused from another site, refused in the wrong state.
type lifecycleCase struct {
	name    string
	config  string // more config lines for the fixture
	action  string // the path after /editions/{id}/, or an absolute path
	form    url.Values
	prepare func(t *testing.T, f *desktest.Fixture)
	auth    bool
	cross   bool
	want    int
	check   func(t *testing.T, f *desktest.Fixture, body string)
}

func runLifecycle(t *testing.T, tests []lifecycleCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := desktest.NewWithConfig(t, tt.config)
			h := newEditor(t, f, func(o *EditorOptions) { o.Token = lifecycleToken })
			if tt.prepare != nil {
				tt.prepare(t, f)
			}
			hdr := map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://" + editorAddr}
			if tt.cross {
				hdr["Sec-Fetch-Site"], hdr["Origin"] = "cross-site", "https://evil.example"
			}
			if tt.auth {
				hdr["Authorization"] = "Bearer " + lifecycleToken
			}
			target := tt.action
			if !strings.HasPrefix(target, "/") {
				target = "/editions/" + f.EditionID + "/" + target
			}
			form := tt.form
			if form == nil {
				form = url.Values{}
			}
			rec := request{method: http.MethodPost, target: target, form: form, header: hdr}.do(t, h, editorAddr)
			if rec.Code != tt.want {
				t.Fatalf("POST %s = %d, want %d\n%s", target, rec.Code, tt.want, rec.Body.String())
			}
			if tt.check != nil {
				tt.check(t, f, rec.Body.String())
			}
		})
	}
}

func wantStatus(want digest.EditionStatus) func(t *testing.T, f *desktest.Fixture, body string) {
	return func(t *testing.T, f *desktest.Fixture, _ string) {
		t.Helper()
		if s := view(t, f).Status; s != want {
			t.Errorf("status = %q, want %q", s, want)
		}
	}
}

func TestEditorDiscard(t *testing.T) {
	runLifecycle(t, []lifecycleCase{
		{name: "draft, with token", action: "discard", auth: true, want: http.StatusSeeOther, check: wantStatus(digest.EditionDiscarded)},
		{name: "approved, with token", action: "discard", auth: true, want: http.StatusSeeOther,
			prepare: func(t *testing.T, f *desktest.Fixture) {
				if err := f.Desk.Approve(context.Background(), f.EditionID); err != nil {
					t.Fatal(err)
				}
			}, check: wantStatus(digest.EditionDiscarded)},
		{name: "without token", action: "discard", want: http.StatusUnauthorized, check: wantStatus(digest.EditionDraft)},
		{name: "cross-site", action: "discard", auth: true, cross: true, want: http.StatusForbidden, check: wantStatus(digest.EditionDraft)},
		{name: "sent", action: "discard", auth: true, want: http.StatusConflict, prepare: send,
			check: func(t *testing.T, f *desktest.Fixture, body string) {
				wantStatus(digest.EditionSent)(t, f, body)
				mustContain(t, body, "can no longer change")
			}},
	})
}

// The approval record (who, when, which bytes) stays on the edition's
// page after it is sent.
func TestApprovalRecordStaysAfterSending(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	send(t, f)
	v := view(t, f)
	if v.ApprovedHash == "" {
		t.Fatal("the store forgot the approval on sending")
	}
	body := get(t, h, "/editions/"+f.EditionID).Body.String()
	mustContain(t, body, "approved ")
	mustContain(t, body, v.ApprovedHash[:12])
	if strings.Contains(body, "/discard") {
		t.Error("a sent edition offers to be discarded")
	}
}

func TestRefusalsInWords(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"line break in subject", fmt.Errorf("%w: %w", desk.ErrBadInput, &digest.NoteError{Field: "subject", Problem: digest.NoteControl, Rune: '\n'}),
			"The subject can't contain a line break."},
		{"other control", &digest.NoteError{Field: "preheader", Problem: digest.NoteControl, Rune: 7}, "invisible control character"},
		{"too long", &digest.NoteError{Field: "intro", Problem: digest.NoteTooLong, Count: 2100, Max: 2000}, "The introduction is 2100 characters long; it can be at most 2000."},
		{"swap refused", fmt.Errorf("%q is not a sentence of article %q: %w", "Japan will join NATO tomorrow.", "36a3951bc85722c9", desk.ErrSwapRefused),
			"That sentence isn't in the article any more"},
		{"no alternative", fmt.Errorf("article x: %w", desk.ErrNoAlternative), "no other sentence"},
		{"stale sentence", fmt.Errorf("edition x: %w", desk.ErrNoSuchSentence), "Reload the page"},
		{"locked", fmt.Errorf("edition x: %w", digest.ErrLocked), "can no longer change"},
		{"not approved", fmt.Errorf("edition x: %w", digest.ErrNotApproved), "Approve it"},
		{"anything else", fmt.Errorf("unknown action %q: %w", "x", desk.ErrBadInput), "didn't understand"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := inWords(tt.err)
			if !strings.Contains(got, tt.want) {
				t.Errorf("inWords = %q, want it to contain %q", got, tt.want)
			}
			for _, code := range []string{"bad input", "36a3951bc85722c9", "U+", "%!"} {
				if strings.Contains(got, code) {
					t.Errorf("inWords = %q speaks the code's words (%q)", got, code)
				}
			}
		})
	}
	if !errors.Is(desk.ErrSwapRefused, desk.ErrBadInput) {
		t.Error("a swap refusal is no longer bad input: the page would answer 500")
	}
}

func wantPaused(want bool) func(t *testing.T, f *desktest.Fixture, body string) {
	return func(t *testing.T, f *desktest.Fixture, _ string) {
		t.Helper()
		p, err := f.Desk.SchedulePause(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if p.Paused() != want {
			t.Errorf("paused = %v, want %v", p.Paused(), want)
		}
	}
}

func pauseFirst(t *testing.T, f *desktest.Fixture) {
	if err := f.Desk.PauseSchedule(context.Background(), true, "hana"); err != nil {
		t.Fatal(err)
	}
}

func TestEditorPauseSchedule(t *testing.T) {
	runLifecycle(t, []lifecycleCase{
		{name: "pause, with token", action: "/schedule/pause", auth: true, want: http.StatusSeeOther, check: wantPaused(true)},
		{name: "pause, without token", action: "/schedule/pause", want: http.StatusUnauthorized, check: wantPaused(false)},
		{name: "pause, cross-site", action: "/schedule/pause", auth: true, cross: true, want: http.StatusForbidden, check: wantPaused(false)},
		{name: "pause, paused already", action: "/schedule/pause", auth: true, prepare: pauseFirst, want: http.StatusSeeOther, check: wantPaused(true)},
		{name: "resume, with token", action: "/schedule/resume", auth: true, prepare: pauseFirst, want: http.StatusSeeOther, check: wantPaused(false)},
		{name: "resume, without token", action: "/schedule/resume", prepare: pauseFirst, want: http.StatusUnauthorized, check: wantPaused(true)},
		{name: "resume, cross-site", action: "/schedule/resume", auth: true, cross: true, prepare: pauseFirst, want: http.StatusForbidden, check: wantPaused(true)},
	})
}

// The editions page says how the schedule runs and offers the one of
// pause and resume that applies.
func TestEditionsPageShowsSchedule(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	body := get(t, h, "/").Body.String()
	mustContain(t, body, "/schedule/pause")
	rec := post(t, h, "/schedule/pause", url.Values{})
	next := request{target: "/", header: map[string]string{"Cookie": cookieHeader(rec)}}.do(t, h, editorAddr).Body.String()
	mustContain(t, next, "The schedule is paused")
	mustContain(t, next, "/schedule/resume")
	if strings.Contains(next, "/schedule/pause") {
		t.Error("a paused schedule is offered a pause")
	}
}

func TestEditorBuildNow(t *testing.T) {
	runLifecycle(t, []lifecycleCase{
		// The fixture's build took every article: a second build has
		// nothing new and says so on the editions page.
		{name: "with token, nothing new", action: "/build", auth: true, want: http.StatusSeeOther},
		{name: "without token", action: "/build", want: http.StatusUnauthorized},
		{name: "cross-site", action: "/build", auth: true, cross: true, want: http.StatusForbidden},
	})
}

// A build from the desk opens the new edition with a note of what it
// took; once everything is sent, a build says there is nothing new.
func TestBuildNowOpensTheEdition(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	rec := post(t, h, "/build", url.Values{})
	loc := "/" + strings.TrimPrefix(rec.Header().Get("Location"), "./")
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/editions/") || loc == "/editions/"+f.EditionID {
		t.Fatalf("build: %d to %q, want a new edition's page", rec.Code, loc)
	}
	next := request{target: loc, header: map[string]string{"Cookie": cookieHeader(rec)}}.do(t, h, editorAddr).Body.String()
	mustContain(t, next, "Built a new edition from")

	send(t, f)
	if err := f.Desk.DiscardBy(context.Background(), strings.TrimPrefix(loc, "/editions/"), "test"); err != nil {
		t.Fatal(err)
	}
	rec = post(t, h, "/build", url.Values{})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "./" {
		t.Fatalf("build with nothing new: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	list := request{target: "/", header: map[string]string{"Cookie": cookieHeader(rec)}}.do(t, h, editorAddr).Body.String()
	mustContain(t, list, "nothing new to build")
}

// Every POST route of the desk refuses a request without credentials and
// a cross-site one, and changes nothing: one table over all of them, so a
// new route is checked by adding a line.
func TestEveryActionRefusesStrangers(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f, func(o *EditorOptions) { o.Token = lifecycleToken })
	page := "/editions/" + f.EditionID
	routes := []string{page + "/change", page + "/approve", page + "/replace", page + "/unapprove", page + "/test",
		page + "/sentence", page + "/note", page + "/discard", page + "/send", "/build", "/schedule/pause", "/schedule/resume",
		page + "/undo"}
	before := view(t, f)
	for _, target := range routes {
		for _, tt := range []struct {
			name   string
			header map[string]string
			want   int
		}{
			{"no credentials", map[string]string{"Sec-Fetch-Site": "same-origin"}, http.StatusUnauthorized},
			{"cross-site", map[string]string{"Sec-Fetch-Site": "cross-site", "Authorization": "Bearer " + lifecycleToken}, http.StatusForbidden},
		} {
			t.Run(target+" "+tt.name, func(t *testing.T) {
				form := url.Values{"confirm": {"yes"}, "address": {"a@example.org"}}
				if rec := (request{method: http.MethodPost, target: target, form: form, header: tt.header}).do(t, h, editorAddr); rec.Code != tt.want {
					t.Errorf("POST %s = %d, want %d", target, rec.Code, tt.want)
				}
			})
		}
	}
	f.Desk.WaitSends()
	if after := view(t, f); after.Status != before.Status || string(after.JSON) != string(before.JSON) {
		t.Error("a refused request changed the edition")
	}
	if p, _ := f.Desk.SchedulePause(context.Background()); p.Paused() {
		t.Error("a refused request paused the schedule")
	}
}

// A test copy the relay would not take says so in words, not the
// relay's reply.
func TestTestCopyFailureInWords(t *testing.T) {
	f := desktest.New(t)
	intercept(f).set(relayDown)
	h := newEditor(t, f)
	rec := post(t, h, "/editions/"+f.EditionID+"/test", url.Values{"address": {"eve@example.net"}})
	next := request{target: "/editions/" + f.EditionID, header: map[string]string{"Cookie": cookieHeader(rec)}}.do(t, h, editorAddr).Body.String()
	mustContain(t, next, "could not take it just now")
	if strings.Contains(next, "service not available") {
		t.Error("the page repeats the relay's reply")
	}
}
