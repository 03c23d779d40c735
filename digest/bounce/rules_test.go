package bounce

import (
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest/verp"
)

// Messages written for one rule each, where no real sample shows it
// alone. Lines are joined with CRLF, as they arrive from a mailbox.
func msg(lines ...string) []byte { return []byte(strings.Join(lines, "\r\n")) }

func dsnReport(action, status, extra string) []byte {
	return msg(
		"From: MAILER-DAEMON@mx.example.org",
		"To: bounces+abc@news.example.org",
		"Subject: Delivery report",
		"Content-Type: multipart/report; report-type=delivery-status; boundary=b",
		"",
		"--b",
		"Content-Type: text/plain",
		"",
		"Report.",
		"--b",
		"Content-Type: message/delivery-status",
		extra,
		"",
		"Reporting-MTA: dns; mx.example.org",
		"Original-Envelope-Id: env-42",
		"",
		"Final-Recipient: rfc822; jane@example.com",
		"Action: "+action,
		"Status: "+status,
		"",
		"--b--",
		"")
}

func TestClassifyRules(t *testing.T) {
	tests := []struct {
		name   string
		raw    []byte
		kind   Kind
		status string
		reason string // a part of Reason
	}{
		{"delayed is soft", dsnReport("delayed", "4.4.1", ""), SoftBounce, "4.4.1", "3464"},
		{"failed 5.x.x is hard", dsnReport("failed", "5.1.1", ""), HardBounce, "5.1.1", "3464"},
		{"failed 4.x.x is soft", dsnReport("failed", "4.2.2", ""), SoftBounce, "4.2.2", "3464"},
		{"success notice is no bounce", dsnReport("delivered", "2.0.0", ""), NotBounce, "", "no failed recipient"},
		{"relayed is no bounce", dsnReport("relayed", "2.0.0", ""), NotBounce, "", ""},
		{"ARF not-spam is no complaint", msg(
			"From: fbl@isp.example",
			"Content-Type: multipart/report; report-type=feedback-report; boundary=b",
			"",
			"--b",
			"Content-Type: message/feedback-report",
			"",
			"Feedback-Type: not-spam",
			"Original-Rcpt-To: jane@example.com",
			"--b--"), NotBounce, "", "not-spam"},
		{"a forwarded DSN is a person's mail", msg(
			"From: Jane <jane@example.com>",
			"Subject: Fwd: Undelivered Mail Returned to Sender",
			"Content-Type: multipart/mixed; boundary=outer",
			"",
			"--outer",
			"Content-Type: text/plain",
			"",
			"Why did this bounce?",
			"--outer",
			"Content-Type: message/rfc822",
			"",
			string(dsnReport("failed", "5.1.1", "")),
			"--outer--"), NotBounce, "", ""},
		{"X-Autoreply", msg("From: jane@example.com", "X-Autoreply: yes", "Subject: Re: news", "", "Away."), AutoReply, "", "X-Autoreply"},
		{"Precedence: auto_reply", msg("From: jane@example.com", "Precedence: auto_reply", "", "Away."), AutoReply, "", "auto_reply"},
		{"Auto-Submitted: no is a person", msg("From: jane@example.com", "Auto-Submitted: no", "", "Hello."), NotBounce, "", ""},
		{"daemon without a status", msg(
			"From: MAILER-DAEMON@mx.example.org",
			"Subject: Mail delivery failed",
			"",
			"Something happened to",
			"  jane@example.com",
			"and we cannot say what."), NotBounce, "", "no failed recipient"},
		{"the postmaster named for help is no recipient", msg(
			"From: MAILER-DAEMON@mx.example.org",
			"Subject: failure notice",
			"",
			"For help, write to",
			"  <postmaster@mx.example.org>",
			"",
			"<jane@example.com>:",
			"550 5.1.1 no such user"), HardBounce, "5.1.1", "mailer-daemon"},
		{"base64 delivery-status part", msg(
			"From: postmaster@mx.example.org",
			"Content-Type: multipart/report; report-type=delivery-status; boundary=b",
			"",
			"--b",
			"Content-Type: message/delivery-status",
			"Content-Transfer-Encoding: base64",
			"",
			"UmVwb3J0aW5nLU1UQTogZG5zOyBteAoKRmluYWwtUmVjaXBpZW50OiByZmM4MjI7IGphbmVAZXhh",
			"bXBsZS5jb20KQWN0aW9uOiBmYWlsZWQKU3RhdHVzOiA1LjEuMQo=",
			"--b--"), HardBounce, "5.1.1", "3464"},
		{"status only in the diagnostic", msg(
			"From: postmaster@mx.example.org",
			"Content-Type: multipart/report; report-type=delivery-status; boundary=b",
			"",
			"--b",
			"Content-Type: message/delivery-status",
			"",
			"Final-Recipient: rfc822; jane@example.com",
			"Action: failed",
			"Diagnostic-Code: smtp; 550 No such user",
			"--b--"), HardBounce, "5.0.0", "3464"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Classifier{VERPPrefix: "bounces"}.Classify(tt.raw)
			if err != nil {
				t.Fatalf("Classify: %v", err)
			}
			if r.Kind != tt.kind || r.Status != tt.status || !strings.Contains(r.Reason, tt.reason) {
				t.Errorf("got %s %q (%q), want %s %q (reason with %q)", r.Kind, r.Status, r.Reason, tt.kind, tt.status, tt.reason)
			}
		})
	}
}

func TestClassifyKeys(t *testing.T) {
	r, err := Classifier{VERPPrefix: "bounces"}.Classify(dsnReport("failed", "5.1.1", ""))
	if err != nil {
		t.Fatal(err)
	}
	if r.EnvelopeID != "env-42" || r.Token != "abc" {
		t.Errorf("EnvelopeID %q, Token %q; want env-42, abc", r.EnvelopeID, r.Token)
	}
	if r, _ := (Classifier{}).Classify(dsnReport("failed", "5.1.1", "")); r.Token != "" {
		t.Errorf("no prefix, yet token %q", r.Token)
	}
}

// A token made by verp survives a real relay's DSN (Postfix states the
// original envelope sender as X-Postfix-Sender) and decodes to the
// delivery it was made for.
func TestTokenRoundTripThroughDSN(t *testing.T) {
	s := verp.Signer{Prefix: "bounces", Domain: "news.example.org", Key: []byte("0123456789abcdef0123456789abcdef")}
	want := verp.Delivery{Edition: "42", Subscriber: "0123456789abcdef0123456789abcdef"}
	addr, err := s.Address(want)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := readFixture("dsn-postfix.eml")
	if err != nil {
		t.Fatal(err)
	}
	// Postfix names the envelope sender; some relays lowercase it.
	raw = []byte(strings.Replace(string(raw), "X-Postfix-Sender: rfc822; kijitora@example.jp",
		"X-Postfix-Sender: rfc822; "+strings.ToUpper(addr), 1))
	r, err := Classifier{VERPPrefix: "bounces"}.Classify(raw)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Decode(r.Token)
	if err != nil {
		t.Fatalf("Decode(%q): %v", r.Token, err)
	}
	if got != want {
		t.Errorf("delivery %+v, want %+v", got, want)
	}
}

func TestClassifyUnreadable(t *testing.T) {
	for _, raw := range [][]byte{nil, []byte("no header here\n\nbody"), []byte(" leading space: x\n\n")} {
		r, err := (Classifier{}).Classify(raw)
		if err == nil && r.Kind != NotBounce {
			t.Errorf("Classify(%q) = %s, want NotBounce", raw, r.Kind)
		}
		if r.Kind != NotBounce {
			t.Errorf("Classify(%q) = %s on error", raw, r.Kind)
		}
	}
}

func TestPostmasterIsNoRecipient(t *testing.T) {
	r, err := (Classifier{}).Classify(msg(
		"From: MAILER-DAEMON@mx.example.org",
		"Subject: failure notice",
		"",
		"For help, write to",
		"  <postmaster@mx.example.org>",
		"",
		"<jane@example.com>:",
		"550 5.1.1 no such user"))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Recipients) != 1 || r.Recipients[0].Address != "jane@example.com" {
		t.Errorf("recipients %+v, want only jane@example.com", r.Recipients)
	}
}
