package cli

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest/store"
)

func TestSubscribersCommands(t *testing.T) {
	data := t.TempDir()
	sub := func(args ...string) (int, string, string) {
		return run(t, append(append([]string{"subscribers"}, args...), "--data-dir", data)...)
	}
	if code, out, errs := sub("add", "Müller, Jürgen <jm@example.de>"); code != 0 || !strings.Contains(out, "added jm@example.de") {
		t.Fatalf("add: %d %q %q", code, out, errs)
	}
	if code, _, _ := sub("add", "yamada@example.jp", "--name", "山田 太郎"); code != 0 {
		t.Fatal("add with --name")
	}
	if code, _, errs := sub("add", "not an address"); code != 1 || !strings.Contains(errs, "not an address") {
		t.Errorf("bad address: %d %q", code, errs)
	}
	if code, out, _ := sub("add", "JM@example.de"); code != 0 || !strings.Contains(out, "already") {
		t.Errorf("duplicate add: %d %q", code, out)
	}

	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("address,name\nok@example.com,Ok\nbroken,Nope\n"), 0o644)
	code, _, errs := sub("import", bad)
	if code != 1 || !strings.Contains(errs, "bad.csv:3") {
		t.Errorf("bad import: %d %q; want the line named", code, errs)
	}
	good := filepath.Join(t.TempDir(), "good.csv")
	os.WriteFile(good, []byte("email,name\nann@example.com,\"Lee, Ann\"\njm@example.de,Jürgen\n"), 0o644)
	if code, out, _ := sub("import", good); code != 0 || !strings.Contains(out, "1 added, 0 updated, 1 already") {
		t.Errorf("import: %d %q", code, out)
	}
	if code, _, _ := sub("remove", "ann@example.com"); code != 0 {
		t.Error("remove")
	}

	code, out, _ := sub("export")
	if code != 0 {
		t.Fatal("export")
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, r := range rows[1:] {
		got[r[0]] = r
	}
	if r := got["jm@example.de"]; r == nil || r[1] != "Müller, Jürgen" || r[2] != "active" {
		t.Errorf("jm: %v", r)
	}
	if r := got["yamada@example.jp"]; r == nil || r[1] != "山田 太郎" {
		t.Errorf("yamada: %v", r)
	}
	if r := got["ann@example.com"]; r == nil || r[1] != "Lee, Ann" || r[2] != "unsubscribed" {
		t.Errorf("ann: %v", r)
	}
	if _, ok := got["ok@example.com"]; ok {
		t.Error("a rejected import added rows")
	}
	// The embedded config lists one subscriber: imported once, then the
	// database decides.
	if r := got["editor@example.org"]; r == nil || r[2] != "active" {
		t.Errorf("config subscriber: %v", r)
	}
	sub("remove", "editor@example.org")
	_, out, _ = sub("list", "--status", "active")
	if strings.Contains(out, "editor@example.org") {
		t.Errorf("the config brought back a removed subscriber:\n%s", out)
	}
}

// A name that could not go into a To header is refused when it is added,
// not when the edition is sent; any script is welcome.
func TestSubscriberNameCheckedAtAdd(t *testing.T) {
	data := t.TempDir()
	long := strings.Repeat("x", 5000)
	for _, tt := range []struct {
		arg  string
		ok   bool
		want string
	}{
		{"Ünïcödé Ñame 名前 <u@example.net>", true, ""},
		{long + " <long@example.net>", false, "longer than 64 characters"},
		{"Verify at bank.example <v@example.net>", false, "domain name"},
		{"Bad\u0085Name <c@example.net>", false, "control character"},
	} {
		code, _, errs := run(t, "subscribers", "add", tt.arg, "--data-dir", data)
		if tt.ok != (code == 0) || !strings.Contains(errs, tt.want) {
			t.Errorf("add %.40q: exit %d, %s", tt.arg, code, errs)
		}
	}
	csv := filepath.Join(t.TempDir(), "subs.csv")
	os.WriteFile(csv, []byte("address,name\nok@example.net,Fine\nlong@example.net,"+long+"\n"), 0o600)
	if code, _, errs := run(t, "subscribers", "import", csv, "--data-dir", data); code == 0 || !strings.Contains(errs, "subs.csv:3") {
		t.Errorf("import with a bad name on line 3: exit %d, %s", code, errs)
	}
}

// A mistyped address gets an example of a right one.
func TestBadAddressMessage(t *testing.T) {
	code, _, errs := run(t, "subscribers", "add", "ada.example.org", "--data-dir", t.TempDir())
	if code == 0 || strings.Contains(errs, "angle-addr") || !strings.Contains(errs, "such as ada@example.org") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// An export read back in brings nobody back: who unsubscribed or bounced
// stays so, in a new database too, and an import row that says someone
// left takes them off an existing list.
func TestExportImportKeepsWhoLeft(t *testing.T) {
	data := t.TempDir()
	for _, a := range []string{"ada@example.net", "bob@example.net", "cy@example.net"} {
		if code, _, errs := run(t, "subscribers", "add", a, "--data-dir", data); code != 0 {
			t.Fatal(errs)
		}
	}
	if code, _, errs := run(t, "subscribers", "remove", "bob@example.net", "--data-dir", data); code != 0 {
		t.Fatal(errs)
	}
	_, csvOut, _ := run(t, "subscribers", "export", "--data-dir", data)
	file := filepath.Join(t.TempDir(), "export.csv")
	os.WriteFile(file, []byte(csvOut), 0o600)

	fresh := t.TempDir()
	if code, _, errs := run(t, "subscribers", "import", file, "--data-dir", fresh); code != 0 {
		t.Fatal(errs)
	}
	_, active, _ := run(t, "subscribers", "list", "--status", "active", "--data-dir", fresh)
	if strings.Contains(active, "bob@example.net") || !strings.Contains(active, "ada@example.net") {
		t.Errorf("active after import into a new database:\n%s", active)
	}
	os.WriteFile(file, []byte("address,name,status\ncy@example.net,,unsubscribed\n"), 0o600)
	run(t, "subscribers", "import", file, "--data-dir", data)
	if _, active, _ := run(t, "subscribers", "list", "--status", "active", "--data-dir", data); strings.Contains(active, "cy@example.net") {
		t.Errorf("an import saying cy left kept cy on the list:\n%s", active)
	}
	// An import saying they are active brings back neither, and says so.
	os.WriteFile(file, []byte("address,name,status\ncy@example.net,,active\nbob@example.net,,active\n"), 0o600)
	_, out, _ := run(t, "subscribers", "import", file, "--data-dir", data)
	if !strings.Contains(out, "2 kept out") {
		t.Errorf("import output does not count who it kept out: %s", out)
	}
	if _, active, _ := run(t, "subscribers", "list", "--status", "active", "--data-dir", data); strings.Contains(active, "cy@example.net") ||
		strings.Contains(active, "bob@example.net") {
		t.Errorf("an import reactivated someone who left:\n%s", active)
	}
}

// Every status survives export then import, and a name a spreadsheet
// would run as a formula is exported inert and imported as it was.
func TestExportImportRoundTrip(t *testing.T) {
	data := t.TempDir()
	file := filepath.Join(t.TempDir(), "in.csv")
	os.WriteFile(file, []byte("address,name,status\n"+
		"ada@example.net,\"=SUM(A1:A9)*\"\"x\"\"\",active\n"+
		"pam@example.net,,pending\n"+
		"ulf@example.net,,unsubscribed\n"+
		"bea@example.net,+Bea,bounced\n"), 0o600)
	if code, _, errs := run(t, "subscribers", "import", file, "--data-dir", data); code != 0 {
		t.Fatal(errs)
	}
	_, exported, _ := run(t, "subscribers", "export", "--data-dir", data)
	for _, line := range strings.Split(exported, "\n") {
		cells := strings.Split(line, ",")
		for _, c := range cells {
			c = strings.Trim(c, `"`)
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("exported cell %q would run as a formula", c)
			}
		}
	}
	back := filepath.Join(t.TempDir(), "export.csv")
	os.WriteFile(back, []byte(exported), 0o600)
	fresh := t.TempDir()
	if code, _, errs := run(t, "subscribers", "import", back, "--data-dir", fresh); code != 0 {
		t.Fatal(errs)
	}
	_, again, _ := run(t, "subscribers", "export", "--data-dir", fresh)
	strip := func(csv string) []string { // created_at differs between databases
		var out []string
		for _, line := range strings.Split(strings.TrimSpace(csv), "\n") {
			out = append(out, line[:strings.LastIndex(line, ",")])
		}
		return out
	}
	if got, want := strip(again), strip(exported); !slices.Equal(got, want) {
		t.Errorf("round trip changed the list:\n got %q\nwant %q", got, want)
	}
	for _, want := range []string{"pam@example.net,,pending", "ulf@example.net,,unsubscribed", "bounced"} {
		if !strings.Contains(again, want) {
			t.Errorf("export after the round trip lacks %q:\n%s", want, again)
		}
	}
}

// An address is checked by digest.ParseAddress when it is added or
// imported: one that no message could be composed for is refused with
// what is wrong, an international domain is kept in its ASCII form.
func TestSubscriberAddressCheckedAtAdd(t *testing.T) {
	data := t.TempDir()
	for _, tt := range []struct {
		arg  string
		ok   bool
		want string
	}{
		{"Jürgen <jm@bücher.example>", true, "added jm@xn--bcher-kva.example"},
		{strings.Repeat("a", 12000) + "@example.org", false, "at most 254"},
		{"jürgen@example.de", false, "SMTPUTF8"},
		{"ada\u202e@example.org", false, "U+202E"},
		{"ada\u0085@example.org", false, "U+0085"},
	} {
		code, out, errs := run(t, "subscribers", "add", tt.arg, "--data-dir", data)
		if tt.ok != (code == 0) || !strings.Contains(out+errs, tt.want) {
			t.Errorf("add %.40q: exit %d, %s%s", tt.arg, code, out, errs)
		}
		if len(errs) > 400 || strings.ContainsAny(errs, "\u202e\u0085") {
			t.Errorf("add %.40q: the error repeats the input raw: %.100q", tt.arg, errs)
		}
	}
	file := filepath.Join(t.TempDir(), "in.csv")
	os.WriteFile(file, []byte("address,name\nok@example.net,\nhuge@"+strings.Repeat("x", 300)+".example,\n"), 0o600)
	if code, _, errs := run(t, "subscribers", "import", file, "--data-dir", data); code == 0 || !strings.Contains(errs, "in.csv:3") {
		t.Errorf("import of a 300-character domain: exit %d, %s", code, errs)
	}
	// With a relay that takes SMTPUTF8, the non-ASCII local part is welcome.
	cfg := filepath.Join(t.TempDir(), "utf8.yaml")
	os.WriteFile(cfg, []byte("smtp:\n  smtputf8: true\n"), 0o600)
	if code, out, errs := run(t, "subscribers", "add", "jürgen@example.de", "--config", cfg, "--data-dir", data); code != 0 ||
		!strings.Contains(out, "added jürgen@example.de") {
		t.Errorf("add with smtputf8: exit %d, %s%s", code, out, errs)
	}
}

// An address stored before these rules, holding a C1 control or a
// right-to-left override, is printed escaped by list and export, never
// raw to the terminal or the spreadsheet; remove still finds it.
func TestListEscapesControls(t *testing.T) {
	data := t.TempDir()
	run(t, "subscribers", "list", "--data-dir", data) // makes the database
	st, err := store.Open(context.Background(), filepath.Join(data, "digest.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"evil\u202egro.elpmaxe@example.org", "c1\u0085ctl@example.org"} {
		if _, err := st.AddSubscriber(context.Background(), a, "", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	for _, verb := range []string{"list", "export"} {
		code, out, errs := run(t, "subscribers", verb, "--data-dir", data)
		if code != 0 {
			t.Fatalf("%s: %s", verb, errs)
		}
		if strings.ContainsAny(out, "\u202e\u0085") {
			t.Errorf("%s prints a control raw:\n%q", verb, out)
		}
		for _, want := range []string{`evil\u202egro.elpmaxe@example.org`, `c1\x85ctl@example.org`} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %s:\n%s", verb, want, out)
			}
		}
	}
	if code, out, errs := run(t, "subscribers", "remove", "evil\u202egro.elpmaxe@example.org", "--data-dir", data); code != 0 ||
		strings.Contains(out, "\u202e") {
		t.Errorf("remove: exit %d %q %s", code, out, errs)
	}
}
