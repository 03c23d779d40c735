package desk_test

import (
	"bytes"
	"context"
	"errors"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// sentencesOf lists an edition's lead and section-summary sentences.
func sentencesOf(ed *digest.Edition) []digest.Sentence {
	out := slices.Clone(ed.Lead)
	for _, s := range ed.Sections {
		out = append(out, s.Summary...)
	}
	return out
}

// articleText is one article's cleaned text, which every summary
// sentence from it must be part of.
func articleText(t *testing.T, f *desktest.Fixture, id string) string {
	t.Helper()
	arts, err := f.Store.Articles(context.Background(), []string{id})
	if err != nil || len(arts) != 1 {
		t.Fatalf("article %s: %v", id, err)
	}
	var text strings.Builder
	for _, p := range arts[0].Paragraphs {
		text.WriteString(p + "\n")
	}
	return text.String()
}

func TestSentenceRemoveAndSwapStayFaithful(t *testing.T) {
	ctx := context.Background()
	f := desktest.New(t)
	v, err := f.Desk.View(ctx, f.EditionID)
	if err != nil {
		t.Fatal(err)
	}
	listed, err := f.Desk.Sentences(ctx, v)
	if err != nil || len(listed) < 2 {
		t.Fatalf("%d summary sentences listed, %v", len(listed), err)
	}
	removed, swapped := listed[0], listed[1]
	for _, s := range listed {
		if len(s.Alternatives) > 0 && s.Text != removed.Text {
			swapped = s
			break
		}
	}
	if len(swapped.Alternatives) == 0 {
		t.Fatal("no sentence has an alternative to swap in")
	}
	if err := f.Desk.EditSentence(ctx, f.EditionID, desk.SentenceChange{ArticleID: removed.ArticleID, Text: removed.Text, Action: desk.RemoveSentence}); err != nil {
		t.Fatal(err)
	}
	if err := f.Desk.EditSentence(ctx, f.EditionID, desk.SentenceChange{ArticleID: swapped.ArticleID, Text: swapped.Text, Action: desk.SwapSentence}); err != nil {
		t.Fatal(err)
	}
	after, err := f.Desk.View(ctx, f.EditionID)
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, s := range sentencesOf(after.Edition) {
		texts[s.Text] = s.ItemID
	}
	if _, ok := texts[removed.Text]; ok {
		t.Errorf("removed sentence still there: %q", removed.Text)
	}
	if _, ok := texts[swapped.Text]; ok {
		t.Errorf("swapped sentence still there: %q", swapped.Text)
	}
	if texts[swapped.Alternatives[0]] != swapped.ArticleID {
		t.Errorf("the best alternative %q is not in the edition under article %s", swapped.Alternatives[0], swapped.ArticleID)
	}
	for text, id := range texts {
		if src := articleText(t, f, id); !strings.Contains(src, text) {
			t.Errorf("summary sentence %q is not in article %s", text, id)
		}
	}
	// The edits stay through a rebuild caused by another change.
	if err := f.Desk.Change(ctx, f.EditionID, desk.Change{ArticleID: after.Items[0].ArticleID, Action: desk.Pin}); err != nil {
		t.Fatal(err)
	}
	again, _ := f.Desk.View(ctx, f.EditionID)
	for _, s := range sentencesOf(again.Edition) {
		if s.Text == removed.Text || s.Text == swapped.Text {
			t.Errorf("an edit was lost in a rebuild: %q is back", s.Text)
		}
	}

	bad := []desk.SentenceChange{
		{ArticleID: swapped.ArticleID, Text: "A sentence the edition does not show.", Action: desk.RemoveSentence},
		{ArticleID: swapped.ArticleID, Text: swapped.Alternatives[0], Action: desk.SwapSentence, Replacement: "Words no article says."},
		{ArticleID: swapped.ArticleID, Text: swapped.Alternatives[0], Action: "rewrite"},
	}
	for _, ch := range bad {
		if err := f.Desk.EditSentence(ctx, f.EditionID, ch); !errors.Is(err, desk.ErrBadInput) {
			t.Errorf("%+v: %v, want ErrBadInput", ch, err)
		}
	}
}

func TestReorderWithinSection(t *testing.T) {
	ctx := context.Background()
	f := desktest.New(t)
	v, _ := f.Desk.View(ctx, f.EditionID)
	for _, s := range v.Edition.Sections {
		if len(s.Items) < 2 {
			continue
		}
		second := s.Items[1]
		if err := f.Desk.Change(ctx, f.EditionID, desk.Change{ArticleID: second.ID, Action: desk.Up}); err != nil {
			t.Fatal(err)
		}
		after, _ := f.Desk.View(ctx, f.EditionID)
		for _, as := range after.Edition.Sections {
			if as.Title == s.Title {
				if as.Items[0].ID != second.ID || as.Items[1].ID != s.Items[0].ID {
					t.Errorf("after moving %q up, section %q reads %q, %q", second.Title, s.Title, as.Items[0].Title, as.Items[1].Title)
				}
				return
			}
		}
		t.Fatalf("section %q gone after a reorder", s.Title)
	}
	t.Skip("SKIP: the fixture has no section with two items")
}

// The editor's intro, subject and preheader are what the sent message
// carries, and the intro is marked as the editor's.
func TestEditorNoteIsSent(t *testing.T) {
	ctx := context.Background()
	f := desktest.New(t)
	note := digest.EditorNote{
		Intro:     "A short week: see [our policy](https://example.org/policy).\n\nThanks for **reading**.",
		Subject:   "Japan and NATO: this week's three stories",
		Preheader: "Defence industry, cyber and space, in three minutes.",
	}
	if err := f.Desk.SetNote(ctx, f.EditionID, note); err != nil {
		t.Fatal(err)
	}
	if err := f.Desk.ApproveBy(ctx, f.EditionID, "tester"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Desk.Send(ctx, f.EditionID, nil); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(f.Outbox, "*.eml"))
	if len(files) == 0 {
		t.Fatal("nothing sent")
	}
	data, _ := os.ReadFile(files[0])
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != note.Subject {
		t.Errorf("subject %q, want %q", subject, note.Subject)
	}
	body := desktest.Decode(t, data).Body
	for _, want := range []string{"From the editor", `<a href="https://example.org/policy"`, "<strong>reading</strong>", note.Preheader,
		"our policy (https://example.org/policy)"} {
		if !strings.Contains(body, want) {
			t.Errorf("the sent message lacks %q", want)
		}
	}
	if err := f.Desk.SetNote(ctx, f.EditionID, digest.EditorNote{Subject: "x"}); !errors.Is(err, digest.ErrLocked) {
		t.Errorf("a note on a sent edition: %v, want ErrLocked", err)
	}
}

func TestEditorNoteRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	f := desktest.New(t)
	for _, n := range []digest.EditorNote{
		{Subject: "two\nlines"},
		{Preheader: "bell\a"},
		{Subject: strings.Repeat("x", digest.MaxSubjectChars+1)},
		{Intro: strings.Repeat("x", digest.MaxIntroChars+1)},
	} {
		err := f.Desk.SetNote(ctx, f.EditionID, n)
		if !errors.Is(err, desk.ErrBadInput) {
			t.Errorf("%+v: %v, want ErrBadInput", n, err)
		}
	}
}
