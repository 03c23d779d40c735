package compose

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

func TestHeaderInjection(t *testing.T) {
	tests := []struct {
		field string
		edit  func(ed *testMail, sub *digest.Subscriber)
	}{
		{"subject", func(ed *testMail, _ *digest.Subscriber) { ed.Subject = "Hi\r\nBcc: victim@example.net" }},
		{"subject", func(ed *testMail, _ *digest.Subscriber) { ed.Subject = "Hi\nX-Evil: 1" }},
		{"subscriber name", func(_ *testMail, sub *digest.Subscriber) { sub.Name = "Jane\rBcc: victim@example.net" }},
		{"subscriber address", func(_ *testMail, sub *digest.Subscriber) { sub.Address = "jane@example.com\r\nBcc: v@example.net" }},
		{"edition id", func(ed *testMail, _ *digest.Subscriber) { ed.ID = "ed-1\nX-Evil: 1" }},
	}
	c := mustNew(t, testOptions())
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			ed, sub := testEdition(t), testSubscriber()
			tt.edit(ed, &sub)
			msg, err := c.Compose(ed.ID, &ed.Rendition, ed.Date, sub)
			if err == nil {
				t.Fatalf("composed %q", msg.Data[:200])
			}
			if !strings.Contains(err.Error(), tt.field) || !strings.Contains(err.Error(), "line break") {
				t.Errorf("error %q does not name %s and the line break", err, tt.field)
			}
		})
	}
}

func TestOptionsInjection(t *testing.T) {
	tests := []struct {
		field string
		edit  func(o *Options)
	}{
		{"list id", func(o *Options) { o.ListID = "Harbour <harbour.example.org>\r\nBcc: v@example.net" }},
		{"from", func(o *Options) { o.From = "Digest <digest@example.org>\nBcc: v@example.net" }},
		{"reply-to", func(o *Options) { o.ReplyTo = "r@example.org\r\nX-Evil: 1" }},
		{"envelope sender", func(o *Options) { o.EnvelopeSender = "b@example.org\n" }},
		{"public url", func(o *Options) { o.PublicURL = "https://digest.example.org/\r\nX-Evil: 1" }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			opts := testOptions()
			tt.edit(&opts)
			_, err := New(opts)
			if err == nil || !strings.Contains(err.Error(), tt.field+": contains a line break") {
				t.Errorf("New error %v, want one naming %s", err, tt.field)
			}
		})
	}
}

func TestComposeRejects(t *testing.T) {
	tests := []struct {
		name string
		want string
		edit func(ed *testMail, sub *digest.Subscriber)
	}{
		{"no placeholder in text", "text part has no unsubscribe placeholder", func(ed *testMail, _ *digest.Subscriber) {
			ed.MailText = replaceAll(ed.MailText, Placeholder, "https://example.org/unsubscribe")
		}},
		{"no placeholder in html", "html part has no unsubscribe placeholder", func(ed *testMail, _ *digest.Subscriber) {
			ed.MailHTML = replaceAll(ed.MailHTML, Placeholder, "#")
		}},
		{"empty html", "html part has no unsubscribe placeholder", func(ed *testMail, _ *digest.Subscriber) { ed.MailHTML = nil }},
		{"empty subject", "subject is empty", func(ed *testMail, _ *digest.Subscriber) { ed.Subject = "  " }},
		{"empty edition id", "edition id is empty", func(ed *testMail, _ *digest.Subscriber) { ed.ID = "" }},
		{"zero date", "edition date is not set", func(ed *testMail, _ *digest.Subscriber) { ed.Date = time.Time{} }},
		{"two addresses", "not a usable email address", func(_ *testMail, sub *digest.Subscriber) { sub.Address = "a@example.com>, <b@example.com" }},
		{"address with name", "not a usable email address", func(_ *testMail, sub *digest.Subscriber) { sub.Address = "Jane <jane@example.com>" }},
		{"non-ascii local part", "SMTPUTF8", func(_ *testMail, sub *digest.Subscriber) { sub.Address = "jürgen@example.de" }},
		{"12,000 characters", "at most 254", func(_ *testMail, sub *digest.Subscriber) { sub.Address = strings.Repeat("a", 12000) + "@example.de" }},
		{"right-to-left override", "U+202E", func(_ *testMail, sub *digest.Subscriber) { sub.Address = "moc.elpmaxe\u202e@example.de" }},
		{"zero subscriber id", "want a positive id", func(_ *testMail, sub *digest.Subscriber) { sub.ID = 0 }},
		{"unsubscribed", "is unsubscribed", func(_ *testMail, sub *digest.Subscriber) { sub.Status = digest.SubscriberUnsubscribed }},
		{"bounced", "is bounced", func(_ *testMail, sub *digest.Subscriber) { sub.Status = digest.SubscriberBounced }},
		{"unfoldable 1000-character name", "line longer than 998", func(_ *testMail, sub *digest.Subscriber) {
			sub.Name = strings.Repeat("Doe,Jane", 125)
		}},
		{"invalid utf-8 body", "not valid utf-8", func(ed *testMail, _ *digest.Subscriber) { ed.MailText = append(ed.MailText, 0xff) }},
	}
	c := mustNew(t, testOptions())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ed, sub := testEdition(t), testSubscriber()
			tt.edit(ed, &sub)
			_, err := c.Compose(ed.ID, &ed.Rendition, ed.Date, sub)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Compose error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestComposeConcurrent(t *testing.T) {
	c := mustNew(t, testOptions())
	ed := testEdition(t)
	var wg sync.WaitGroup
	ids := make([]string, 16)
	errs := make([]error, 16)
	for i := range ids {
		wg.Go(func() {
			msg, err := c.Compose(ed.ID, &ed.Rendition, ed.Date, digest.Subscriber{ID: int64(i + 1), Address: "s@example.com"})
			if err == nil {
				ids[i] = msg.ID
			}
			errs[i] = err
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for i, id := range ids {
		if errs[i] != nil {
			t.Fatalf("subscriber %d: %v", i+1, errs[i])
		}
		if seen[id] {
			t.Errorf("duplicate Message-ID %q", id)
		}
		seen[id] = true
	}
}

// The composer takes an address as digest.ParseAddress gives it: an
// international domain in its ASCII form, and a non-ASCII local part
// only when the relay takes SMTPUTF8.
func TestComposeAddressForms(t *testing.T) {
	tests := []struct {
		name, address string
		smtputf8      bool
		wantTo        string // envelope recipient
	}{
		{"IDN domain", "jm@bücher.example", false, "jm@xn--bcher-kva.example"},
		{"non-ASCII local part with SMTPUTF8", "jürgen@example.de", true, "jürgen@example.de"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			opts.SMTPUTF8 = tt.smtputf8
			sub := testSubscriber()
			sub.Address = tt.address
			msg, err := tryCompose(mustNew(t, opts), testEdition(t), sub)
			if err != nil {
				t.Fatal(err)
			}
			if msg.To != tt.wantTo || !strings.Contains(string(msg.Data), "<"+tt.wantTo+">") {
				t.Errorf("envelope %q; want %q in the envelope and the To header", msg.To, tt.wantTo)
			}
		})
	}
}
