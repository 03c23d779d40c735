package desk_test

import (
	"bytes"
	"context"
	"errors"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/compose"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

func TestViewShowsWhatASubscriberGets(t *testing.T) {
	f := desktest.New(t)
	v, err := f.Desk.View(context.Background(), f.EditionID)
	if err != nil {
		t.Fatal(err)
	}
	headers := map[string]string{}
	for _, h := range v.Headers {
		headers[h[0]] = h[1]
	}
	for _, name := range []string{"From", "To", "Subject", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post", "Content-Type"} {
		if headers[name] == "" {
			t.Errorf("sample headers lack %s: %v", name, v.Headers)
		}
	}
	if !strings.Contains(string(v.HTML), desktest.PublicURL+"/unsubscribe?") || strings.Contains(string(v.HTML), compose.Placeholder) {
		t.Error("preview HTML should carry a sample unsubscribe link, not the placeholder")
	}
	if len(v.Items) != v.Edition.ItemCount() || len(v.Sections) < 2 || v.Status != "draft" {
		t.Errorf("%d items for %d in the edition, %d sections, status %s", len(v.Items), v.Edition.ItemCount(), len(v.Sections), v.Status)
	}
	if _, err := f.Desk.View(context.Background(), "nope"); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("unknown edition: %v", err)
	}
}

func TestChangeRejectsBadInput(t *testing.T) {
	f := desktest.New(t)
	ctx := context.Background()
	v, _ := f.Desk.View(ctx, f.EditionID)
	tests := []desk.Change{
		{ArticleID: "not-in-this-edition", Action: desk.Exclude},
		{ArticleID: v.Items[0].ArticleID, Action: "delete"},
		{ArticleID: v.Items[0].ArticleID, Action: desk.Move, Section: "No such section"},
	}
	for _, ch := range tests {
		if err := f.Desk.Change(ctx, f.EditionID, ch); !errors.Is(err, desk.ErrBadInput) {
			t.Errorf("%+v: %v, want ErrBadInput", ch, err)
		}
	}
	after, _ := f.Desk.View(ctx, f.EditionID)
	if string(after.JSON) != string(v.JSON) {
		t.Error("a rejected change altered the edition")
	}
}

func TestSendTestIsNotADelivery(t *testing.T) {
	f := desktest.New(t)
	ctx := context.Background()
	id, err := f.Desk.SendTest(ctx, f.EditionID, "Editor <editor@example.net>")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(f.Outbox, "*.eml"))
	if len(files) != 1 {
		t.Fatalf("%d files in the outbox, want the test copy", len(files))
	}
	data, _ := os.ReadFile(files[0])
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if !strings.HasPrefix(subject, "[Test] ") || !strings.Contains(id, "-test-") {
		t.Errorf("test copy not marked: subject %q, message id %s", subject, id)
	}
	// A second copy has its own Message-ID; the copies' unsubscribe link
	// works and unsubscribes nobody.
	f.Clock.Set(f.Clock.Now().Add(time.Second))
	second, err := f.Desk.SendTest(ctx, f.EditionID, "Editor <editor@example.net>")
	if err != nil || second == id {
		t.Errorf("second test copy: message id %q (first %q), %v", second, id, err)
	}
	link := regexp.MustCompile(`unsubscribe\?s=(\d+)&t=([\w-]+)`).FindStringSubmatch(string(data))
	if link == nil {
		t.Fatal("no unsubscribe link in the test copy")
	}
	if _, err := f.Desk.Unsubscribe(ctx, link[1], link[2]); !errors.Is(err, desk.ErrTestCopy) {
		t.Errorf("the test copy's link: %v, want ErrTestCopy", err)
	}
	for _, s := range f.Subscribers {
		if sub, _ := f.Store.SubscriberByID(ctx, s.ID); sub.Status != digest.SubscriberActive {
			t.Errorf("%s is %s after a test copy's link was used", s.Address, sub.Status)
		}
	}
	counts, _ := f.Store.DeliveryCounts(ctx, f.EditionID)
	v, _ := f.Desk.View(ctx, f.EditionID)
	if len(counts) != 0 || v.Status != "draft" {
		t.Errorf("a test copy counted as delivery: %v, status %s", counts, v.Status)
	}
	if _, err := f.Desk.SendTest(ctx, f.EditionID, "not an address"); !errors.Is(err, desk.ErrBadInput) {
		t.Errorf("bad address: %v", err)
	}
}

func TestUnsubscribe(t *testing.T) {
	f := desktest.New(t)
	ctx := context.Background()
	ada, grace := f.Subscribers[0], f.Subscribers[1]
	good := compose.Token(f.Secret, ada)
	if _, err := f.Desk.Unsubscribe(ctx, ada.PublicID, compose.Token(f.Secret, grace)); !errors.Is(err, desk.ErrBadToken) {
		t.Errorf("another subscriber's token: %v", err)
	}
	if _, err := f.Desk.Unsubscribe(ctx, "999", good); !errors.Is(err, desk.ErrBadToken) {
		t.Errorf("unknown subscriber: %v", err)
	}
	if _, err := f.Desk.Unsubscribe(ctx, strings.Repeat("0", digest.PublicIDLength), good); !errors.Is(err, desk.ErrBadToken) {
		t.Errorf("unknown reference: %v", err)
	}
	if sub, err := f.Desk.CheckUnsubscribe(ctx, ada.PublicID, good); err != nil || sub.Status != digest.SubscriberActive {
		t.Fatalf("check: %+v, %v", sub, err)
	}
	// A link sent before references names the row id; it still works.
	if sub, err := f.Desk.CheckUnsubscribe(ctx, strconv.FormatInt(ada.ID, 10), good); err != nil || sub.ID != ada.ID {
		t.Fatalf("check by row id: %+v, %v", sub, err)
	}
	for range 2 { // the second time is harmless
		sub, err := f.Desk.Unsubscribe(ctx, ada.PublicID, good)
		if err != nil || sub.Status != digest.SubscriberUnsubscribed {
			t.Fatalf("unsubscribe: %+v, %v", sub, err)
		}
	}
	if g, _ := f.Store.SubscriberByID(ctx, grace.ID); g.Status != digest.SubscriberActive {
		t.Errorf("another subscriber changed: %s", g.Status)
	}
}

func TestArchiveHoldsOnlySentEditions(t *testing.T) {
	f := desktest.New(t)
	ctx := context.Background()
	if _, err := f.Desk.PublicHTML(ctx, f.EditionID); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("a draft in the archive: %v", err)
	}
	if _, err := f.Desk.Lead(ctx, f.EditionID); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("a draft's lead in the archive: %v", err)
	}
	sum, err := f.Desk.Send(ctx, f.EditionID, nil)
	if err != nil || !sum.Finished {
		t.Fatalf("send: %+v, %v", sum, err)
	}
	arch, err := f.Desk.Archive(ctx, 10)
	if err != nil || len(arch) != 1 || arch[0].ID != f.EditionID || arch[0].Deliveries["sent"] != len(f.Subscribers) {
		t.Fatalf("archive: %+v, %v", arch, err)
	}
	html, err := f.Desk.PublicHTML(ctx, f.EditionID)
	if err != nil || strings.Contains(string(html), "/unsubscribe?") {
		t.Errorf("web copy: %v, or it carries an unsubscribe link", err)
	}
	if lead, err := f.Desk.Lead(ctx, f.EditionID); err != nil || lead == "" || !strings.Contains(string(html), strings.Fields(lead)[0]) {
		t.Errorf("sent edition's lead = %q, %v; want the words its web copy opens with", lead, err)
	}
}

// A skipped slot has nothing rendered; its page still opens, with its reason.
func TestViewOfASkippedSlot(t *testing.T) {
	f := desktest.New(t)
	ctx := context.Background()
	now := f.Clock.Now()
	rec := &digest.EditionRecord{ID: "20261116-0700-UTC", Key: "scheduled:2026-11-16T07:00 UTC", Kind: "scheduled",
		Status: digest.EditionSkipped, CreatedAt: now, BuiltAt: now, Note: "0 new on-theme articles"}
	if err := f.Store.InsertEdition(ctx, rec); err != nil {
		t.Fatal(err)
	}
	v, err := f.Desk.View(ctx, rec.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v.Status != "skipped" || v.Note != rec.Note || len(v.Items) != 0 || v.HTML != nil {
		t.Errorf("skipped slot view: %+v", v.Summary)
	}
	if err := f.Desk.Approve(ctx, rec.ID); !errors.Is(err, digest.ErrLocked) {
		t.Errorf("approving a skipped slot: %v, want ErrLocked", err)
	}
}

// An editor's change touches only what it must: excluding each article
// of the seeded edition in turn leaves every other one in its section;
// re-placing is there when asked for.
func TestChangesKeepOthersPlaced(t *testing.T) {
	ctx := context.Background()
	f := desktest.New(t)
	before, err := f.Desk.View(ctx, f.EditionID)
	if err != nil {
		t.Fatal(err)
	}
	placed := map[string]string{}
	for _, it := range before.Items {
		if it.Section != "" {
			placed[it.ArticleID] = it.Section
		}
	}
	for excluded := range placed {
		g := desktest.New(t)
		if err := g.Desk.Change(ctx, g.EditionID, desk.Change{ArticleID: excluded, Action: desk.Exclude}); err != nil {
			t.Fatal(err)
		}
		after, err := g.Desk.View(ctx, g.EditionID)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range after.Items {
			if it.ArticleID != excluded && it.Section != "" && it.Section != placed[it.ArticleID] {
				t.Errorf("excluding %s moved %q from %q to %q", excluded, it.Title, placed[it.ArticleID], it.Section)
			}
			if it.ArticleID != excluded && it.Section == "" && placed[it.ArticleID] != "" {
				t.Errorf("excluding %s left out %q", excluded, it.Title)
			}
		}
	}
	if err := f.Desk.Replace(ctx, f.EditionID); err != nil {
		t.Fatalf("re-place: %v", err)
	}
}

// An edition stored by an older digest, without mail parts, gets them
// rendered once when it is approved, and is then sent as approved.
func TestOldEditionWithoutMailParts(t *testing.T) {
	ctx := context.Background()
	f := desktest.New(t)
	built, err := f.Store.Edition(ctx, f.EditionID)
	if err != nil {
		t.Fatal(err)
	}
	old := &digest.EditionRecord{ID: "old-edition", Key: "manual:old-edition", Kind: "manual", Status: digest.EditionDraft,
		Title: built.Title, CreatedAt: built.CreatedAt, BuiltAt: built.BuiltAt,
		Rendition: digest.Rendition{HTML: built.HTML, Text: built.Text, JSON: built.JSON}}
	if err := f.Store.InsertEdition(ctx, old); err != nil {
		t.Fatal(err)
	}
	if err := f.Desk.Approve(ctx, old.ID); err != nil {
		t.Fatalf("approve an old edition: %v", err)
	}
	rec, _ := f.Store.Edition(ctx, old.ID)
	if !rec.Mailable() || rec.Status != digest.EditionApproved {
		t.Fatalf("after approval: mailable %v, status %s", rec.Mailable(), rec.Status)
	}
	sum, err := f.Desk.Send(ctx, old.ID, nil)
	if err != nil || sum.Sent != len(f.Subscribers) {
		t.Fatalf("send: %+v, %v", sum, err)
	}
}
