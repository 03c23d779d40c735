package desk_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
	"github.com/digest-newsletter/digest/digest/text"
)

// Forcing a stale sentence into a summary is refused, and the error
// says it is stale, so the editor knows why rather than only that.
func TestForcedStaleSwapIsRefusedWithReason(t *testing.T) {
	ctx := context.Background()
	f := desktest.New(t)
	v, err := f.Desk.View(ctx, f.EditionID)
	if err != nil {
		t.Fatal(err)
	}
	listed, err := f.Desk.Sentences(ctx, v)
	if err != nil {
		t.Fatal(err)
	}
	tried := false
	for _, s := range listed {
		arts, err := f.Store.Articles(ctx, []string{s.ArticleID})
		if err != nil || len(arts) != 1 {
			t.Fatalf("article %s: %v", s.ArticleID, err)
		}
		for _, p := range arts[0].Paragraphs {
			for _, cand := range text.Sentences(p) {
				why, err := f.Desk.Builder.SwapRefusal(ctx, s.ArticleID, v.CreatedAt, cand)
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(why, "stale") {
					continue
				}
				for _, alt := range s.Alternatives {
					if alt == cand {
						t.Errorf("a stale sentence is offered as a swap: %q", cand)
					}
				}
				tried = true
				err = f.Desk.EditSentence(ctx, f.EditionID, desk.SentenceChange{ArticleID: s.ArticleID, Text: s.Text,
					Action: desk.SwapSentence, Replacement: cand})
				if !errors.Is(err, desk.ErrBadInput) || !strings.Contains(err.Error(), "stale") {
					t.Errorf("forcing stale %q: %v, want ErrBadInput naming the stale rule", cand, err)
				}
			}
		}
	}
	if !tried {
		t.Fatal("no summary sentence's article has a stale sentence to force")
	}
}
