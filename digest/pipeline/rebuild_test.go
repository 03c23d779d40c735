package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

func itemSections(ed *digest.Edition) map[string]string {
	out := map[string]string{}
	for _, s := range ed.Sections {
		for _, it := range s.Items {
			out[it.ID] = s.Title
		}
	}
	return out
}

func leftOutReason(ed *digest.Edition, id string) string {
	for _, l := range ed.LeftOut {
		if l.ID == id {
			return l.Reason
		}
	}
	return ""
}

// Each override changes the rebuilt edition the way an editor expects,
// keeps the edition's identity and returns it to draft.
func TestRebuildAppliesOverrides(t *testing.T) {
	ctx := context.Background()
	src := FSSource{Label: "many", FS: manyArticles(8), Origin: digest.OriginFile, MaxBytes: 1 << 20}
	b, st := testBuilder(t, src, dropSource(t, "testdata/drop"))
	b.Limits.ItemsPerSection = 3
	res, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first := res.Edition
	placed := itemSections(first)
	var kept, trimmed, offTheme string
	for id := range placed {
		kept = id
		break
	}
	for _, l := range first.LeftOut {
		switch {
		case strings.HasPrefix(l.Reason, "off theme"):
			offTheme = l.ID
		case strings.HasPrefix(l.Reason, "section"):
			trimmed = l.ID
		}
	}
	if kept == "" || trimmed == "" || offTheme == "" {
		t.Fatalf("fixture should give a kept, a trimmed and an off-theme article: %+v", first.LeftOut)
	}
	other := ""
	for _, s := range b.Sections {
		if s.Title != placed[kept] {
			other = s.Title
		}
	}
	if _, err := st.Approve(ctx, first.ID, "test", b.Clock.Now()); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		o     digest.Override
		check func(t *testing.T, ed *digest.Edition)
	}{
		{"exclude", digest.Override{ArticleID: kept, Excluded: true}, func(t *testing.T, ed *digest.Edition) {
			if _, in := itemSections(ed)[kept]; in || leftOutReason(ed, kept) != ReasonExcluded {
				t.Errorf("excluded article still in, or reason %q", leftOutReason(ed, kept))
			}
		}},
		{"include off theme", digest.Override{ArticleID: offTheme, Included: true}, func(t *testing.T, ed *digest.Edition) {
			if _, in := itemSections(ed)[offTheme]; !in {
				t.Errorf("included off-theme article left out: %q", leftOutReason(ed, offTheme))
			}
		}},
		{"pin a trimmed article", digest.Override{ArticleID: trimmed, Pinned: true}, func(t *testing.T, ed *digest.Edition) {
			if ed.Sections[0].Items[0].ID != trimmed {
				t.Errorf("pinned article not first: %s", ed.Sections[0].Items[0].ID)
			}
			for _, s := range ed.Sections {
				if len(s.Items) > b.Limits.ItemsPerSection {
					t.Errorf("section %q has %d items, limit %d", s.Title, len(s.Items), b.Limits.ItemsPerSection)
				}
			}
		}},
		{"move", digest.Override{ArticleID: kept, Section: other}, func(t *testing.T, ed *digest.Edition) {
			if got := itemSections(ed)[kept]; got != other {
				t.Errorf("moved article is in %q, want %q", got, other)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := st.SetOverride(ctx, first.ID, tt.o, b.Clock.Now()); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.SetOverride(ctx, first.ID, digest.Override{ArticleID: tt.o.ArticleID}, b.Clock.Now()) })
			res, err := b.Rebuild(ctx, first.ID)
			if err != nil {
				t.Fatal(err)
			}
			ed := res.Edition
			if ed.ID != first.ID || ed.Key != first.Key || ed.Title != first.Title {
				t.Errorf("identity changed: %s %s %q", ed.ID, ed.Key, ed.Title)
			}
			rec, err := st.Edition(ctx, first.ID)
			if err != nil {
				t.Fatal(err)
			}
			if rec.Status != "draft" || rec.ApprovedHash != "" {
				t.Errorf("after a rebuild: status %s, approval %q; want a draft", rec.Status, rec.ApprovedHash)
			}
			tt.check(t, ed)
		})
	}
}

// A sending or sent edition is never rebuilt.
func TestRebuildRefusesSentEdition(t *testing.T) {
	ctx := context.Background()
	b, st := testBuilder(t, dropSource(t, "testdata/drop"))
	res, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.StartSending(ctx, res.Edition.ID, b.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Rebuild(ctx, res.Edition.ID); !errors.Is(err, digest.ErrLocked) {
		t.Errorf("rebuild of a sending edition: %v, want ErrLocked", err)
	}
	err = st.SetOverride(ctx, res.Edition.ID, digest.Override{ArticleID: res.Edition.Sections[0].Items[0].ID, Excluded: true}, b.Clock.Now())
	if !errors.Is(err, digest.ErrLocked) {
		t.Errorf("override on a sending edition: %v, want ErrLocked", err)
	}
}

// A slot build keeps its key, dates its title by the slot, refuses a taken
// slot and stores nothing when there is too little news.
func TestSlotBuild(t *testing.T) {
	ctx := context.Background()
	b, st := testBuilder(t, dropSource(t, "testdata/drop"))
	tokyo := time.FixedZone("JST", 9*3600)
	slot := time.Date(2026, 11, 22, 7, 0, 0, 0, tokyo) // 2026-11-21 22:00 UTC
	req := Request{ID: "20261122-0700-scheduled", Key: "scheduled:2026-11-22T07:00 Asia/Tokyo", SlotAt: slot, MinNew: 1}

	if _, err := b.BuildFor(ctx, Request{ID: "x", Key: "scheduled:x", MinNew: 99}); !errors.As(err, new(*NotEnoughNewsError)) {
		t.Fatalf("min 99: %v, want NotEnoughNewsError", err)
	}
	if eds, _ := st.Editions(ctx, 10); len(eds) != 0 {
		t.Fatalf("a slot without enough news stored %d editions", len(eds))
	}
	res, err := b.BuildFor(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Edition.Key != req.Key || res.Edition.ID != req.ID || !strings.HasSuffix(res.Edition.Title, "22 November 2026") {
		t.Errorf("slot edition %s %s %q", res.Edition.ID, res.Edition.Key, res.Edition.Title)
	}
	rec, err := st.EditionByKey(ctx, req.Key)
	if err != nil || rec.Kind != "scheduled" || !rec.SlotAt.Equal(slot) || len(rec.Candidates) == 0 {
		t.Fatalf("stored slot edition: %+v, %v", rec, err)
	}
	if _, err := b.BuildFor(ctx, req); !errors.Is(err, digest.ErrKeyExists) {
		t.Errorf("second build of one slot: %v, want ErrKeyExists", err)
	}
}

// Seeded articles are news only until the first edition goes out.
func TestSeedsCountOnlyForTheFirstEdition(t *testing.T) {
	ctx := context.Background()
	seedsrc := FSSource{Label: "seeds", FS: manyArticles(3), Origin: digest.OriginSeed, MaxBytes: 1 << 20}
	b, st := testBuilder(t, seedsrc)
	b.Limits.ItemsPerSection = 1 // leaves seeds unsent after the first edition
	res, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Edition.LeftOut) == 0 {
		t.Fatal("fixture should leave a seeded article out of the first edition")
	}
	if _, err := st.StartSending(ctx, res.Edition.ID, b.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	_, err = b.BuildFor(ctx, Request{ID: "next", Key: "scheduled:next", MinNew: 1})
	var nen *NotEnoughNewsError
	if !errors.As(err, &nen) || nen.New != 0 {
		t.Errorf("after the first edition: %v, want no new articles", err)
	}
}
