package cli

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every data row of an import is counted once: the import of
// three rows under a header said "3 added, 1 already on the list, 1
// kept out", a kept-out row counted twice.
func TestImportCountsEachRowOnce(t *testing.T) {
	data := t.TempDir()
	sub := func(args ...string) (int, string, string) {
		return run(t, append(append([]string{"subscribers"}, args...), "--data-dir", data)...)
	}
	for _, a := range []string{"stay@example.net", "gone@example.net"} {
		if code, _, errs := sub("add", a); code != 0 {
			t.Fatalf("add %s: %s", a, errs)
		}
	}
	sub("remove", "gone@example.net")
	csv := filepath.Join(t.TempDir(), "three.csv")
	os.WriteFile(csv, []byte("address,name,status\nnew@example.net,New,active\nstay@example.net,,unsubscribed\ngone@example.net,,active\n"), 0o600)
	code, out, errs := sub("import", csv)
	if code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	if !strings.Contains(out, "1 added, 1 updated, 0 already on the list, 1 kept out") || !strings.Contains(out, "0 refused") {
		t.Errorf("import of three rows said: %s", out)
	}
	_, list, _ := sub("list")
	for _, want := range []string{"new@example.net", "stay@example.net  ", "gone@example.net"} {
		if !strings.Contains(list, strings.TrimSpace(want)) {
			t.Errorf("list lacks %s:\n%s", want, list)
		}
	}
	for _, line := range strings.Split(list, "\n") {
		if strings.Contains(line, "gone@example.net") && !strings.Contains(line, "unsubscribed") {
			t.Errorf("the import put back someone who left: %s", line)
		}
		if strings.Contains(line, "stay@example.net") && !strings.Contains(line, "unsubscribed") {
			t.Errorf("the row saying unsubscribed did not take them off: %s", line)
		}
	}
}

// export-person gives everything about one person; erase needs --yes,
// and after it the address cannot come back by add or import.
func TestExportPersonAndErase(t *testing.T) {
	data := t.TempDir()
	sub := func(args ...string) (int, string, string) {
		return run(t, append(append([]string{"subscribers"}, args...), "--data-dir", data)...)
	}
	if code, _, errs := sub("add", "Ada Lovelace <ada@example.net>"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := sub("export-person", "ada@example.net")
	if code != 0 {
		t.Fatalf("export-person: %s", errs)
	}
	var got struct {
		Subscriber struct{ Address, Name, Status string } `json:"subscriber"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("export-person is not JSON: %v\n%s", err, out)
	}
	if got.Subscriber.Address != "ada@example.net" || got.Subscriber.Name != "Ada Lovelace" {
		t.Errorf("export-person: %+v", got.Subscriber)
	}
	if code, _, errs := sub("erase", "ada@example.net"); code == 0 || !strings.Contains(errs, "--yes") {
		t.Errorf("erase without --yes: %d %s", code, errs)
	}
	if _, list, _ := sub("list"); !strings.Contains(list, "ada@example.net") {
		t.Fatal("erase without --yes erased")
	}
	if code, out, errs := sub("erase", "ada@example.net", "--yes"); code != 0 || !strings.Contains(out, "erased") {
		t.Fatalf("erase: %d %s %s", code, out, errs)
	}
	if _, list, _ := sub("list"); strings.Contains(list, "ada@example.net") {
		t.Errorf("still listed after erasure:\n%s", list)
	}
	if code, _, errs := sub("add", "ADA@example.net"); code == 0 || !strings.Contains(errs, "erased at their request") {
		t.Errorf("add after erasure: %d %s", code, errs)
	}
	csv := filepath.Join(t.TempDir(), "old.csv")
	os.WriteFile(csv, []byte("address,name\nada@example.net,Ada Lovelace\n"), 0o600)
	if code, out, errs := sub("import", csv); code != 0 || !strings.Contains(out, "0 added") || !strings.Contains(out, "1 kept out") {
		t.Errorf("import after erasure: %d %s %s", code, out, errs)
	}
	if _, list, _ := sub("list"); strings.Contains(list, "ada@example.net") {
		t.Errorf("the import brought an erased address back:\n%s", list)
	}
	// The config's own subscriber, erased, is not imported again at the
	// next start, nor is its address written down again.
	if code, _, errs := sub("erase", "editor@example.org", "--yes"); code != 0 {
		t.Fatalf("erase the config's subscriber: %s", errs)
	}
	if _, list, _ := sub("list"); strings.Contains(list, "editor@example.org") {
		t.Errorf("the config brought an erased address back:\n%s", list)
	}
	db, err := sql.Open("sqlite", filepath.Join(data, "digest.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, table := range []string{"subscribers", "config_imports"} {
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) FROM ` + table + ` WHERE lower(address) IN ('editor@example.org', 'ada@example.net')`).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s holds an erased address: %d %v", table, n, err)
		}
	}
}
