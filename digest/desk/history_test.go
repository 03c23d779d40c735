package desk_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// newest is the edition's newest recorded change.
func newest(t *testing.T, f *desktest.Fixture, id string) digest.EditorialChange {
	t.Helper()
	h, err := f.Desk.History(context.Background(), id)
	if err != nil || len(h) == 0 {
		t.Fatalf("history of %s: %v, %d changes", id, err, len(h))
	}
	return h[0]
}

// Every kind of change made through the desk is recorded once, naming
// the editor whose context it ran under, in a sentence that says what.
func TestEveryChangeRecordedWithItsEditor(t *testing.T) {
	f := desktest.New(t)
	aiko := desk.WithEditor(context.Background(), "Aiko")
	bo := desk.WithEditor(context.Background(), "Bo")
	id := f.EditionID
	v, err := f.Desk.View(aiko, id)
	if err != nil {
		t.Fatal(err)
	}
	sentences, err := f.Desk.Sentences(aiko, v)
	if err != nil || len(sentences) < 2 {
		t.Fatalf("sentences: %v, %d", err, len(sentences))
	}
	// The desk-wide changes: a build, the schedule, a discard.
	res, err := f.Desk.BuildNow(aiko)
	if err != nil {
		t.Fatal(err)
	}
	if c := newest(t, f, res.Edition.ID); c.Kind != digest.ChangeBuild || !strings.HasPrefix(c.Words, "Aiko built this edition: ") {
		t.Errorf("build recorded as %s %q", c.Kind, c.Words)
	}
	if err := f.Desk.DiscardBy(bo, res.Edition.ID, "Bo"); err != nil {
		t.Fatal(err)
	}
	if c := newest(t, f, res.Edition.ID); c.Kind != digest.ChangeDiscard || c.Editor != "Bo" {
		t.Errorf("discard recorded as %s by %q", c.Kind, c.Editor)
	}
	for _, paused := range []bool{true, false} {
		if err := f.Desk.PauseSchedule(bo, paused, "Bo"); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := f.Desk.History(context.Background(), "")
	if len(all) < 2 || all[0].Kind != digest.ChangeResume || all[1].Kind != digest.ChangePause || all[0].EditionID != "" || all[0].Editor != "Bo" {
		t.Errorf("desk-wide history starts %+v", all[:min(2, len(all))])
	}
	item := v.Items[0]
	steps := []struct {
		name   string
		ctx    context.Context
		do     func(ctx context.Context) error
		kind   digest.ChangeKind
		editor string
		words  []string
		state  bool
	}{
		{"exclude", aiko, func(ctx context.Context) error {
			return f.Desk.Change(ctx, id, desk.Change{ArticleID: item.ArticleID, Action: desk.Exclude})
		}, digest.ChangeArticle, "Aiko", []string{"Aiko excluded “" + item.Title[:10]}, true},
		{"include", bo, func(ctx context.Context) error {
			return f.Desk.Change(ctx, id, desk.Change{ArticleID: item.ArticleID, Action: desk.Include})
		}, digest.ChangeArticle, "Bo", []string{"Bo included"}, true},
		{"move", aiko, func(ctx context.Context) error {
			return f.Desk.Change(ctx, id, desk.Change{ArticleID: item.ArticleID, Action: desk.Move, Section: v.Sections[len(v.Sections)-1]})
		}, digest.ChangeArticle, "Aiko", []string{"Aiko moved", " to " + v.Sections[len(v.Sections)-1]}, true},
		{"remove sentence", bo, func(ctx context.Context) error {
			return f.Desk.EditSentence(ctx, id, desk.SentenceChange{ArticleID: sentences[0].ArticleID, Text: sentences[0].Text, Action: desk.RemoveSentence})
		}, digest.ChangeSentence, "Bo", []string{"Bo removed the sentence “" + sentences[0].Text[:10], " of item "}, true},
		{"note", aiko, func(ctx context.Context) error {
			return f.Desk.SetNote(ctx, id, digest.EditorNote{Subject: "A better subject"})
		}, digest.ChangeNote, "Aiko", []string{"Aiko changed the editor's note: subject"}, true},
		{"replace", bo, func(ctx context.Context) error { return f.Desk.Replace(ctx, id) },
			digest.ChangeReplace, "Bo", []string{"Bo placed every article afresh"}, true},
		{"approve", aiko, func(ctx context.Context) error { return f.Desk.ApproveBy(ctx, id, "Aiko") },
			digest.ChangeApprove, "Aiko", []string{"Aiko approved the edition"}, false},
		{"unapprove", bo, func(ctx context.Context) error { return f.Desk.Unapprove(ctx, id) },
			digest.ChangeUnapprove, "Bo", []string{"Bo withdrew the approval"}, false},
		{"approve on the command line", context.Background(), func(ctx context.Context) error { return f.Desk.Approve(ctx, id) },
			digest.ChangeApprove, "command line", []string{"command line approved"}, false},
		{"send", bo, func(ctx context.Context) error { return f.Desk.StartSend(ctx, id, "Bo") },
			digest.ChangeSend, "Bo", []string{"Bo started sending the edition to 2 subscribers"}, false},
	}
	for _, st := range steps {
		if err := st.do(st.ctx); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		c := newest(t, f, id)
		if c.Kind != st.kind || c.Editor != st.editor || c.EditionID != id || (c.Before != nil) != st.state {
			t.Errorf("%s recorded as %s by %q on %q, state kept %v", st.name, c.Kind, c.Editor, c.EditionID, c.Before != nil)
		}
		for _, w := range st.words {
			if !strings.Contains(c.Words, w) {
				t.Errorf("%s: %q lacks %q", st.name, c.Words, w)
			}
		}
	}
	f.Desk.WaitSends()
	h, _ := f.Desk.History(context.Background(), id)
	if len(h) != len(steps) {
		t.Errorf("%d changes recorded for %d made", len(h), len(steps))
	}

}

// Removing a sentence and undoing it gives back the edition byte for
// byte, and the undo is recorded and can itself be undone.
func TestUndoSentenceRemovalRestoresTheBytes(t *testing.T) {
	f := desktest.New(t)
	ctx := desk.WithEditor(context.Background(), "Aiko")
	id := f.EditionID
	v, _ := f.Desk.View(ctx, id)
	sentences, err := f.Desk.Sentences(ctx, v)
	if err != nil || len(sentences) == 0 {
		t.Fatalf("sentences: %v", err)
	}
	before, _ := f.Store.Edition(ctx, id)
	s := sentences[0]
	if err := f.Desk.EditSentence(ctx, id, desk.SentenceChange{ArticleID: s.ArticleID, Text: s.Text, Action: desk.RemoveSentence}); err != nil {
		t.Fatal(err)
	}
	removed, _ := f.Store.Edition(ctx, id)
	if bytes.Equal(removed.HTML, before.HTML) || bytes.Contains(removed.MailHTML, []byte(s.Text)) {
		t.Fatal("the removal changed nothing")
	}
	if err := f.Desk.Undo(ctx, id, newest(t, f, id).ID); err != nil {
		t.Fatal(err)
	}
	after, _ := f.Store.Edition(ctx, id)
	for _, p := range []struct {
		name       string
		got, wants []byte
	}{{"html", after.HTML, before.HTML}, {"text", after.Text, before.Text}, {"json", after.JSON, before.JSON},
		{"mail html", after.MailHTML, before.MailHTML}, {"mail text", after.MailText, before.MailText}} {
		if !bytes.Equal(p.got, p.wants) {
			t.Errorf("after undo the %s differs from before the removal", p.name)
		}
	}
	u := newest(t, f, id)
	if u.Kind != digest.ChangeUndo || u.Editor != "Aiko" || !strings.Contains(u.Words, "Aiko undid this: “Aiko removed the sentence") {
		t.Errorf("undo recorded as %s by %q: %q", u.Kind, u.Editor, u.Words)
	}
	// Undoing the undo removes the sentence again.
	if err := f.Desk.Undo(ctx, id, u.ID); err != nil {
		t.Fatal(err)
	}
	again, _ := f.Store.Edition(ctx, id)
	if !bytes.Equal(again.HTML, removed.HTML) {
		t.Error("undoing the undo did not bring the removal back")
	}
}

// Undo refuses what it cannot take back, and an undo of a change that
// is no longer the newest; an approval is undone by withdrawing it.
func TestUndoRefusals(t *testing.T) {
	f := desktest.New(t)
	ctx := desk.WithEditor(context.Background(), "Bo")
	id := f.EditionID
	if err := f.Desk.Undo(ctx, id, 1); !errors.Is(err, desk.ErrNothingToUndo) {
		t.Errorf("undo with no change: %v", err)
	}
	v, _ := f.Desk.View(ctx, id)
	if err := f.Desk.Change(ctx, id, desk.Change{ArticleID: v.Items[0].ArticleID, Action: desk.Pin}); err != nil {
		t.Fatal(err)
	}
	pin := newest(t, f, id)
	if err := f.Desk.ApproveBy(ctx, id, "Bo"); err != nil {
		t.Fatal(err)
	}
	if err := f.Desk.Undo(ctx, id, pin.ID); !errors.Is(err, desk.ErrUndoStale) {
		t.Errorf("undo of an older change: %v", err)
	}
	if err := f.Desk.Undo(ctx, id, newest(t, f, id).ID); err != nil {
		t.Fatalf("undo approve: %v", err)
	}
	if r, _ := f.Store.Edition(ctx, id); r.Status != digest.EditionDraft {
		t.Errorf("after undoing the approval the edition is %s", r.Status)
	}
	var refusal *desk.UndoRefusal
	if err := f.Desk.Undo(ctx, id, newest(t, f, id).ID); !errors.As(err, &refusal) || refusal.Kind != digest.ChangeApprove {
		t.Errorf("undo of an undone approval: %v", err)
	}
	if err := f.Desk.ApproveBy(ctx, id, "Bo"); err != nil {
		t.Fatal(err)
	}
	if err := f.Desk.StartSend(ctx, id, "Bo"); err != nil {
		t.Fatal(err)
	}
	f.Desk.WaitSends()
	if err := f.Desk.Undo(ctx, id, newest(t, f, id).ID); !errors.Is(err, digest.ErrLocked) {
		t.Errorf("undo after the send: %v, want the edition locked", err)
	}
}

// A second approval of an approved edition, or a second discard of a
// discarded one, changes nothing: the first one's record stands, once.
func TestRepeatedApproveAndDiscardRecordedOnce(t *testing.T) {
	f := desktest.New(t)
	aiko := desk.WithEditor(context.Background(), "Aiko")
	bo := desk.WithEditor(context.Background(), "Bo")
	id := f.EditionID
	if err := f.Desk.ApproveBy(aiko, id, "Aiko"); err != nil {
		t.Fatal(err)
	}
	first, _ := f.Store.Edition(context.Background(), id)
	f.Clock.Set(f.Clock.Now().Add(time.Minute))
	if err := f.Desk.ApproveBy(bo, id, "Bo"); err != nil {
		t.Fatalf("a second approval: %v", err)
	}
	again, _ := f.Store.Edition(context.Background(), id)
	if again.ApprovedBy != "Aiko" || !again.ApprovedAt.Equal(first.ApprovedAt) || again.ApprovedHash != first.ApprovedHash {
		t.Errorf("approval record after a second approval: %s at %v, want Aiko at %v", again.ApprovedBy, again.ApprovedAt, first.ApprovedAt)
	}
	for range 2 {
		if err := f.Desk.DiscardBy(bo, id, "Bo"); err != nil {
			t.Fatal(err)
		}
	}
	h, err := f.Desk.History(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	count := map[digest.ChangeKind]int{}
	for _, c := range h {
		count[c.Kind]++
	}
	if count[digest.ChangeApprove] != 1 || count[digest.ChangeDiscard] != 1 {
		t.Errorf("recorded %d approvals and %d discards, want 1 and 1: %+v", count[digest.ChangeApprove], count[digest.ChangeDiscard], h)
	}
}
