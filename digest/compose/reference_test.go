package compose

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/digest-newsletter/digest/digest"
)

// referenceCompose is the way every message used to be built, kept as
// the oracle for Prepared.Compose: the placeholder replaced in the whole
// source, the whole body encoded by jordan-wright/email, and the header
// written field by field with the folding of the old headerBlock.
func referenceCompose(t *testing.T, c *Composer, ed *testMail, sub digest.Subscriber) []byte {
	t.Helper()
	to, err := mail.ParseAddress("<" + strings.TrimSpace(sub.Address) + ">")
	if err != nil {
		t.Fatal(err)
	}
	to.Name = strings.TrimSpace(sub.Name)
	link := UnsubscribeURL(c.s.publicURL, c.s.secret, sub)
	text := bytes.ReplaceAll(ed.MailText, []byte(Placeholder), []byte(link))
	htmlPart := bytes.ReplaceAll(ed.MailHTML, []byte(Placeholder), []byte(html.EscapeString(link)))
	contentType, _, body, err := mimeBody(text, htmlPart)
	if err != nil {
		t.Fatal(err)
	}
	id := "digest." + idAtom(ed.ID) + "." + fmt.Sprint(sub.ID) + "@" + c.s.fromDomain
	var h strings.Builder
	for _, f := range []struct{ name, value string }{
		{"From", c.s.from},
		{"Reply-To", c.s.replyTo},
		{"To", to.String()},
		{"Subject", encodeText(strings.TrimSpace(ed.Subject))},
		{"Date", ed.Date.Format(time.RFC1123Z)},
		{"Message-ID", "<" + id + ">"},
		{"List-Id", c.s.listID},
		{"List-Unsubscribe", "<" + link + ">"},
		{"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"},
		{"MIME-Version", "1.0"},
		{"Content-Type", contentType},
	} {
		if f.value == "" {
			continue
		}
		line := f.name + ":"
		for i, word := range oldSplitFoldable(f.value) {
			if i == 0 || word == "" || len(line)+1+len(word) <= foldAt {
				line += " " + word
				continue
			}
			h.WriteString(line + "\r\n")
			line = " " + word
		}
		h.WriteString(line + "\r\n")
	}
	return append([]byte(h.String()+"\r\n"), body...)
}

// oldSplitFoldable is the old headerBlock's fold-point splitter.
func oldSplitFoldable(value string) []string {
	var parts []string
	inQuote, escaped, start := false, false, 0
	for i := 0; i < len(value); i++ {
		c := value[i]
		switch {
		case escaped:
			escaped = false
		case c == '\\' && inQuote:
			escaped = true
		case c == '"':
			inQuote = !inQuote
		case c == ' ' && !inQuote:
			parts = append(parts, value[start:i])
			start = i + 1
		}
	}
	return append(parts, value[start:])
}

// rawMessage is a message read with net/mail and mime/multipart, each
// part with its own header and its body quoted-printable decoded here.
type rawMessage struct {
	header mail.Header
	parts  []rawPart
}

type rawPart struct {
	header  textproto.MIMEHeader
	decoded string
}

func readMessage(t *testing.T, data []byte) rawMessage {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := parseContentType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	out := rawMessage{header: msg.Header}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextRawPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if cte := part.Header.Get("Content-Transfer-Encoding"); cte != "quoted-printable" {
			t.Fatalf("part encoded as %q, want quoted-printable", cte)
		}
		decoded, err := io.ReadAll(quotedprintable.NewReader(part))
		if err != nil {
			t.Fatalf("decode part: %v", err)
		}
		out.parts = append(out.parts, rawPart{header: part.Header, decoded: string(decoded)})
	}
	return out
}

func parseContentType(v string) (string, map[string]string, error) {
	return mime.ParseMediaType(v)
}

// boundaryOf returns a message's MIME boundary.
func boundaryOf(t *testing.T, data []byte) string {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	_, params, err := parseContentType(msg.Header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" {
		t.Fatalf("no boundary in %q (%v)", msg.Header.Get("Content-Type"), err)
	}
	return params["boundary"]
}

// spliceEditions are made-up editions that put the placeholder where the
// splicing could go wrong.
func spliceEditions(t *testing.T) map[string]*testMail {
	t.Helper()
	long := strings.Repeat("Keepers and lamps of the northern chain, ", 6)
	eds := map[string]*testMail{"fixture": testEdition(t)}
	add := func(name, text, htmlPart string) {
		ed := testEdition(t)
		ed.MailText, ed.MailHTML = []byte(text), []byte(htmlPart)
		eds[name] = ed
	}
	p := Placeholder
	add("placeholder first and last, no final newline",
		p+" is where you leave\nGrüße\n"+long+p,
		`<p><a href="`+p+`">x</a></p>`+"\n<p>"+long+"</p>\n"+p)
	add("twice on a line and on several lines",
		"Leave: "+p+" or "+p+"\nmiddle\n\nagain "+p+"\n",
		"<a href=\""+p+"\">"+p+"</a>\n<p>€ 2.4 = 2,4</p>\n<a href=\""+p+"\">Unsubscribe</a>\n")
	add("long lines forcing soft breaks around the link",
		long+long+p+long+"\n"+strings.Repeat("ü", 80)+p+"\n",
		"<p style=\"font-size:12px\">"+long+long+"<a href=\""+p+"\">"+long+"</a></p>\n")
	add("trailing spaces and tabs next to the link",
		"before \t\n"+p+" \t\nafter \n",
		"<p> \n"+p+"\t\n</p>\t")
	add("crlf line endings",
		"head\r\n"+p+"\r\nfoot\r\n",
		"<p>\r\n<a href=\""+p+"\">x</a>\r\n</p>\r\n")
	add("bare carriage returns before the link line",
		"one\rtwo é\n"+p+"\nthree\r=\n",
		"<p>\r€\n<a href=\""+p+"\">x</a>\r\n</p>\r")
	add("equals signs and non-ascii around the link",
		"=="+p+"==\n灯台"+p+"灯台\n",
		"<a href=\""+p+"\">=</a>€\n")
	return eds
}

func TestPreparedMatchesReference(t *testing.T) {
	subscribers := []digest.Subscriber{
		{ID: 7, Address: "jane@example.com", Name: "Jane Doe"},
		{ID: 42, Address: "doe@example.com", Name: "Doe, Jane"},
		{ID: 12345, Address: "jm@example.de", Name: "Müller, Jürgen"},
		{ID: 9_876_543_210, Address: "yamada@example.jp", Name: "山田 太郎"},
		{ID: 3, Address: "anon@example.com"},
	}
	longURL := "https://digest.example.org/" + strings.Repeat("very-long-path-segment/", 18)
	for _, publicURL := range []string{"https://digest.example.org/", longURL} {
		opts := testOptions()
		opts.PublicURL = publicURL
		c := mustNew(t, opts)
		for name, ed := range spliceEditions(t) {
			t.Run(fmt.Sprintf("%s/url %d", name, len(publicURL)), func(t *testing.T) {
				p, err := c.Prepare(ed.ID, &ed.Rendition, ed.Date)
				if err != nil {
					t.Fatal(err)
				}
				for _, sub := range subscribers {
					got, err := p.Compose(sub)
					if err != nil {
						t.Fatalf("subscriber %d: %v", sub.ID, err)
					}
					want := referenceCompose(t, c, ed, sub)
					compareMessages(t, got.Data, want)
					// Apart from the random boundary, the bytes are the same.
					same := bytes.ReplaceAll(got.Data, []byte(boundaryOf(t, got.Data)), []byte(boundaryOf(t, want)))
					if !bytes.Equal(same, want) {
						t.Errorf("subscriber %d: bytes differ from the reference beyond the boundary:\n%s", sub.ID, firstDifference(same, want))
					}
					if err := checkLines(got.Data); err != nil {
						t.Errorf("subscriber %d: %v", sub.ID, err)
					}
				}
			})
		}
	}
}

// compareMessages parses both messages as a reader would and compares
// every header field and every decoded part.
func compareMessages(t *testing.T, got, want []byte) {
	t.Helper()
	g, w := readMessage(t, got), readMessage(t, want)
	if len(g.header) != len(w.header) {
		t.Errorf("%d header fields, reference has %d", len(g.header), len(w.header))
	}
	for name, values := range w.header {
		if name == "Content-Type" {
			continue // the boundary is random
		}
		if fmt.Sprint(g.header[name]) != fmt.Sprint(values) {
			t.Errorf("%s = %q, reference %q", name, g.header[name], values)
		}
	}
	gt, gp, err1 := parseContentType(g.header.Get("Content-Type"))
	wt, wp, err2 := parseContentType(w.header.Get("Content-Type"))
	if err1 != nil || err2 != nil || gt != wt || len(gp) != len(wp) {
		t.Errorf("Content-Type %q, reference %q", g.header.Get("Content-Type"), w.header.Get("Content-Type"))
	}
	if len(g.parts) != len(w.parts) {
		t.Fatalf("%d parts, reference has %d", len(g.parts), len(w.parts))
	}
	for i := range w.parts {
		if fmt.Sprint(g.parts[i].header) != fmt.Sprint(w.parts[i].header) {
			t.Errorf("part %d header %v, reference %v", i, g.parts[i].header, w.parts[i].header)
		}
		if g.parts[i].decoded != w.parts[i].decoded {
			t.Errorf("part %d decodes differently:\n%s", i, firstDifference([]byte(g.parts[i].decoded), []byte(w.parts[i].decoded)))
		}
	}
}

func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-40)
	return fmt.Sprintf("at byte %d: %q\nreference: %q", i, a[from:min(len(a), i+40)], b[from:min(len(b), i+40)])
}
