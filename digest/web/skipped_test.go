package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// A slot the scheduler skipped has nothing rendered: the list and its
// page still show it, with the reason, and offer no approval.
func TestSkippedSlotPages(t *testing.T) {
	f := desktest.New(t)
	now := f.Clock.Now()
	rec := &digest.EditionRecord{ID: "20261116-0700-UTC", Key: "scheduled:2026-11-16T07:00 UTC", Kind: "scheduled",
		Status: digest.EditionSkipped, CreatedAt: now, BuiltAt: now, Note: "0 new on-theme articles, fewer than min_new_articles (1)"}
	if err := f.Store.InsertEdition(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	h := newEditor(t, f)
	list := request{method: "GET", target: "/"}.do(t, h, editorAddr)
	if list.Code != http.StatusOK || !strings.Contains(list.Body.String(), rec.ID) {
		t.Fatalf("list: %d", list.Code)
	}
	page := request{method: "GET", target: "/editions/" + rec.ID}.do(t, h, editorAddr)
	body := page.Body.String()
	if page.Code != http.StatusOK || !strings.Contains(body, "min_new_articles") {
		t.Fatalf("skipped edition page: %d\n%s", page.Code, body)
	}
	if strings.Contains(body, `/approve"`) {
		t.Error("a skipped edition offers approval")
	}
}
