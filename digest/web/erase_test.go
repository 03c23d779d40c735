package web

import (
	"bytes"
	"context"
	"database/sql"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to search PostgreSQL apart from the store

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

// After an erasure the address and the name are nowhere: not in any
// text column of any table (enumerated from the catalog here, apart
// from the store's own check) nor in any file under the data dir, the
// database file and its log included. Importing the old CSV does not
// bring them back, nor does a sign-up.
func TestEraseLeavesNothing(t *testing.T) {
	f := desktest.New(t)
	h := newEditor(t, f)
	ctx := context.Background()
	const address, name = "augusta@example.net", "Augusta Kingsbury"

	rec := post(t, h, "/subscribers/add", url.Values{"address": {address}, "name": {name}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("add: %d %s", rec.Code, rec.Body)
	}
	sub, err := f.Store.Subscriber(ctx, address)
	if err != nil {
		t.Fatal(err)
	}
	// Every kind of record digest keeps about a person.
	if _, err := f.Desk.SendTest(ctx, f.EditionID, name+" <"+address+">"); err != nil {
		t.Fatalf("test copy: %v", err)
	}
	send(t, f)
	for i, ev := range []digest.BounceEvent{
		{SubscriberID: sub.ID, Diagnostic: "550 5.1.1 <" + address + ">: no such user"},
		{Diagnostic: "unmatched report", Raw: []byte("Final-Recipient: rfc822; " + strings.ToUpper(address))},
	} {
		ev.SourceKey, ev.EditionID, ev.Kind, ev.Action, ev.ReceivedAt = "k"+string(rune('a'+i)), f.EditionID, digest.BounceSoft, digest.BounceNoAction, f.Clock.Now()
		if ev.Raw == nil {
			ev.Raw = []byte("To: " + name + " <" + address + ">\r\n\r\nbounce")
		}
		if _, err := f.Store.RecordBounce(ctx, &ev); err != nil {
			t.Fatalf("record bounce: %v", err)
		}
	}
	if err := f.Desk.Subscribe(ctx, address, name, nil); err != nil {
		t.Fatalf("sign-up: %v", err)
	}
	f.SendNotices(t)
	oldCSV := get(t, h, "/subscribers/export.csv").Body.Bytes()
	if !bytes.Contains(oldCSV, []byte(address)) {
		t.Fatal("the export lacks the address")
	}
	if places := mentions(t, f, address); len(places) < 5 {
		t.Fatalf("the set-up left the address in only %v", places)
	}

	// The data export first, as a person asks for it before erasure.
	ref := "/subscribers/" + sub.PublicID
	rec = get(t, h, ref+"/data.json")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), name) || !strings.Contains(rec.Body.String(), "no such user") ||
		!strings.Contains(rec.Body.String(), f.EditionID) || !strings.Contains(rec.Body.String(), `"Raw": "VG86I`) || !strings.Contains(rec.Header().Get("Content-Disposition"), "attachment") {
		t.Errorf("data export: %d %s", rec.Code, rec.Body)
	}
	// Erasure asks first; a POST without the confirmation erases nothing.
	if rec := get(t, h, ref+"/erase"); !strings.Contains(rec.Body.String(), `id="erase-confirm-button"`) {
		t.Fatalf("no confirmation page: %s", rec.Body)
	}
	post(t, h, ref+"/erase", url.Values{})
	if _, err := f.Store.Subscriber(ctx, address); err != nil {
		t.Fatalf("erased without confirmation: %v", err)
	}
	page := follow(t, h, post(t, h, ref+"/erase", url.Values{"confirm": {"erase"}}))
	if !strings.Contains(page.Body.String(), "Erased "+address) || strings.Contains(page.Body.String(), "still name") {
		t.Errorf("the list page does not say the erasure was complete: %s", page.Body)
	}
	for _, needle := range []string{address, name} {
		if places := mentions(t, f, needle); len(places) > 0 {
			t.Errorf("after erasure %q is still in %v", needle, places)
		}
	}

	// The old CSV: the preview keeps them out, saying why, and applying
	// it does not add them.
	rec = upload(t, h, oldCSV)
	if !strings.Contains(rec.Body.String(), "erased at their request") {
		t.Errorf("the import preview does not keep the erased address out: %s", rec.Body)
	}
	if csv, fp := hiddenFields(t, rec.Body.String()); csv != "" {
		post(t, h, "/subscribers/import/apply", url.Values{"csv": {csv}, "fingerprint": {fp}})
	}
	// Nor does a sign-up, once the outbox has decided it.
	if err := f.Desk.Subscribe(ctx, address, name, nil); err != nil {
		t.Fatalf("sign-up: %v", err)
	}
	f.SendNotices(t)
	if _, err := f.Store.Subscriber(ctx, address); err == nil {
		t.Error("an import or a sign-up brought the erased address back")
	}
	// Nor a late bounce report that no key matches.
	late := digest.BounceEvent{SourceKey: "late", Kind: digest.BounceHard, Action: digest.BounceNoAction, ReceivedAt: f.Clock.Now(),
		Raw: []byte("Final-Recipient: rfc822;" + address + "\r\nDiagnostic-Code: smtp; 550 unknown")}
	if _, err := f.Store.RecordBounce(ctx, &late); err != nil {
		t.Fatal(err)
	}
	for _, needle := range []string{address, name} {
		if places := mentions(t, f, needle); len(places) > 0 {
			t.Errorf("after the import and the sign-up %q is in %v", needle, places)
		}
	}
}

// mentions searches the database and the data dir for text, apart from
// the store: every text column of every table the catalog lists, and
// every byte of every file.
func mentions(t *testing.T, f *desktest.Fixture, text string) []string {
	t.Helper()
	needle := strings.ToLower(text)
	var out []string
	db, pg := openDatabase(t, f)
	var q string
	if pg {
		q = `SELECT table_name, column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema()
			AND udt_name IN ('text', 'citext', 'varchar', 'bytea', 'json', 'jsonb')`
	} else {
		q = `SELECT m.name, p.name, lower(p.type) FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'`
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	var cols [][3]string
	for rows.Next() {
		var c [3]string
		if err := rows.Scan(&c[0], &c[1], &c[2]); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, c)
	}
	rows.Close()
	if len(cols) < 20 {
		t.Fatalf("the catalog lists only %d columns", len(cols))
	}
	for _, c := range cols {
		expr, arg := `instr(lower(CAST("`+c[1]+`" AS TEXT)), ?) > 0`, any(needle)
		if pg {
			expr = `strpos(lower(CAST("` + c[1] + `" AS TEXT)), $1) > 0`
			if c[2] == "bytea" {
				expr = `strpos(lower(encode("` + c[1] + `", 'escape')), $1) > 0`
			}
		}
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) FROM "`+c[0]+`" WHERE `+expr, arg).Scan(&n); err != nil {
			t.Fatalf("search %s.%s: %v", c[0], c[1], err)
		}
		if n > 0 {
			out = append(out, c[0]+"."+c[1])
		}
	}
	err = filepath.WalkDir(f.App.Config.DataDir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || !e.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.Contains(bytes.ToLower(b), []byte(needle)) {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// openDatabase opens the fixture's database with its own connection.
func openDatabase(t *testing.T, f *desktest.Fixture) (*sql.DB, bool) {
	t.Helper()
	driver, dsn, pg := "sqlite", filepath.Join(f.App.Config.DataDir, "digest.db"), false
	if u := f.App.Config.Database.URL; u != "" {
		driver, dsn, pg = "pgx", u, true
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, pg
}
