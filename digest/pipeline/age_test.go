package pipeline

import (
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// Fetched articles older than max_age are left out with the reason; the
// editor's own material (seeds, drop files) never ages out, and an
// article an editor included stays.
func TestMaxAge(t *testing.T) {
	b, _ := testBuilder(t)
	b.Limits.MaxAge = 30 * 24 * time.Hour
	at := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	art := func(id string, origin digest.Origin, daysOld int) *digest.Article {
		return &digest.Article{ID: id, Origin: origin, Title: "Convoy " + id, Published: at.AddDate(0, 0, -daysOld),
			Paragraphs: []string{"Icebreakers escorted a convoy of cargo ships " + id + " through the Arctic shipping route."}}
	}
	cands := []*digest.Article{
		art("old-feed", digest.OriginFeed, 45), art("old-page", digest.OriginWeb, 31), art("new-feed", digest.OriginFeed, 3),
		art("old-seed", digest.OriginSeed, 400), art("old-file", digest.OriginFile, 90), art("kept-by-editor", digest.OriginFeed, 60),
	}
	sc := b.screen(cands, nil, map[string]digest.Override{"kept-by-editor": {ArticleID: "kept-by-editor", Included: true}}, at)
	aged := map[string]string{}
	for _, l := range sc.sel.leftOut {
		if strings.HasPrefix(l.Reason, "older than max_age") {
			aged[l.ID] = l.Reason
		}
	}
	if len(aged) != 2 || aged["old-feed"] != "older than max_age (45 days)" || aged["old-page"] == "" {
		t.Errorf("left out for age: %v, want old-feed (45 days) and old-page", aged)
	}
	b.Limits.MaxAge = 0
	if sc := b.screen(cands, nil, nil, at); len(sc.sel.leftOut) != 0 && strings.HasPrefix(sc.sel.leftOut[0].Reason, "older") {
		t.Errorf("max_age 0 still ages out: %v", sc.sel.leftOut)
	}
}
