package web

import (
	"context"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// The list finds people by address or name, filters by status and by
// section, and pages through many.
func TestSubscribersSearchAndFilter(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	ctx := context.Background()
	var many []digest.Subscriber
	for i := range 60 {
		many = append(many, digest.Subscriber{Address: fmt.Sprintf("reader%02d@example.org", i)})
	}
	many = append(many, digest.Subscriber{Address: "zoe@example.com", Name: "Zoë Quartermaine"},
		digest.Subscriber{Address: "gone@example.com", Status: digest.SubscriberBounced})
	if _, _, err := f.Store.AddSubscribers(ctx, many, f.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	sections := f.Desk.SectionTitles()
	if len(sections) < 2 {
		t.Fatalf("the fixture has %d sections", len(sections))
	}
	zoe, _ := f.Store.Subscriber(ctx, "zoe@example.com")
	if err := f.Store.SetSubscriberSections(ctx, zoe.ID, digest.Sections{sections[0]}, f.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	ada := f.Subscribers[0]
	if err := f.Store.SetSubscriberSections(ctx, ada.ID, digest.Sections{sections[1]}, f.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query     string
		want, not []string
	}{
		{"q=quarter", []string{"zoe@example.com", "1–1 of 1"}, []string{"ada@example.net", "reader01"}},
		{"q=ZOE%40", []string{"zoe@example.com"}, []string{"reader01"}},
		{"q=100%25", []string{"No subscriber matches"}, nil}, // % is a character, not a wildcard
		{"status=bounced", []string{"gone@example.com"}, []string{"zoe@example.com", "ada@example.net"}},
		// A section's readers: who chose it, and who chose none (every section).
		{"section=" + url.QueryEscape(sections[0]) + "&q=example.com", []string{"zoe@example.com", "gone@example.com"}, []string{"ada@example.net"}},
		{"section=" + url.QueryEscape(sections[0]) + "&q=reader01", []string{"reader01"}, nil},
		{"section=" + url.QueryEscape(sections[0]) + "&q=ada", []string{"No subscriber matches"}, nil},
		{"section=" + url.QueryEscape(sections[1]) + "&q=example.net", []string{"ada@example.net", "grace@example.net"}, []string{"zoe@"}},
		{"", []string{"1–50 of 64", `id="next-page"`}, []string{`id="prev-page"`, "reader55"}},
		{"page=2", []string{"51–64 of 64", "reader55", `id="prev-page"`}, []string{`id="next-page"`}},
	}
	for _, tt := range tests {
		rec := get(t, h, "/subscribers?"+tt.query)
		if rec.Code != 200 {
			t.Errorf("%s: %d", tt.query, rec.Code)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(rec.Body.String(), w) {
				t.Errorf("%s: no %q", tt.query, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(rec.Body.String(), n) {
				t.Errorf("%s: has %q", tt.query, n)
			}
		}
	}
	if rec := get(t, h, "/subscribers?status=nonsense"); rec.Code != 400 || !strings.Contains(rec.Body.String(), "choose active") {
		t.Errorf("unknown status: %d", rec.Code)
	}
	// Those who take every section would match any name: an unknown
	// section is refused, not answered with everyone.
	if rec := get(t, h, "/subscribers?section=Gardening"); rec.Code != 400 || !strings.Contains(rec.Body.String(), "There is no section") {
		t.Errorf("unknown section: %d", rec.Code)
	}
}

// Adding checks the address and name as the command does, and says why
// it refuses in plain words, with the form refilled.
func TestSubscribersAddAndRemove(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	rec := post(t, h, "/subscribers/add", url.Values{"address": {"ada.example.org"}, "name": {"Ada"}})
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "such as ada@example.org") || !strings.Contains(rec.Body.String(), `value="ada.example.org"`) {
		t.Errorf("bad address: %d %s", rec.Code, rec.Body)
	}
	page := follow(t, h, post(t, h, "/subscribers/add", url.Values{"address": {"Lin@Example.org"}, "name": {"Lin Wu"}}))
	if !strings.Contains(page.Body.String(), "Added Lin@Example.org") || !strings.Contains(page.Body.String(), "Lin Wu") {
		t.Errorf("after add: %s", page.Body)
	}
	sub, err := f.Store.Subscriber(context.Background(), "lin@example.org")
	if err != nil || sub.Status != digest.SubscriberActive {
		t.Fatalf("added: %+v %v", sub, err)
	}
	if page := follow(t, h, post(t, h, "/subscribers/add", url.Values{"address": {"lin@example.org"}})); !strings.Contains(page.Body.String(), "already on the list") {
		t.Errorf("second add: %s", page.Body)
	}
	page = follow(t, h, post(t, h, "/subscribers/"+sub.PublicID+"/remove", url.Values{}))
	if !strings.Contains(page.Body.String(), `id="person-status">unsubscribed`) {
		t.Errorf("after remove: %s", page.Body)
	}
	// A removed address is not put back by an add.
	post(t, h, "/subscribers/add", url.Values{"address": {"lin@example.org"}})
	if sub, _ := f.Store.Subscriber(context.Background(), "lin@example.org"); sub.Status != digest.SubscriberUnsubscribed {
		t.Errorf("an add put back someone who unsubscribed: %s", sub.Status)
	}
	if rec := get(t, h, "/subscribers/0123456789abcdef0123456789abcdef"); rec.Code != 404 || !strings.Contains(rec.Body.String(), "no such subscriber") {
		t.Errorf("unknown subscriber: %d", rec.Code)
	}
}

// An import previews every row (header skipped, counts adding up to the
// rows, refused rows named with their line) and writes nothing; Apply
// writes exactly that, and a file or list changed since is refused.
func TestSubscribersImportPreviewThenApply(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	ctx := context.Background()
	if _, err := f.Store.AddSubscriber(ctx, "left@example.net", "", f.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	left, _ := f.Store.Subscriber(ctx, "left@example.net")
	f.Store.SetSubscriberStatus(ctx, left.ID, digest.SubscriberUnsubscribed, f.Clock.Now())
	file := "address,name,status\n" +
		"new@example.org,\"Neu, Anna\",active\n" + // line 2: added
		"ada@example.net,,unsubscribed\n" + // line 3: updated (taken off)
		"left@example.net,,active\n" + // line 4: kept out
		"grace@example.net,,\n" + // line 5: already on the list
		"not-an-address,X,\n" + // line 6: refused
		"new@example.org,Again,\n" + // line 7: refused, repeats line 2
		"odd@example.org,,maybe\n" // line 8: refused, bad status
	rec := upload(t, h, []byte(file))
	body := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, "1 added, 1 updated, 1 already on the list, 1 kept out (they had left or were erased), 3 refused") {
		t.Fatalf("preview: %d %s", rec.Code, body)
	}
	for _, w := range []string{"Neu, Anna", "on line 2 already", "not one of active", "such as ada@example.org", `<td>6</td>`, `<td>8</td>`,
		`id="rows-kept-out"`, "only their own sign-up brings them back"} {
		if !strings.Contains(body, w) {
			t.Errorf("preview lacks %q", w)
		}
	}
	if _, err := f.Store.Subscriber(ctx, "new@example.org"); err == nil {
		t.Fatal("the preview wrote")
	}
	csvB64, fp := hiddenFields(t, body)
	if csvB64 == "" {
		t.Fatal("no Apply button")
	}
	// Another file under the same fingerprint is refused.
	other := base64.StdEncoding.EncodeToString([]byte(strings.Replace(file, "new@example.org,\"Neu", "eve@example.org,\"Neu", 1)))
	rec = post(t, h, "/subscribers/import/apply", url.Values{"csv": {other}, "fingerprint": {fp}})
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "changed since the preview") {
		t.Errorf("changed file: %d %s", rec.Code, rec.Body)
	}
	page := follow(t, h, post(t, h, "/subscribers/import/apply", url.Values{"csv": {csvB64}, "fingerprint": {fp}}))
	if !strings.Contains(page.Body.String(), "Imported: 1 added, 1 updated") {
		t.Errorf("after apply: %s", page.Body)
	}
	for addr, want := range map[string]digest.SubscriberStatus{"new@example.org": "active", "ada@example.net": "unsubscribed",
		"left@example.net": "unsubscribed", "grace@example.net": "active"} {
		sub, err := f.Store.Subscriber(ctx, addr)
		if err != nil || sub.Status != want {
			t.Errorf("%s: %v %v, want %s", addr, sub, err, want)
		}
	}
	for _, addr := range []string{"eve@example.org", "odd@example.org"} {
		if _, err := f.Store.Subscriber(ctx, addr); err == nil {
			t.Errorf("%s was written", addr)
		}
	}
	// The same preview again: the list has changed since, so it is refused.
	rec = post(t, h, "/subscribers/import/apply", url.Values{"csv": {csvB64}, "fingerprint": {fp}})
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "Preview the file again") {
		t.Errorf("stale preview: %d %s", rec.Code, rec.Body)
	}
	if rec := upload(t, h, []byte("address\n")); rec.Code != 400 || !strings.Contains(rec.Body.String(), "no rows to import") {
		t.Errorf("empty file: %d", rec.Code)
	}
	if rec := upload(t, h, []byte("a@example.org,\"broken\n")); rec.Code != 400 || !strings.Contains(rec.Body.String(), "line 1") {
		t.Errorf("not CSV: %d %s", rec.Code, rec.Body)
	}
}

// The export is the CLI's CSV (formula cells escaped), and importing it
// back changes nothing.
func TestSubscribersExportRoundTrip(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	if _, err := f.Desk.AddSubscriber(context.Background(), "sum@example.org", "=SUM(A1)"); err != nil {
		t.Fatal(err)
	}
	rec := get(t, h, "/subscribers/export.csv")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("export: %d %s", rec.Code, rec.Header())
	}
	rows, err := csv.NewReader(strings.NewReader(rec.Body.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][0] != "address" || rows[3][1] != "'=SUM(A1)" {
		t.Errorf("export rows: %q", rows)
	}
	if rec := get(t, h, "/subscribers/export.csv?status=active"); strings.Count(rec.Body.String(), "\n") != 4 {
		t.Errorf("active export: %s", rec.Body)
	}
	back := upload(t, h, rec.Body.Bytes())
	if !strings.Contains(back.Body.String(), "0 added, 0 updated, 3 already on the list, 0 kept out") ||
		strings.Contains(back.Body.String(), `id="apply-import"`) {
		t.Errorf("export imported back: %s", back.Body)
	}
}

// One person's page shows their deliveries, bounce reports with the
// decision and evidence, and lets a bounced address be reinstated.
func TestSubscriberHistory(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	ctx := context.Background()
	send(t, f)
	ada := f.Subscribers[0]
	ev := digest.BounceEvent{SourceKey: "k1", SubscriberID: ada.ID, EditionID: f.EditionID, Kind: digest.BounceHard, Status: "5.1.1",
		Diagnostic: "550 mailbox unknown", MatchedBy: "verp", Action: digest.BounceMarked, Decision: "a hard bounce",
		Raw: []byte("x"), ReceivedAt: f.Clock.Now()}
	if _, err := f.Store.RecordBounce(ctx, &ev); err != nil {
		t.Fatal(err)
	}
	f.Store.SetSubscriberStatus(ctx, ada.ID, digest.SubscriberBounced, f.Clock.Now())
	rec := get(t, h, "/subscribers/"+ada.PublicID)
	body := rec.Body.String()
	for _, w := range []string{"ada@example.net", "Put on the list", ": sent", "550 mailbox unknown", "a hard bounce", "verp",
		`id="reinstate"`, `id="export-person"`, `id="erase-start"`, "every section"} {
		if !strings.Contains(body, w) {
			t.Errorf("person page lacks %q", w)
		}
	}
	if strings.Count(body, "editions/"+f.EditionID) < 2 {
		t.Error("the delivery does not link its edition")
	}
	page := follow(t, h, post(t, h, "/subscribers/"+ada.PublicID+"/reinstate", url.Values{}))
	if !strings.Contains(page.Body.String(), "Reinstated ada@example.net") || !strings.Contains(page.Body.String(), `id="person-status">active`) {
		t.Errorf("after reinstate: %s", page.Body)
	}
	rec = post(t, h, "/subscribers/"+ada.PublicID+"/reinstate", url.Values{})
	if rec.Code != 400 || !strings.Contains(rec.Body.String(), "only a bounced address") {
		t.Errorf("reinstate an active one: %d", rec.Code)
	}
	if rec := get(t, h, "/subscribers"); !strings.Contains(rec.Body.String(), `id="nav-subscribers"`) {
		t.Error("no Subscribers link in the navigation")
	}
}
