package bounce

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzClassify feeds Classify anything, seeded with every fixture and
// the rule tests' messages. It must not panic, and what it returns must
// hold together: a bounce names a failed recipient, every kind but
// NotBounce says why, and text meant for display is valid and bounded.
func FuzzClassify(f *testing.F) {
	files, err := filepath.Glob("testdata/*.eml")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add(dsnReport("failed", "5.1.1", ""))
	f.Add(dsnReport("delayed", "4.4.1", "Content-Transfer-Encoding: base64"))
	f.Add([]byte("From: MAILER-DAEMON@x\r\nX-Failed-Recipients: a@b.c\r\n\r\n  a@b.c\r\n550 5.1.1 no\r\n"))
	c := Classifier{VERPPrefix: "bounces"}
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := c.Classify(raw)
		if err != nil {
			if r.Kind != NotBounce {
				t.Fatalf("error %v with kind %s", err, r.Kind)
			}
			return
		}
		checkResult(t, r)
	})
}

// FuzzReport fuzzes the DSN and ARF field readers alone, past the MIME
// walk that shields them in FuzzClassify.
func FuzzReport(f *testing.F) {
	f.Add([]byte("Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b.c\nAction: failed\nStatus: 5.1.1\n"))
	f.Add([]byte("Feedback-Type: abuse\nOriginal-Rcpt-To: a@b.c\nOriginal-Mail-From: <bounces+t@x.y>\n"))
	f.Add([]byte("Final-Recipient: rfc822;\n  folded@b.c\nAction: delayed\n\n\n:\n \tx\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		p := &part{mediaType: "message/delivery-status", body: body}
		rs, _ := readDSN(p)
		for _, r := range rs {
			if r.Kind != HardBounce && r.Kind != SoftBounce {
				t.Fatalf("DSN recipient of kind %s", r.Kind)
			}
		}
		readARF(p, readHeader(body))
	})
}

func checkResult(t *testing.T, r Result) {
	t.Helper()
	if r.Kind < NotBounce || r.Kind > AutoReply {
		t.Fatalf("kind %d out of range", r.Kind)
	}
	if r.Kind != NotBounce && r.Reason == "" {
		t.Fatalf("kind %s without a reason", r.Kind)
	}
	if (r.Kind == HardBounce || r.Kind == SoftBounce) && len(r.Recipients) == 0 {
		t.Fatalf("%s without a recipient", r.Kind)
	}
	if r.Kind == HardBounce && r.Status != "" && r.Status[0] != '5' && r.Recipients[0].Action != "failed" {
		t.Fatalf("hard bounce with status %q", r.Status)
	}
	for _, s := range append([]string{r.Diagnostic}, diagnostics(r)...) {
		if !utf8.ValidString(s) || len(s) > 500 {
			t.Fatalf("diagnostic not fit to show: %q", s)
		}
	}
}

func diagnostics(r Result) []string {
	var out []string
	for _, rc := range r.Recipients {
		out = append(out, rc.Diagnostic)
	}
	return out
}
