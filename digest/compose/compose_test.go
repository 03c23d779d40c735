package compose

import (
	"html"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/digest-newsletter/digest/digest"
	xhtml "golang.org/x/net/html"
)

// hrefs returns every <a href> of an HTML document, entity-decoded.
func hrefs(t *testing.T, doc string) []string {
	t.Helper()
	root, err := xhtml.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for n := range root.Descendants() {
		if n.Type == xhtml.ElementNode && n.Data == "a" {
			for _, a := range n.Attr {
				if a.Key == "href" {
					out = append(out, a.Val)
				}
			}
		}
	}
	return out
}

func TestComposeMessage(t *testing.T) {
	tests := []struct {
		name    string
		sub     digest.Subscriber
		replyTo string
	}{
		{"plain name", digest.Subscriber{ID: 1, Address: "jane@example.com", Name: "Jane Doe"}, "editors@example.org"},
		{"comma in name", digest.Subscriber{ID: 2, Address: "doe@example.com", Name: "Doe, Jane"}, ""},
		{"non-ascii with comma", digest.Subscriber{ID: 3, Address: "jm@example.de", Name: "Müller, Jürgen"}, "Redaktion <r@example.org>"},
		{"cjk name", digest.Subscriber{ID: 4, Address: "yamada@example.jp", Name: "山田 太郎"}, ""},
		{"quotes and backslash", digest.Subscriber{ID: 5, Address: "q@example.com", Name: `Ann "the \ Lamp" O'Hara`}, ""},
		{"no name", digest.Subscriber{ID: 6, Address: "anon@example.com", Status: digest.SubscriberActive}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			opts.ReplyTo = tt.replyTo
			opts.From = `"Japan–NATO Security Brief, Weekly" <digest@example.org>`
			c := mustNew(t, opts)
			ed := testEdition(t)
			msg := mustCompose(t, c, ed, tt.sub)
			m := parseMessage(t, msg.Data)
			link := UnsubscribeURL(opts.PublicURL, opts.Secret, tt.sub)

			if msg.From != "digest@example.org" || msg.To != tt.sub.Address {
				t.Errorf("envelope %q -> %q, want digest@example.org -> %q", msg.From, msg.To, tt.sub.Address)
			}

			want := []string{"From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type",
				"List-Id", "List-Unsubscribe", "List-Unsubscribe-Post"}
			if tt.replyTo != "" {
				want = append(want, "Reply-To")
			} else if n := m.count("Reply-To"); n != 0 {
				t.Errorf("Reply-To present %d times without a configured reply-to", n)
			}
			for _, name := range want {
				if n := m.count(name); n != 1 {
					t.Errorf("header %s appears %d times, want once", name, n)
				}
			}
			if len(m.header) != len(want) {
				t.Errorf("got %d header fields, want %d: %v", len(m.header), len(want), m.header)
			}

			from, err := m.header.AddressList("From")
			if err != nil || len(from) != 1 || from[0].Name != "Japan–NATO Security Brief, Weekly" || from[0].Address != "digest@example.org" {
				t.Errorf("From = %v (%v)", from, err)
			}
			to, err := m.header.AddressList("To")
			if err != nil || len(to) != 1 || to[0].Name != tt.sub.Name || to[0].Address != tt.sub.Address {
				t.Errorf("To = %v (%v), want %q <%s>", to, err, tt.sub.Name, tt.sub.Address)
			}
			if tt.replyTo != "" {
				wantReply, _ := mail.ParseAddress(tt.replyTo)
				got, err := m.header.AddressList("Reply-To")
				if err != nil || len(got) != 1 || *got[0] != *wantReply {
					t.Errorf("Reply-To = %v (%v), want %v", got, err, wantReply)
				}
			}
			if got := decodeHeader(t, m.header.Get("Subject")); got != ed.Subject {
				t.Errorf("Subject = %q, want %q", got, ed.Subject)
			}
			if date, err := m.header.Date(); err != nil || !date.Equal(ed.Date) {
				t.Errorf("Date = %v (%v), want %v", date, err, ed.Date)
			}
			if got := m.header.Get("List-Id"); got != "Harbour Lights <harbour-lights.example.org>" {
				t.Errorf("List-Id = %q", got)
			}
			checkListUnsubscribe(t, m, link, opts.Secret, tt.sub)
			if got := m.header.Get("MIME-Version"); got != "1.0" {
				t.Errorf("MIME-Version = %q", got)
			}
			if id := m.header.Get("Message-ID"); id != "<"+msg.ID+">" {
				t.Errorf("Message-ID header %q, message id %q", id, msg.ID)
			}

			if len(m.parts) != 2 || m.parts[0].mediaType != "text/plain" || m.parts[1].mediaType != "text/html" {
				t.Fatalf("parts %+v, want text/plain then text/html", m.parts)
			}
			for _, p := range m.parts {
				if !strings.EqualFold(p.charset, "utf-8") {
					t.Errorf("%s charset %q, want utf-8", p.mediaType, p.charset)
				}
				if strings.Contains(p.body, Placeholder) {
					t.Errorf("%s still holds the placeholder", p.mediaType)
				}
				if !strings.Contains(p.body, "Grüße aus dem Norden") || !strings.Contains(p.body, "灯台") {
					t.Errorf("%s lost its UTF-8 text", p.mediaType)
				}
			}
			if n := strings.Count(m.parts[0].body, link); n != 1 {
				t.Errorf("text part has the unsubscribe url %d times, want 1", n)
			}
			if n := strings.Count(m.parts[1].body, html.EscapeString(link)); n != 2 {
				t.Errorf("html part has the escaped unsubscribe url %d times, want 2 (href and text)", n)
			}
			if links := hrefs(t, m.parts[1].body); len(links) != 2 || links[1] != link {
				t.Errorf("html hrefs %q, want the unsubscribe url %q second", links, link)
			}
		})
	}
}

var listUnsubscribeRE = regexp.MustCompile(`^<([^<>,\s]+)>$`)

func checkListUnsubscribe(t *testing.T, m parsedMessage, link string, secret []byte, sub digest.Subscriber) {
	t.Helper()
	got := m.header.Get("List-Unsubscribe")
	match := listUnsubscribeRE.FindStringSubmatch(got)
	if match == nil {
		t.Fatalf("List-Unsubscribe = %q, want exactly one <url>", got)
	}
	u, err := url.Parse(match[1])
	if err != nil || u.Scheme != "https" || match[1] != link {
		t.Errorf("List-Unsubscribe url %q (%v), want https %q", match[1], err, link)
	}
	if !VerifyToken(secret, sub, u.Query().Get("t")) {
		t.Errorf("List-Unsubscribe token does not verify")
	}
	if post := m.header.Get("List-Unsubscribe-Post"); post != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q", post)
	}
}

var messageIDRE = regexp.MustCompile(`^digest\.[A-Za-z0-9_-]+\.[0-9]+@example\.org$`)

func TestMessageIDStable(t *testing.T) {
	c := mustNew(t, testOptions())
	alice := digest.Subscriber{ID: 7, Address: "alice@example.com"}
	bob := digest.Subscriber{ID: 8, Address: "bob@example.com"}
	tests := []struct {
		name      string
		edition   string
		otherEd   string // an edition id that must get a different Message-ID
		wantPlain bool   // the id is used as is
	}{
		{"plain id", "ed-2024-03-04", "ed-2024-03-05", true},
		{"id with slash and space", "ed 2024/03", "ed-2024-03", false},
		{"non-ascii id", "ausgabe-größe", "ausgabe-gr--e", false},
		{"long id", strings.Repeat("a", 100), strings.Repeat("a", 101), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ed := testEdition(t)
			ed.ID = tt.edition
			first := mustCompose(t, c, ed, alice)
			again := mustCompose(t, c, ed, alice)
			other := mustCompose(t, c, ed, bob)
			ed2 := testEdition(t)
			ed2.ID = tt.otherEd
			otherEd := mustCompose(t, c, ed2, alice)

			if !messageIDRE.MatchString(first.ID) || len(first.ID) > 100 {
				t.Errorf("Message-ID %q does not match %s", first.ID, messageIDRE)
			}
			if !strings.HasPrefix(first.ID, "digest.") || !strings.HasSuffix(first.ID, ".7@example.org") {
				t.Errorf("Message-ID %q, want digest.<edition>.7@example.org", first.ID)
			}
			if plain := first.ID == "digest."+tt.edition+".7@example.org"; plain != tt.wantPlain {
				t.Errorf("Message-ID %q: id used as is = %v, want %v", first.ID, plain, tt.wantPlain)
			}
			if again.ID != first.ID {
				t.Errorf("same edition and subscriber: %q then %q", first.ID, again.ID)
			}
			if parseMessage(t, again.Data).header.Get("Message-ID") != "<"+first.ID+">" {
				t.Errorf("Message-ID header differs on the second compose")
			}
			if other.ID == first.ID {
				t.Errorf("different subscribers share %q", first.ID)
			}
			if otherEd.ID == first.ID {
				t.Errorf("editions %q and %q share %q", tt.edition, tt.otherEd, first.ID)
			}
		})
	}
}

func TestSubjectEncoding(t *testing.T) {
	tests := []struct {
		name    string
		subject string
		encoded bool // expect RFC 2047 encoded words on the wire
	}{
		{"ascii", "Harbour Lights Weekly: keepers retire", false},
		{"non-ascii", "Japan–NATO: Grüße, 日本とNATOの協力", true},
		{"looks encoded", "=?utf-8?q?not_really?=", true},
		{"long ascii", strings.Repeat("keepers retire as lamps go dark ", 40), false},
		{"long non-ascii", strings.Repeat("灯台守が引退する。", 60), true},
		{"long word", strings.Repeat("x", 1200), true},
		{"tab", "before\tafter", true},
	}
	c := mustNew(t, testOptions())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ed := testEdition(t)
			ed.Subject = tt.subject
			msg := mustCompose(t, c, ed, testSubscriber())
			if err := checkLines(msg.Data); err != nil {
				t.Fatal(err)
			}
			raw := parseMessage(t, msg.Data).header.Get("Subject")
			if got := decodeHeader(t, raw); got != strings.TrimSpace(tt.subject) {
				t.Errorf("decoded Subject %q, want %q", got, strings.TrimSpace(tt.subject))
			}
			if encoded := strings.Contains(raw, "=?utf-8?"); encoded != tt.encoded {
				t.Errorf("Subject %q encoded = %v, want %v", raw, encoded, tt.encoded)
			}
		})
	}
}

func TestLineLengths(t *testing.T) {
	long := strings.Repeat("Lamps and keepers of the northern chain. ", 125) // 5,125 characters
	noSpace := strings.Repeat("ü", 2500)                                     // 5,000 bytes, no break point
	tests := []struct {
		name string
		edit func(ed *testMail, sub *digest.Subscriber)
	}{
		{"5000-character html line", func(ed *testMail, _ *digest.Subscriber) {
			ed.MailHTML = replaceAll(ed.MailHTML, "<h2>", "<p>"+long[:5000]+"</p><h2>")
		}},
		{"5000-byte html line without spaces", func(ed *testMail, _ *digest.Subscriber) {
			ed.MailHTML = replaceAll(ed.MailHTML, "<h2>", "<p>"+noSpace+"</p><h2>")
		}},
		{"long text line", func(ed *testMail, _ *digest.Subscriber) {
			ed.MailText = replaceAll(ed.MailText, "Keepers and lamps", long)
		}},
		{"long names", func(ed *testMail, sub *digest.Subscriber) {
			sub.Name = strings.Repeat("Müller, Jürgen ", 40)
			ed.Subject = strings.Repeat("Grüße ", 100)
		}},
		{"long ascii name with comma", func(_ *testMail, sub *digest.Subscriber) {
			sub.Name = strings.Repeat("Doe, Jane ", 40)
		}},
		{"bare line endings in input", func(ed *testMail, _ *digest.Subscriber) {
			ed.MailText = replaceAll(ed.MailText, "\n", "\r")
			ed.MailHTML = replaceAll(ed.MailHTML, "\n", "\r\n")
		}},
	}
	c := mustNew(t, testOptions())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ed, sub := testEdition(t), testSubscriber()
			tt.edit(ed, &sub)
			msg := mustCompose(t, c, ed, sub)
			for i, line := range strings.Split(string(msg.Data), "\r\n") {
				if len(line) > maxLine {
					t.Errorf("line %d has %d characters", i+1, len(line))
				}
				if strings.ContainsAny(line, "\r\n") {
					t.Errorf("line %d holds a bare CR or LF", i+1)
				}
			}
			m := parseMessage(t, msg.Data)
			to, err := m.header.AddressList("To")
			if err != nil || len(to) != 1 || to[0].Name != strings.TrimSpace(sub.Name) {
				t.Errorf("To = %v (%v), want name %q", to, err, sub.Name)
			}
			if got := decodeHeader(t, m.header.Get("Subject")); got != strings.TrimSpace(ed.Subject) {
				t.Errorf("Subject %q, want %q", got, ed.Subject)
			}
			wantHTML := strings.ReplaceAll(string(ed.MailHTML), Placeholder, html.EscapeString(UnsubscribeURL(testOptions().PublicURL, testSecret(), sub)))
			// Quoted-printable text carries line breaks as CRLF.
			if crlfToLF(m.parts[1].body) != crlfToLF(wantHTML) {
				t.Errorf("html part does not round-trip")
			}
		})
	}
}

func crlfToLF(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }

// A subscriber from the database is named in the Message-ID by its random
// reference, as in its links: the row id would tell every reader roughly
// how many subscribers came before them.
func TestMessageIDNamesNoRowID(t *testing.T) {
	c := mustNew(t, testOptions())
	ref := strings.Repeat("3f", digest.PublicIDLength/2)
	sub := digest.Subscriber{ID: 4242, PublicID: ref, Address: "carol@example.com"}
	got := mustCompose(t, c, testEdition(t), sub).ID
	if !strings.HasSuffix(got, "."+ref+"@example.org") {
		t.Errorf("Message-ID %q, want it to end .%s@example.org", got, ref)
	}
	if strings.Contains(got, "4242") {
		t.Errorf("Message-ID %q names the row id", got)
	}
}
