package compose

import (
	"strings"
	"testing"
)

func TestNewRejects(t *testing.T) {
	tests := []struct {
		name string
		edit func(o *Options)
		want string
	}{
		{"no from", func(o *Options) { o.From = "" }, "from: address is required"},
		{"unquoted comma in from", func(o *Options) { o.From = "Brief, Weekly <digest@example.org>" }, "from:"},
		{"from without domain dot", func(o *Options) { o.From = "digest@localhost" }, "not an ascii host name"},
		{"non-ascii from address", func(o *Options) { o.From = "digest@exämple.org" }, "not ascii"},
		{"bad reply-to", func(o *Options) { o.ReplyTo = "not an address" }, "reply-to:"},
		{"bad envelope sender", func(o *Options) { o.EnvelopeSender = "bounces@" }, "envelope sender:"},
		{"no list id", func(o *Options) { o.ListID = " " }, "list id is required"},
		{"list id without dot", func(o *Options) { o.ListID = "Brief <brief>" }, "want a dot-atom"},
		{"list id with space", func(o *Options) { o.ListID = "brief list.example.org" }, "want a dot-atom"},
		{"list id unbalanced", func(o *Options) { o.ListID = "Brief list.example.org>" }, "unbalanced"},
		{"no public url", func(o *Options) { o.PublicURL = "" }, "public url is required"},
		{"http public url", func(o *Options) { o.PublicURL = "http://digest.example.org" }, "must be https"},
		{"ftp public url", func(o *Options) { o.PublicURL = "ftp://digest.example.org" }, "must be https"},
		{"public url with query", func(o *Options) { o.PublicURL = "https://digest.example.org/?a=1" }, "without credentials, query"},
		{"public url with credentials", func(o *Options) { o.PublicURL = "https://u:p@digest.example.org" }, "without credentials"},
		{"public url too long", func(o *Options) { o.PublicURL = "https://digest.example.org/" + strings.Repeat("a", 600) }, "longer than"},
		{"short secret", func(o *Options) { o.Secret = []byte("short") }, "at least 32 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			tt.edit(&opts)
			if _, err := New(opts); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestNewFormatsSettings(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(o *Options)
		envelope string
		listID   string
		from     string
	}{
		{"defaults", func(o *Options) {}, "digest@example.org", "Harbour Lights <harbour-lights.example.org>", `"Harbour Lights Weekly" <digest@example.org>`},
		{"envelope sender", func(o *Options) { o.EnvelopeSender = "<bounces@mail.example.org>" }, "bounces@mail.example.org", "", ""},
		{"bare list id", func(o *Options) { o.ListID = "harbour-lights.example.org" }, "", "<harbour-lights.example.org>", ""},
		{"list name with comma", func(o *Options) { o.ListID = `"Lights, Weekly" <l.example.org>` }, "", `"Lights, Weekly" <l.example.org>`, ""},
		{"non-ascii list name", func(o *Options) { o.ListID = "Japan–NATO Brief <japan-nato.example.org>" },
			"", "=?utf-8?b?SmFwYW7igJNOQVRPIEJyaWVm?= <japan-nato.example.org>", ""},
		{"non-ascii from", func(o *Options) { o.From = "Japan–NATO Security Brief <digest@example.org>" },
			"", "", "=?utf-8?q?Japan=E2=80=93NATO_Security_Brief?= <digest@example.org>"},
		{"loopback http", func(o *Options) { o.PublicURL = "http://127.0.0.1:8080/" }, "", "", ""},
		{"localhost http", func(o *Options) { o.PublicURL = "http://localhost:8080" }, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			tt.edit(&opts)
			c := mustNew(t, opts)
			if tt.envelope != "" && c.s.envelopeSender != tt.envelope {
				t.Errorf("envelope sender %q, want %q", c.s.envelopeSender, tt.envelope)
			}
			if tt.listID != "" && c.s.listID != tt.listID {
				t.Errorf("List-Id %q, want %q", c.s.listID, tt.listID)
			}
			if tt.from != "" && c.s.from != tt.from {
				t.Errorf("From %q, want %q", c.s.from, tt.from)
			}
			if strings.HasSuffix(c.s.publicURL, "/") {
				t.Errorf("public url %q keeps its trailing slash", c.s.publicURL)
			}
		})
	}
}

func TestNewCopiesSecret(t *testing.T) {
	opts := testOptions()
	c := mustNew(t, opts)
	sub := testSubscriber()
	before := Token(c.s.secret, sub)
	opts.Secret[0] ^= 0xff // the caller reuses its buffer
	if Token(c.s.secret, sub) != before {
		t.Error("Composer shares the caller's secret buffer")
	}
}
