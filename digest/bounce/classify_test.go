package bounce

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// golden is what Classify must find in one fixture of testdata/, real
// messages from public test suites (sources and licences in
// testdata/LICENSES.md). Recipients are "address kind status".
type golden struct {
	file         string
	kind         Kind
	status       string
	recipients   []string
	messageID    string
	token        string
	feedbackType string
}

var goldens = []golden{
	// RFC 3464 delivery status notifications.
	{file: "dsn-postfix.eml", kind: HardBounce, status: "5.2.1", // two recipients; the returned copy has no Message-ID
		recipients: []string{"filtered@example.co.jp hard-bounce 5.2.1", "userunknown@example.co.jp hard-bounce 5.1.1"}},
	{file: "dsn-exchange2007.eml", kind: HardBounce, status: "5.7.1", // Original-Recipient, the address as sent, not the final one
		recipients: []string{"neko-nyaan@cat.example.jp hard-bounce 5.7.1"},
		messageID:  "78f44d2b2ea5763064d21edacd9d8d18@example.net"},
	{file: "dsn-aol-mailbox-full.eml", kind: HardBounce, status: "5.2.2", // sent to the VERP address bounce+8c8b98.c-user=aol.com@example.com
		recipients: []string{"user@aol.com hard-bounce 5.2.2"},
		messageID:  "4E326A95.3010907@example.com", token: "8c8b98.c-user=aol.com"},
	{file: "dsn-hotmail-delayed.eml", kind: SoftBounce, status: "4.4.7", // Action: delayed
		recipients: []string{"kijitora@example.com soft-bounce 4.4.7"},
		messageID:  "BAY182-W4180385B0DABF89EB94B34A9300@phx.gbl"},
	{file: "dsn-sendmail-timeout.eml", kind: SoftBounce, status: "4.0.0", // Action failed, but a 4.x.x status
		recipients: []string{"louisl@larry.slip.umd.edu soft-bounce 4.0.0"}},

	// Plain-text bounces.
	{file: "plain-exim.eml", kind: HardBounce, status: "5.1.1", // a status per recipient
		recipients: []string{"kijitora@example.jp hard-bounce 5.1.1", "sabatora@example.jp hard-bounce 5.2.1"},
		messageID:  "E1X58pB-0004bW-2s@marutamachi.example.org"},
	{file: "plain-gmail.eml", kind: HardBounce, status: "5.1.1", // quoted-printable, "550 550 5.1.1"
		recipients: []string{"aougoueioaldljgoiuiorghladkgke@example.fr hard-bounce 5.1.1"},
		messageID:  "45B7FBD7-1218-4FCD-ACA1-4706F111E682@gmail.com"},
	{file: "plain-yahoo.eml", kind: HardBounce, status: "5.2.2", // an mbox From_ line first; the copy has an unfolded line before its Message-ID
		recipients: []string{"kijitora@example.co.jp hard-bounce 5.2.2"},
		messageID:  "92177194.3672721.1417873381074.JavaMail.yahoo@jws100157.mail.ne1.yahoo.com"},
	{file: "plain-qmail.eml", kind: HardBounce, status: "5.5.0", // qmail's "(#5.5.0)" beside "550"
		recipients: []string{"kijitora@example.ne.jp hard-bounce 5.5.0"},
		messageID:  "000000000.9999999999999.JavaMail.postmaster@mailhub"},
	{file: "plain-exchange2003.eml", kind: HardBounce, status: "5.1.1", // no code: "The recipient name is not recognized"
		recipients: []string{"kijitora@example.jp hard-bounce 5.1.1"},
		messageID:  "00000000000.ffffffffffff.ff@example.net"},

	// RFC 5965 feedback reports.
	{file: "arf-yahoo.eml", kind: Complaint, feedbackType: "abuse", // Original-Mail-From is a VERP address
		recipients: []string{"user@yahoo.com complaint "},
		messageID:  "20120711015015.4A8BE2E088E@www.example.com", token: "705f77.d4a-user=yahoo.com"},
	{file: "arf-aol.eml", kind: Complaint, feedbackType: "abuse", // recipient redacted: the Message-ID is the key
		recipients: []string{"redacted@aol.com complaint "},
		messageID:  "20101117174130.28884.55421@luna"},
	{file: "arf-terra.eml", kind: Complaint, feedbackType: "abuse", // no recipient at all
		messageID: "f6fbba8a761ce682e1b00a323a21b372@example.net"},

	// RFC 3834 and vendors' auto-replies.
	{file: "auto-outofoffice.eml", kind: AutoReply}, // Exchange "Out of Office:", no Auto-Submitted
	{file: "auto-zimbra.eml", kind: AutoReply},      // Auto-Submitted: auto-replied (zimbra; vacation)

	// A person's message, with another attached: not a bounce.
	{file: "not-forwarded.eml", kind: NotBounce},
}

func TestClassifyFixtures(t *testing.T) {
	c := Classifier{VERPPrefix: "bounce"}
	for _, g := range goldens {
		t.Run(g.file, func(t *testing.T) {
			raw, err := readFixture(g.file)
			if err != nil {
				t.Fatal(err)
			}
			r, err := c.Classify(raw)
			if err != nil {
				t.Fatalf("Classify: %v", err)
			}
			var rcpts []string
			for _, rc := range r.Recipients {
				rcpts = append(rcpts, rc.Address+" "+rc.Kind.String()+" "+rc.Status)
			}
			got := golden{file: g.file, kind: r.Kind, status: r.Status, recipients: rcpts,
				messageID: r.MessageID, token: r.Token, feedbackType: r.FeedbackType}
			if !reflect.DeepEqual(got, g) {
				t.Errorf("got  %+v\nwant %+v", got, g)
			}
			if r.Kind != NotBounce && r.Reason == "" {
				t.Errorf("kind %s without a reason", r.Kind)
			}
		})
	}
}

// Every fixture is in the table, so none is collected and forgotten.
func TestEveryFixtureHasAGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.eml")
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, g := range goldens {
		have[g.file] = true
	}
	for _, f := range files {
		if !have[filepath.Base(f)] {
			t.Errorf("%s has no expected result", f)
		}
	}
	licences, err := os.ReadFile("testdata/LICENSES.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !strings.Contains(string(licences), filepath.Base(f)) {
			t.Errorf("%s is not in testdata/LICENSES.md", f)
		}
	}
}

func readFixture(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", name))
}
