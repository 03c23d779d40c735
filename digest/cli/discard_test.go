package cli

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/app"
)

// digest discard sets a draft aside for good: digest send passes over it
// to the next newest edition, refuses it by id with the reason, and an
// edition that went out cannot be discarded.
func TestDiscard(t *testing.T) {
	data := t.TempDir()
	built := regexp.MustCompile(`(?m)^edition (\S+):`)
	var ids []string
	for range 2 {
		code, out, errs := run(t, "build", "--data-dir", data)
		m := built.FindStringSubmatch(out)
		if code != 0 || m == nil {
			t.Fatalf("build: exit %d\n%s\n%s", code, out, errs)
		}
		ids = append(ids, m[1])
	}
	one, two := ids[0], ids[1]
	if code, out, errs := run(t, "discard", two, "--data-dir", data); code != 0 || !strings.Contains(out, "discarded") {
		t.Fatalf("discard the newest draft: exit %d\n%s\n%s", code, out, errs)
	}
	if code, out, errs := run(t, "send", "--data-dir", data); code != 0 || !strings.Contains(out, "edition "+one+":") {
		t.Errorf("send after discarding %s: exit %d, want %s sent\n%s\n%s", two, code, one, out, errs)
	}
	if code, _, errs := run(t, "send", two, "--data-dir", data); code != 1 || !strings.Contains(errs, "discarded by command line") {
		t.Errorf("send the discarded edition: exit %d, want 1 and why\n%s", code, errs)
	}
	if code, _, errs := run(t, "discard", one, "--data-dir", data); code != 1 || !strings.Contains(errs, "is sent") {
		t.Errorf("discard a sent edition: exit %d, want 1 and why\n%s", code, errs)
	}
	if code, _, errs := run(t, "discard", "--data-dir", data); code != 2 {
		t.Errorf("discard without an edition: exit %d\n%s", code, errs)
	}
	_, out, _ := run(t, "status", "--data-dir", data)
	if !regexp.MustCompile(regexp.QuoteMeta(two) + `\s+2\s+discarded`).MatchString(out) {
		t.Errorf("digest status does not list %s as discarded:\n%s", two, out)
	}
	// The desk's history has the command line's builds and discard, as
	// it has an editor's.
	a, err := app.Open(t.Context(), app.Options{DataDir: data, Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	changes, err := a.Desk.History(t.Context(), "")
	var kinds []string
	for _, c := range changes {
		if c.Editor == "command line" {
			kinds = append(kinds, string(c.Kind)+" "+c.EditionID)
		}
	}
	want := []string{"send " + one, "discard " + two, "build " + two, "build " + one}
	if err != nil || !slices.Equal(kinds, want) {
		t.Errorf("history of the command line's changes: %q (%v), want %q", kinds, err, want)
	}
}

// digest status says when the schedule is paused from the desk.
func TestStatusSaysPaused(t *testing.T) {
	data := t.TempDir()
	if code, _, errs := run(t, "build", "--data-dir", data); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	if _, out, _ := run(t, "status", "--data-dir", data); strings.Contains(out, "Paused since") {
		t.Errorf("a running schedule reads as paused:\n%s", out)
	}
	a, err := app.Open(t.Context(), app.Options{DataDir: data, Getenv: func(string) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Desk.PauseSchedule(t.Context(), true, "hana"); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if _, out, _ := run(t, "status", "--data-dir", data); !strings.Contains(out, "by hana: due slots are skipped") {
		t.Errorf("status does not say the schedule is paused:\n%s", out)
	}
}
