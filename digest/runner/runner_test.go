package runner_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
	"github.com/digest-newsletter/digest/digest/desk"
	"github.com/digest-newsletter/digest/digest/runner"
	"github.com/digest-newsletter/digest/digest/testkit/desktest"
)

var newYork = mustZone("America/New_York")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// newRunner opens a desk whose schedule is spec in New York, with more
// config lines, and wires its runner as digest run does.
func newRunner(t *testing.T, spec string, config ...string) (*runner.Runner, *desktest.Fixture) {
	t.Helper()
	f := desktest.NewWithConfig(t, "schedule:\n  spec: \""+spec+"\"\n  time_zone: America/New_York\n"+
		"  catch_up: 6h\n  min_new_articles: 1\n"+strings.Join(config, ""))
	r, err := f.App.Runner()
	if err != nil {
		t.Fatal(err)
	}
	return r, f
}

// reconcileAt sets the clock and reconciles.
func reconcileAt(t *testing.T, r *runner.Runner, f *desktest.Fixture, at time.Time) *runner.Report {
	t.Helper()
	f.Clock.Set(at)
	rep, err := r.Reconcile(context.Background())
	if err != nil {
		t.Fatalf("reconcile at %s: %v", at, err)
	}
	return rep
}

func messages(t *testing.T, f *desktest.Fixture) int {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(f.Outbox, "*.eml"))
	return len(files)
}

func edition(t *testing.T, f *desktest.Fixture, key string) *digest.EditionRecord {
	t.Helper()
	rec, err := f.Store.EditionByKey(context.Background(), key)
	if err != nil {
		t.Fatalf("edition for %s: %v", key, err)
	}
	return rec
}

// A slot missed while the daemon was down runs once when it is inside the
// catch-up window; the next slot with nothing new is skipped, and a slot
// missed by more than the window is recorded as skipped with the reason.
func TestMissedSlots(t *testing.T) {
	r, f := newRunner(t, "0 7 * * *")
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, newYork) }

	reconcileAt(t, r, f, day(1, 6)) // first start: nothing is due yet
	if n := messages(t, f); n != 0 {
		t.Fatalf("first start sent %d messages", n)
	}
	// Down from 06:00 to 10:00: the 07:00 slot is three hours late.
	rep := reconcileAt(t, r, f, day(1, 10))
	if len(rep.Outcomes) != 1 || rep.Outcomes[0].Result != runner.ResultSent {
		t.Fatalf("missed slot inside the window: %+v", rep.Outcomes)
	}
	if rec := edition(t, f, "scheduled:2026-11-01T07:00 America/New_York"); rec.Status != digest.EditionSent {
		t.Errorf("slot edition is %s", rec.Status)
	}
	if n := messages(t, f); n != len(f.Subscribers) {
		t.Errorf("%d messages, want one per subscriber (%d)", n, len(f.Subscribers))
	}
	// Running again changes nothing.
	reconcileAt(t, r, f, day(1, 11))
	if n := messages(t, f); n != len(f.Subscribers) {
		t.Errorf("second reconcile: %d messages", n)
	}
	// The next day's slot has no new article: skipped, nothing sent.
	rep = reconcileAt(t, r, f, day(2, 7).Add(time.Minute))
	rec := edition(t, f, "scheduled:2026-11-02T07:00 America/New_York")
	if rec.Status != digest.EditionSkipped || !strings.Contains(rec.Note, "min_new_articles") || messages(t, f) != len(f.Subscribers) {
		t.Errorf("slot with nothing new: %s %q, %d messages", rec.Status, rec.Note, messages(t, f))
	}
	// Down for two days: the slots of the 3rd and 4th are older than the
	// window when the daemon comes back at 20:00 on the 4th.
	rep = reconcileAt(t, r, f, day(4, 20))
	if rep.Skipped != 2 || len(rep.Outcomes) != 0 {
		t.Errorf("long outage: %d skipped, outcomes %+v", rep.Skipped, rep.Outcomes)
	}
	old := edition(t, f, "scheduled:2026-11-04T07:00 America/New_York")
	if old.Status != digest.EditionSkipped || !strings.Contains(old.Note, "catch-up window") {
		t.Errorf("slot outside the window: %s %q", old.Status, old.Note)
	}
}

// The repeated hour of the autumn change fires one slot, whichever of the
// two 01:30s the tick comes at.
func TestFallBackRunsOnce(t *testing.T) {
	r, f := newRunner(t, "30 1 * * *")
	reconcileAt(t, r, f, time.Date(2025, 11, 1, 23, 0, 0, 0, newYork))
	first := time.Date(2025, 11, 2, 5, 31, 0, 0, time.UTC) // 01:31 EDT
	second := first.Add(time.Hour)                         // 01:31 EST
	rep := reconcileAt(t, r, f, first)
	if len(rep.Outcomes) != 1 || rep.Outcomes[0].Result != runner.ResultSent {
		t.Fatalf("first 01:30: %+v", rep.Outcomes)
	}
	rep = reconcileAt(t, r, f, second)
	if len(rep.Outcomes) != 0 || messages(t, f) != len(f.Subscribers) {
		t.Errorf("second 01:30: %+v, %d messages", rep.Outcomes, messages(t, f))
	}
}

// A time inside the spring-forward gap runs at the first instant after it.
func TestSpringForwardRunsAfterTheGap(t *testing.T) {
	r, f := newRunner(t, "30 2 * * *")
	reconcileAt(t, r, f, time.Date(2025, 3, 8, 23, 0, 0, 0, newYork))
	before := time.Date(2025, 3, 9, 6, 59, 0, 0, time.UTC) // 01:59 EST, the gap is next
	if rep := reconcileAt(t, r, f, before); len(rep.Outcomes) != 0 {
		t.Fatalf("before the gap: %+v", rep.Outcomes)
	}
	after := time.Date(2025, 3, 9, 7, 0, 0, 0, time.UTC) // 03:00 EDT
	rep := reconcileAt(t, r, f, after)
	if len(rep.Outcomes) != 1 || rep.Outcomes[0].Result != runner.ResultSent {
		t.Fatalf("at the end of the gap: %+v", rep.Outcomes)
	}
}

// With approval required, a slot's edition waits as a draft; the editor's
// approval lets the next tick send it; a change after approval holds it
// again.
func TestApprovalGatesSending(t *testing.T) {
	ctx := context.Background()
	r, f := newRunner(t, "0 7 * * *", "  require_approval: true\n")
	reconcileAt(t, r, f, time.Date(2026, 11, 1, 6, 0, 0, 0, newYork))
	rep := reconcileAt(t, r, f, time.Date(2026, 11, 1, 7, 1, 0, 0, newYork))
	if len(rep.Outcomes) != 1 || rep.Outcomes[0].Result != runner.ResultAwaitingApproval || messages(t, f) != 0 {
		t.Fatalf("before approval: %+v, %d messages", rep.Outcomes, messages(t, f))
	}
	id := rep.Outcomes[0].EditionID
	if err := f.Desk.Approve(ctx, id); err != nil {
		t.Fatal(err)
	}
	view, err := f.Desk.View(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// An edit after approval returns the edition to draft.
	if err := f.Desk.Change(ctx, id, deskExclude(view.Items[0].ArticleID)); err != nil {
		t.Fatal(err)
	}
	reconcileAt(t, r, f, time.Date(2026, 11, 1, 7, 2, 0, 0, newYork))
	if n := messages(t, f); n != 0 {
		t.Fatalf("an edition changed after approval was sent: %d messages", n)
	}
	if err := f.Desk.Approve(ctx, id); err != nil {
		t.Fatal(err)
	}
	rep = reconcileAt(t, r, f, time.Date(2026, 11, 1, 7, 3, 0, 0, newYork))
	if len(rep.Outcomes) != 1 || rep.Outcomes[0].Result != runner.ResultSent || messages(t, f) != len(f.Subscribers) {
		t.Fatalf("after approval: %+v, %d messages", rep.Outcomes, messages(t, f))
	}
	// The excluded article's title is not in what was sent.
	files, _ := filepath.Glob(filepath.Join(f.Outbox, "*.eml"))
	data, _ := os.ReadFile(files[0])
	if strings.Contains(string(data), view.Items[0].Title) {
		t.Errorf("sent message carries the excluded article %q", view.Items[0].Title)
	}
}

// Once runs the latest slot now, and a second Once in the same period
// finds it done.
func TestOnceIsIdempotent(t *testing.T) {
	r, f := newRunner(t, "0 7 * * 1")
	f.Clock.Set(time.Date(2026, 11, 21, 12, 0, 0, 0, newYork)) // a Saturday
	for i, want := range []runner.Result{runner.ResultSent, runner.ResultAlreadyDone} {
		rep, err := r.Once(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Outcomes) != 1 || rep.Outcomes[0].Result != want ||
			rep.Outcomes[0].Key != "2026-11-16T07:00 America/New_York" {
			t.Errorf("run %d: %+v, want %s for Monday's slot", i+1, rep.Outcomes, want)
		}
	}
	if n := messages(t, f); n != len(f.Subscribers) {
		t.Errorf("%d messages after two runs, want %d", n, len(f.Subscribers))
	}
}

// A run --once with no slot due runs the latest slot because a person
// asked: it is not reported late, and the edition built days after its
// slot is named, like its title, after the day it was built, so the id
// and the title never disagree on the date. Built on its slot's day, it
// keeps the slot's name.
func TestOnceOnDemandIsNotLate(t *testing.T) {
	for _, tt := range []struct {
		name   string
		now    time.Time
		wantID string
		date   string
	}{
		{"days after the slot", time.Date(2026, 11, 21, 12, 5, 0, 0, newYork), "20261121-1205-America-New_York", "21 November 2026"},
		{"on the slot's day", time.Date(2026, 11, 16, 18, 0, 0, 0, newYork), "20261116-0700-America-New_York", "16 November 2026"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, f := newRunner(t, "0 7 * * 1")
			f.Clock.Set(tt.now)
			rep, err := r.Once(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Outcomes) != 1 {
				t.Fatalf("outcomes %+v, want one", rep.Outcomes)
			}
			o := rep.Outcomes[0]
			if !o.OnDemand || o.Late != 0 {
				t.Errorf("outcome %+v: want on demand and not late", o)
			}
			if o.EditionID != tt.wantID {
				t.Errorf("edition id %q, want %q", o.EditionID, tt.wantID)
			}
			rec := edition(t, f, digest.ScheduledEdition.Key("2026-11-16T07:00 America/New_York"))
			if rec.ID != tt.wantID || !strings.HasSuffix(rec.Title, tt.date) {
				t.Errorf("edition %q titled %q, want id %q dated %s", rec.ID, rec.Title, tt.wantID, tt.date)
			}
			if rep.Next != "2026-11-23T07:00 America/New_York" {
				t.Errorf("next slot %q", rep.Next)
			}
		})
	}
}

func deskExclude(id string) desk.Change { return desk.Change{ArticleID: id, Action: desk.Exclude} }

// A paused schedule builds nothing: each slot that falls due while it is
// paused is recorded as skipped, saying why, and nothing is mailed; once
// resumed, the next slot is tried as usual.
func TestPausedScheduleBuildsNothing(t *testing.T) {
	ctx := context.Background()
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, newYork) }
	tests := []struct {
		name   string
		run    func(t *testing.T, r *runner.Runner, f *desktest.Fixture) *runner.Report
		result runner.Result
	}{
		{"reconcile", func(t *testing.T, r *runner.Runner, f *desktest.Fixture) *runner.Report {
			return reconcileAt(t, r, f, day(1, 7).Add(time.Minute))
		}, runner.ResultSkipped},
		{"once", func(t *testing.T, r *runner.Runner, f *desktest.Fixture) *runner.Report {
			f.Clock.Set(day(1, 7).Add(time.Minute))
			rep, err := r.Once(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return rep
		}, runner.ResultSkipped},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, f := newRunner(t, "0 7 * * *")
			reconcileAt(t, r, f, day(1, 6)) // first start
			if err := f.Desk.PauseSchedule(ctx, true, "hana"); err != nil {
				t.Fatal(err)
			}
			rep := tt.run(t, r, f)
			if len(rep.Outcomes) != 1 || rep.Outcomes[0].Result != tt.result {
				t.Fatalf("paused: outcomes %+v", rep.Outcomes)
			}
			rec := edition(t, f, "scheduled:2026-11-01T07:00 America/New_York")
			if rec.Status != digest.EditionSkipped || !strings.Contains(rec.Note, "paused") || messages(t, f) != 0 {
				t.Errorf("slot while paused: %s %q, %d messages", rec.Status, rec.Note, messages(t, f))
			}
			if err := f.Desk.PauseSchedule(ctx, false, "hana"); err != nil {
				t.Fatal(err)
			}
			rep = reconcileAt(t, r, f, day(2, 7).Add(time.Minute))
			if len(rep.Outcomes) != 1 || strings.Contains(rep.Outcomes[0].Detail, "paused") {
				t.Errorf("after resuming: outcomes %+v", rep.Outcomes)
			}
		})
	}
}
