package cli

import (
	"bytes"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest/deliver"
	"github.com/digest-newsletter/digest/digest/runner"
)

// The daemon's line per slot says "sent" only when mail went out: an
// edition written to the outbox folder says where, and that nobody was
// mailed.
func TestDaemonReportLine(t *testing.T) {
	outbox, smtp := delivery{outbox: "/srv/digest/outbox"}, delivery{}
	sent := runner.Outcome{Key: "2026-12-07T07:00 Asia/Tokyo", EditionID: "20261207-0700-Asia-Tokyo", Result: runner.ResultSent,
		Sent: deliver.Summary{Sent: 2, Total: 2, Finished: true}}
	late := sent
	late.Late = 3 * time.Hour
	half := sent
	half.Result, half.Sent = runner.ResultNotFinished, deliver.Summary{Sent: 1, Deferred: 1, Total: 2}
	skipped := runner.Outcome{Key: sent.Key, EditionID: sent.EditionID, Result: runner.ResultSkipped, Detail: "0 new on-theme articles"}
	tests := []struct {
		name string
		d    delivery
		o    runner.Outcome
		want string
	}{
		{"outbox", outbox, sent, "slot 2026-12-07T07:00 Asia/Tokyo: edition 20261207-0700-Asia-Tokyo: 2 messages written to /srv/digest/outbox, not mailed: no SMTP server is configured\n"},
		{"outbox, late", outbox, late, "slot 2026-12-07T07:00 Asia/Tokyo, built 3 hours late: edition 20261207-0700-Asia-Tokyo: 2 messages written to /srv/digest/outbox, not mailed: no SMTP server is configured\n"},
		{"smtp", smtp, sent, "slot 2026-12-07T07:00 Asia/Tokyo: edition 20261207-0700-Asia-Tokyo sent (2 sent by SMTP, 0 deferred (retried later), 0 failed)\n"},
		{"smtp, not finished", smtp, half, "slot 2026-12-07T07:00 Asia/Tokyo: edition 20261207-0700-Asia-Tokyo not finished (1 sent by SMTP, 1 deferred (retried later), 0 failed)\n"},
		{"skipped", outbox, skipped, "slot 2026-12-07T07:00 Asia/Tokyo: edition 20261207-0700-Asia-Tokyo skipped: 0 new on-theme articles\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			printReport(&b, tt.d, &runner.Report{Outcomes: []runner.Outcome{tt.o}})
			if b.String() != tt.want {
				t.Errorf("got  %q\nwant %q", b.String(), tt.want)
			}
		})
	}
}
