package roster

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// A header row (with a spreadsheet's byte-order mark too) is not a row;
// every other line is, with its own line number, and a row that cannot
// be read says why.
func TestReadHeaderAndLines(t *testing.T) {
	in := "\ufeffEmail,Name\n" +
		"ada@example.org,'=Ada\n" +
		"\n" +
		"Grace Hopper <grace@example.org>\n" +
		"nope,\n" +
		"not-an-address,Bad,active\n" +
		"x@example.org,X,Weird \n"
	rows, err := Read(strings.NewReader(in), false)
	if err != nil {
		t.Fatal(err)
	}
	// A refused row shows what the file says, for the preview's columns.
	if r := rows[3]; r.Action != digest.ImportRefused || r.Name != "Bad" || r.Status != digest.SubscriberActive {
		t.Errorf("row with a bad address = %+v", r)
	}
	if r := rows[4]; r.Action != digest.ImportRefused || r.Name != "X" || r.Status != "Weird" {
		t.Errorf("row with a bad status = %+v", r)
	}
	rows = rows[:3]
	if len(rows) != 3 {
		t.Fatalf("rows = %+v, want 3", rows)
	}
	if r := rows[0]; r.Line != 2 || r.Address != "ada@example.org" || r.Name != "=Ada" || r.Action != "" {
		t.Errorf("row 1 = %+v", r)
	}
	if r := rows[1]; r.Line != 4 || r.Name != "Grace Hopper" {
		t.Errorf("row 2 = %+v", r)
	}
	if r := rows[2]; r.Line != 5 || r.Action != digest.ImportRefused || !strings.Contains(r.Reason, "needs an @") {
		t.Errorf("row 3 = %+v", r)
	}
	if _, err := Read(strings.NewReader("a@example.org,\"open\n"), false); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("broken CSV: %v", err)
	}
}

// Each row gets exactly one action, by what the list says.
func TestPlanDecides(t *testing.T) {
	listed := map[string]Listed{
		"on@example.org":     {Subscriber: &digest.Subscriber{Status: digest.SubscriberActive, Name: "On"}},
		"left@example.org":   {Subscriber: &digest.Subscriber{Status: digest.SubscriberUnsubscribed}},
		"bounce@example.org": {Subscriber: &digest.Subscriber{Status: digest.SubscriberBounced}},
		"gone@example.org":   {Erased: true},
	}
	rows, _ := Read(strings.NewReader("address,name,status\n"+
		"new@example.org,,\n"+
		"newleft@example.org,,unsubscribed\n"+
		"on@example.org,Other,\n"+
		"ON@example.org,,bounced\n"+
		"left@example.org,,active\n"+
		"bounce@example.org,,unsubscribed\n"+
		"gone@example.org,,\n"), false)
	err := Plan(rows, func(a string) (Listed, error) { return listed[strings.ToLower(a)], nil })
	if err != nil {
		t.Fatal(err)
	}
	want := []digest.ImportAction{digest.ImportAdd, digest.ImportAdd, digest.ImportUnchanged, digest.ImportRefused,
		digest.ImportKeptOut, digest.ImportUnchanged, digest.ImportKeptOut}
	for i, r := range rows {
		if r.Action != want[i] {
			t.Errorf("line %d (%s): %s (%s), want %s", r.Line, r.Address, r.Action, r.Reason, want[i])
		}
	}
	c := Counts(rows)
	if sum := c[digest.ImportAdd] + c[digest.ImportUpdate] + c[digest.ImportUnchanged] + c[digest.ImportKeptOut] + c[digest.ImportRefused]; sum != len(rows) {
		t.Errorf("counts %v add up to %d for %d rows", c, sum, len(rows))
	}
	// A row saying someone left takes a listed subscriber off.
	rows, _ = Read(strings.NewReader("on@example.org,,bounced\n"), false)
	Plan(rows, func(a string) (Listed, error) { return listed[a], nil })
	if rows[0].Action != digest.ImportUpdate || rows[0].Was != digest.SubscriberActive {
		t.Errorf("taken off: %+v", rows[0])
	}
	// The fingerprint changes with the file and with the plan.
	a := Fingerprint([]byte("x"), rows)
	rows[0].Action = digest.ImportUnchanged
	if a == Fingerprint([]byte("x"), rows) || a == Fingerprint([]byte("y"), nil) {
		t.Error("the fingerprint does not follow the plan")
	}
}

// What Write writes, Read reads back the same, formula cells included.
func TestWriteReadRoundTrip(t *testing.T) {
	subs := []digest.Subscriber{
		{Address: "a@example.org", Name: "=HYPERLINK(\"x\")", Status: digest.SubscriberActive, CreatedAt: time.Unix(0, 0)},
		{Address: "b@example.org", Name: "Lee, Ann", Status: digest.SubscriberBounced, CreatedAt: time.Unix(0, 0)},
	}
	var buf bytes.Buffer
	if err := Write(&buf, subs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `'=HYPERLINK`) {
		t.Errorf("formula not escaped: %s", buf.String())
	}
	rows, err := Read(&buf, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if r.Address != subs[i].Address || r.Name != subs[i].Name || r.Status != subs[i].Status {
			t.Errorf("row %d = %+v, want %+v", i, r, subs[i])
		}
	}
}
