package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// A change's state before it goes in and comes back as it was, and
// restoring it puts back the overrides, sentence edits (in their
// order), note and placements exactly, on both backends.
func TestHistoryKeepsAndRestoresState(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s := openTest(t, db)
		now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
		if _, err := s.SaveArticles(ctx, []*digest.Article{article("a", "Alpha"), article("b", "Beta")}, now); err != nil {
			t.Fatal(err)
		}
		e := &digest.EditionRecord{ID: "e", Key: "k", Kind: "manual", Status: digest.EditionDraft, CreatedAt: now, Rendition: testRendition("t"),
			Items: []digest.Placement{{ArticleID: "a", Section: "One", Position: 1}, {ArticleID: "b", Section: "Two", Position: 2}}}
		if err := s.InsertEdition(ctx, e); err != nil {
			t.Fatal(err)
		}
		if err := s.SetOverride(ctx, "e", digest.Override{ArticleID: "a", Pinned: true}, now); err != nil {
			t.Fatal(err)
		}
		for i, ed := range []digest.SentenceEdit{{ArticleID: "b", Original: "Z first."}, {ArticleID: "a", Original: "A second.", Replacement: "A other."}} {
			if err := s.EditSentence(ctx, "e", ed, now.Add(time.Duration(i)*time.Second)); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SetNote(ctx, "e", digest.EditorNote{Subject: "S"}, now); err != nil {
			t.Fatal(err)
		}
		want, err := s.EditorialState(ctx, "e")
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Overrides) != 1 || len(want.Edits) != 2 || want.Edits[0].Original != "Z first." || want.Note.Subject != "S" || len(want.Placements) != 2 {
			t.Fatalf("state read as %+v", want)
		}
		id, err := s.RecordChange(ctx, digest.EditorialChange{EditionID: "e", At: now, Editor: "Aiko", Kind: digest.ChangeSentence,
			Words: "Aiko removed the sentence “Z first.”", Before: want})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecordChange(ctx, digest.EditorialChange{At: now, Editor: "Bo", Kind: digest.ChangePause, Words: "Bo paused the schedule"}); err != nil {
			t.Fatal(err)
		}
		// Change everything, then restore the recorded state.
		if err := s.SetOverride(ctx, "e", digest.Override{ArticleID: "b", Excluded: true}, now); err != nil {
			t.Fatal(err)
		}
		if err := s.EditSentence(ctx, "e", digest.SentenceEdit{ArticleID: "a", Original: "A third."}, now); err != nil {
			t.Fatal(err)
		}
		if err := s.SetNote(ctx, "e", digest.EditorNote{Intro: "Hello"}, now); err != nil {
			t.Fatal(err)
		}
		changes, err := s.Changes(ctx, "e", 10)
		if err != nil || len(changes) != 1 || changes[0].ID != id || changes[0].Editor != "Aiko" || !changes[0].At.Equal(now) {
			t.Fatalf("edition's changes: %+v, %v", changes, err)
		}
		if all, _ := s.Changes(ctx, "", 10); len(all) != 2 || all[0].Kind != digest.ChangePause || all[0].Before != nil {
			t.Errorf("all changes: %+v", all)
		}
		if err := s.RestoreEditorialState(ctx, "e", changes[0].Before, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, err := s.EditorialState(ctx, "e")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("restored %+v\nwant     %+v", got, want)
		}
		// A sent edition's state is not restored.
		if _, err := s.StartSending(ctx, "e", now); err != nil {
			t.Fatal(err)
		}
		if err := s.RestoreEditorialState(ctx, "e", want, now); !errors.Is(err, digest.ErrLocked) {
			t.Errorf("restore while sending: %v", err)
		}
	})
}
