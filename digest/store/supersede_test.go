package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// The schema takes every status the domain names: its CHECK and
// digest.EditionStatuses list the same ones.
func TestEveryStatusIsStored(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := openTest(t, db)
		ctx := context.Background()
		for _, st := range digest.EditionStatuses {
			e := &digest.EditionRecord{ID: string(st), Key: string(st), Kind: "manual", Status: st, CreatedAt: time.Now()}
			if err := s.InsertEdition(ctx, e); err != nil {
				t.Errorf("%s: %v", st, err)
				continue
			}
			if got, err := s.Edition(ctx, e.ID); err != nil || got.Status != st {
				t.Errorf("%s: read back %+v, %v", st, got, err)
			}
		}
	})
}

// editionOf stores an edition numbered issue holding the articles, in a
// status (approved through Approve, so that it could be sent).
func editionOf(t *testing.T, s *Store, id string, issue int, status digest.EditionStatus, articles ...string) {
	t.Helper()
	ctx := context.Background()
	e := &digest.EditionRecord{ID: id, Key: id, Kind: "manual", Status: status, Issue: issue, Title: id, CreatedAt: time.Now(),
		Rendition: testRendition(id)}
	if status == digest.EditionApproved {
		e.Status = digest.EditionDraft
	}
	for i, a := range articles {
		e.Items = append(e.Items, digest.Placement{ArticleID: a, Section: "S", Position: i})
	}
	if err := s.InsertEdition(ctx, e); err != nil {
		t.Fatal(err)
	}
	if status == digest.EditionApproved {
		if _, err := s.Approve(ctx, id, "test", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

// newsStore is a store with one subscriber and the articles a, b and c.
func newsStore(t *testing.T, db backend) *Store {
	t.Helper()
	s := openTest(t, db)
	ctx := context.Background()
	arts := []*digest.Article{article("a", "Alpha"), article("b", "Beta"), article("c", "Gamma")}
	if _, err := s.SaveArticles(ctx, arts, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddSubscriber(ctx, "ada@example.net", "", time.Now()); err != nil {
		t.Fatal(err)
	}
	return s
}

// When an edition starts sending, every older edition not yet sending
// that shares an article with it is superseded, approved or not, and
// names it; one sharing nothing, one already sending and a newer one
// are left as they are. A superseded edition is then refused, naming
// the edition that superseded it.
func TestSendingSupersedesOlderEditions(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := newsStore(t, db)
		ctx := context.Background()
		editionOf(t, s, "old-draft", 1, digest.EditionDraft, "a")
		editionOf(t, s, "old-approved", 2, digest.EditionApproved, "b", "c")
		editionOf(t, s, "old-unrelated", 3, digest.EditionDraft, "c")
		editionOf(t, s, "old-sending", 4, digest.EditionSending, "a")
		editionOf(t, s, "new", 5, digest.EditionDraft, "a", "b")
		editionOf(t, s, "newer", 6, digest.EditionDraft, "a")
		if _, err := s.StartSending(ctx, "new", time.Now()); err != nil {
			t.Fatal(err)
		}
		want := map[string]digest.EditionStatus{
			"old-draft": digest.EditionSuperseded, "old-approved": digest.EditionSuperseded,
			"old-unrelated": digest.EditionDraft, "old-sending": digest.EditionSending,
			"new": digest.EditionSending, "newer": digest.EditionDraft,
		}
		for id, status := range want {
			e, err := s.Edition(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			superseded := status == digest.EditionSuperseded
			if e.Status != status || superseded != (e.SupersededBy == "new") ||
				superseded != strings.Contains(e.Note, "superseded by new (No. 5)") {
				t.Errorf("%s: %s, superseded by %q, note %q; want %s", id, e.Status, e.SupersededBy, e.Note, status)
			}
		}
		unsent, err := s.Editions(ctx, 10, digest.UnsentStatuses...)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range unsent {
			if e.Status == digest.EditionSuperseded {
				t.Errorf("%s is listed as unsent", e.ID)
			}
		}
		_, err = s.StartSending(ctx, "old-draft", time.Now())
		if err == nil || !strings.Contains(err.Error(), "superseded by new (No. 5)") {
			t.Errorf("sending a superseded edition: %v, want a refusal naming new, No. 5", err)
		}
		if n, _ := s.DeliveryCounts(ctx, "old-draft"); len(n) != 0 {
			t.Errorf("the superseded edition has deliveries: %v", n)
		}
	})
}

// An editor discards a draft or an approved edition: it is never sent,
// and its articles stay candidates. Discarding again is harmless; an
// edition sending or sent cannot be discarded.
func TestDiscard(t *testing.T) {
	eachBackend(t, func(t *testing.T, db backend) {
		s := newsStore(t, db)
		ctx := context.Background()
		editionOf(t, s, "draft", 1, digest.EditionDraft, "a")
		editionOf(t, s, "approved", 2, digest.EditionApproved, "b")
		editionOf(t, s, "sending", 3, digest.EditionSending, "c")
		editionOf(t, s, "sent", 4, digest.EditionSent)
		for _, id := range []string{"draft", "approved", "approved"} {
			if err := s.Discard(ctx, id, "command line"); err != nil {
				t.Fatalf("discard %s: %v", id, err)
			}
			e, err := s.Edition(ctx, id)
			if err != nil || e.Status != digest.EditionDiscarded || e.Note != "discarded by command line" {
				t.Errorf("%s after discarding: %+v, %v", id, e, err)
			}
			_, err = s.StartSending(ctx, id, time.Now())
			if err == nil || !strings.Contains(err.Error(), "discarded by command line") {
				t.Errorf("sending discarded %s: %v, want a refusal saying why", id, err)
			}
		}
		for _, id := range []string{"sending", "sent"} {
			err := s.Discard(ctx, id, "command line")
			if !errors.Is(err, digest.ErrLocked) || !strings.Contains(err.Error(), "is "+id) {
				t.Errorf("discard %s: %v, want digest.ErrLocked saying it is %s", id, err, id)
			}
		}
		if err := s.Discard(ctx, "nope", "command line"); !errors.Is(err, digest.ErrNotFound) {
			t.Errorf("discard an unknown edition: %v", err)
		}
		arts, err := s.UnsentArticles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, a := range arts {
			ids = append(ids, a.ID)
		}
		if !slices.Equal(ids, []string{"a", "b"}) {
			t.Errorf("candidates %v, want a and b: a discarded edition's articles are not carried", ids)
		}
	})
}
